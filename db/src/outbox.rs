//! The outbox: every email is written here in the same transaction as what it announces, so
//! none is lost when the mail server is down or the app restarts. The mail worker takes what
//! is due, delivers it and records the outcome; a failed attempt is retried with backoff.

use crate::Error;
use crate::contacts::edit::{change, record};
use crate::entity::contact_event::Kind;
use crate::entity::outbox_message::Status;
use crate::entity::{contact, outbox_message};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::sync::Arc;
use tokio::sync::Notify;

/// What an outbox message announces.
pub mod kind {
    pub const INVITATION: &str = "invitation";
    pub const INVITATION_ACCEPTED: &str = "invitation_accepted";
    pub const INVITATION_EXPIRED: &str = "invitation_expired";
}

/// Attempts before a message is given up on (about a day and a half of retries).
pub const MAX_ATTEMPTS: i32 = 16;
/// How long a worker owns a message it is delivering before another may try it.
const LEASE: Duration = Duration::minutes(2);
/// How long a message is kept once delivered or given up on (the development mailbox shows
/// it meanwhile). An invitation's email carries its link, and the link lives 30 days: past
/// that, the message is deleted rather than kept with a copy of the link.
pub const RETENTION: Duration = Duration::days(30);

/// An email, composed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The invitation link the email gives, for an invitation.
    pub link: Option<String>,
}

/// Wakes the mail worker when something was written to the outbox. Clones share the signal.
#[derive(Clone, Debug, Default)]
pub struct Wakeup(Arc<Notify>);

impl Wakeup {
    pub fn notify(&self) {
        self.0.notify_one();
    }

    pub async fn notified(&self) {
        self.0.notified().await
    }
}

/// Writes `mail`, written for `organization_id`, to the outbox, due at once.
pub(crate) async fn enqueue<C: ConnectionTrait>(
    db: &C,
    mail: Mail,
    kind: &str,
    organization_id: i32,
    contact_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    outbox_message::ActiveModel {
        organization_id: Set(Some(organization_id)),
        link: Set(mail.link),
        recipient: Set(mail.to),
        subject: Set(mail.subject),
        text_body: Set(mail.text),
        html_body: Set(mail.html),
        kind: Set(kind.into()),
        contact_id: Set(contact_id),
        status: Set(Status::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(String::new()),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Writes the invitation email `mail` to `contact`, whose history records its delivery.
pub(crate) async fn enqueue_invitation<C: ConnectionTrait>(
    db: &C,
    mail: Mail,
    contact: &crate::entity::contact::Model,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    enqueue(
        db,
        mail,
        kind::INVITATION,
        contact.organization_id,
        Some(contact.id),
        now,
    )
    .await
}

/// The ids of the messages due for delivery, oldest first.
pub async fn due<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<i32>, Error> {
    Ok(outbox_message::Entity::find()
        .select_only()
        .column(outbox_message::Column::Id)
        .filter(outbox_message::Column::Status.eq(Status::Pending))
        .filter(outbox_message::Column::NextAttemptAt.lte(now))
        .order_by_asc(outbox_message::Column::NextAttemptAt)
        .order_by_asc(outbox_message::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?)
}

/// Takes the message for one delivery attempt: nobody else will try it for a while. None when
/// another worker took it first, or it is no longer due.
pub async fn take<C: ConnectionTrait>(
    db: &C,
    id: i32,
    now: DateTime<Utc>,
) -> Result<Option<outbox_message::Model>, Error> {
    let taken = outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::NextAttemptAt,
            Expr::value(now + LEASE),
        )
        .col_expr(
            outbox_message::Column::Attempts,
            Expr::col(outbox_message::Column::Attempts).add(1),
        )
        .filter(outbox_message::Column::Id.eq(id))
        .filter(outbox_message::Column::Status.eq(Status::Pending))
        .filter(outbox_message::Column::NextAttemptAt.lte(now))
        .exec(db)
        .await?;
    if taken.rows_affected == 0 {
        return Ok(None);
    }
    Ok(outbox_message::Entity::find_by_id(id).one(db).await?)
}

/// The wait before attempt `attempts + 1`: 1 s, 2 s, 4 s… up to 5 minutes.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = attempts.clamp(1, 20) - 1;
    Duration::seconds(std::cmp::Ord::min(1i64 << exponent, 300))
}

async fn contact_of<C: ConnectionTrait>(
    db: &C,
    message: &outbox_message::Model,
) -> Result<Option<contact::Model>, Error> {
    match message.contact_id {
        Some(id) if message.kind == kind::INVITATION => {
            Ok(contact::Entity::find_by_id(id).one(db).await?)
        }
        _ => Ok(None),
    }
}

/// Records that the message was delivered (and, for an invitation, in the contact's history).
pub async fn delivered<C: ConnectionTrait>(
    db: &C,
    message: &outbox_message::Model,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::Status, Expr::value(Status::Sent))
        .col_expr(outbox_message::Column::SentAt, Expr::value(now))
        .col_expr(outbox_message::Column::LastError, Expr::value(""))
        .filter(outbox_message::Column::Id.eq(message.id))
        .exec(db)
        .await?;
    if let Some(contact) = contact_of(db, message).await? {
        let changes = [change("email", "", message.recipient.clone())];
        record(db, &contact, None, now, Kind::InvitationDelivered, &changes).await?;
    }
    Ok(())
}

/// Records a failed attempt: the message is retried after [`backoff`], or given up on after
/// [`MAX_ATTEMPTS`] (and, for an invitation, the failure enters the contact's history).
pub async fn attempt_failed<C: ConnectionTrait>(
    db: &C,
    message: &outbox_message::Model,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let give_up = message.attempts >= MAX_ATTEMPTS;
    let error: String = error.chars().take(1000).collect();
    let mut update = outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::LastError, Expr::value(error))
        .filter(outbox_message::Column::Id.eq(message.id));
    update = if give_up {
        update.col_expr(outbox_message::Column::Status, Expr::value(Status::Failed))
    } else {
        update.col_expr(
            outbox_message::Column::NextAttemptAt,
            Expr::value(now + backoff(message.attempts)),
        )
    };
    update.exec(db).await?;
    if give_up && let Some(contact) = contact_of(db, message).await? {
        let changes = [change("email", "", message.recipient.clone())];
        record(db, &contact, None, now, Kind::InvitationFailed, &changes).await?;
    }
    Ok(())
}

/// Deletes the messages delivered or given up on that were written more than [`RETENTION`]
/// before `now`; a message still being delivered is kept whatever its age. Returns how many
/// were deleted.
pub async fn purge<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, Error> {
    let deleted = outbox_message::Entity::delete_many()
        .filter(outbox_message::Column::Status.is_in([Status::Sent, Status::Failed]))
        .filter(outbox_message::Column::CreatedAt.lt(now - RETENTION))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}

/// The most recent messages, newest first: the development mailbox.
pub async fn recent<C: ConnectionTrait>(
    db: &C,
    organization_id: i32,
    limit: u64,
) -> Result<Vec<outbox_message::Model>, Error> {
    Ok(outbox_message::Entity::find()
        .filter(outbox_message::Column::OrganizationId.eq(organization_id))
        .order_by_desc(outbox_message::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_up_to_five_minutes() {
        assert_eq!(backoff(1), Duration::seconds(1));
        assert_eq!(backoff(2), Duration::seconds(2));
        assert_eq!(backoff(5), Duration::seconds(16));
        assert_eq!(backoff(12), Duration::seconds(300));
        assert_eq!(backoff(MAX_ATTEMPTS), Duration::seconds(300));
    }
}
