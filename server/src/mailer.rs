//! The mail worker: delivers what the outbox holds over SMTP (`SMTP_URL`), retrying with
//! backoff while the mail server is down, or, without `SMTP_URL`, keeps each email in the
//! development mailbox. It also runs the periodic expiry of invitations.

use app::server::AppState;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How emails leave the app.
#[derive(Clone)]
pub enum Transport {
    /// Over SMTP, from this sender.
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    /// Kept in the outbox and shown on the development mailbox.
    Mailbox,
}

/// Why the mail settings are not usable.
#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("SMTP_URL is not a usable SMTP address: {0}")]
    Url(String),
    #[error("MAIL_FROM is not an email address: {0}")]
    From(String),
}

impl Transport {
    /// SMTP when `smtp_url` is given (e.g. `smtp://127.0.0.1:2525`,
    /// `smtps://user:pass@mail.example:465`), the development mailbox otherwise.
    pub fn new(smtp_url: Option<&str>, from: &str) -> Result<Self, MailConfigError> {
        let Some(url) = smtp_url else {
            return Ok(Self::Mailbox);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailConfigError::Url(e.to_string()))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = from
            .parse()
            .map_err(|e: lettre::address::AddressError| MailConfigError::From(e.to_string()))?;
        Ok(Self::Smtp { transport, from })
    }

    async fn deliver(&self, message: &db::entity::outbox_message::Model) -> Result<(), String> {
        let Self::Smtp { transport, from } = self else {
            return Ok(());
        };
        let to: Mailbox = message
            .recipient
            .parse()
            .map_err(|e: lettre::address::AddressError| format!("recipient: {e}"))?;
        let email = Message::builder()
            .from(from.clone())
            .to(to)
            // The same at every attempt: a message delivered again after a crash between the
            // mail server's answer and the outbox's record of it is recognisably the same.
            .message_id(Some(message_id(message, from)))
            .subject(message.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                message.text_body.clone(),
                message.html_body.clone(),
            ))
            .map_err(|e| format!("message: {e}"))?;
        transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// The Message-ID of an outbox message: its row and the moment it was written, at the
/// sender's domain.
fn message_id(message: &db::entity::outbox_message::Model, from: &Mailbox) -> String {
    format!(
        "<outbox.{}.{}@{}>",
        message.id,
        message.created_at.timestamp(),
        from.email.domain()
    )
}

/// Delivers every message due now; returns how many were delivered.
pub async fn deliver_due(state: &AppState, transport: &Transport) -> Result<usize, db::Error> {
    let mut delivered = 0;
    for id in db::outbox::due(&state.db, state.clock.now(), 20).await? {
        let Some(message) = db::outbox::take(&state.db, id, state.clock.now()).await? else {
            continue;
        };
        match transport.deliver(&message).await {
            Ok(()) => {
                db::outbox::delivered(&state.db, &message, state.clock.now()).await?;
                delivered += 1;
            }
            Err(error) => {
                tracing::warn!(id, attempt = message.attempts, %error, "email not delivered");
                db::outbox::attempt_failed(&state.db, &message, &error, state.clock.now()).await?;
            }
        }
    }
    Ok(delivered)
}

/// Runs the worker until the process ends: delivers when woken and every few seconds (for
/// retries); every minute, expires invitations and deletes emails past their retention.
pub fn spawn(state: AppState, transport: Transport) {
    tokio::spawn(async move {
        let mut expiry = tokio::time::interval(Duration::from_secs(60));
        loop {
            tokio::select! {
                _ = state.mail.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(2)) => {}
                _ = expiry.tick() => {
                    if let Err(err) = app::invitations::server::expire_due(&state).await {
                        tracing::warn!(error = %err, "could not expire invitations");
                    }
                    match db::outbox::purge(&state.db, state.clock.now()).await {
                        Ok(0) => {}
                        Ok(count) => tracing::info!(count, "old emails deleted from the outbox"),
                        Err(err) => tracing::warn!(error = %err, "could not purge the outbox"),
                    }
                }
            }
            if let Err(err) = deliver_due(&state, &transport).await {
                tracing::warn!(error = %err, "could not read the outbox");
            }
        }
    });
}
