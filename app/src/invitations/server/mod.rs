//! The server side of invitations: who may invite whom with which profiles, sending,
//! resending, opening and accepting a link, the development mailbox, and expiry.

pub mod mail;

use super::dto::{
    AcceptError, GrantableProfile, InviteInput, InviteSettings, Invitee, LinkRefusal, LinkView,
    MailStatus, MailView,
};
use crate::auth::oidc::Purpose;
use crate::contacts::form::ContactInput;
use crate::contacts::server::validate;
use crate::domain::limits::PASSWORD_MAX;
use crate::domain::{
    ContactId, Localized, ProfileId, localized_date, localized_date_time, module_name,
};
use crate::error::{AppError, Field, ValidationCode};
use crate::routes;
use crate::server::{
    ACCOUNT_KEY, AppState, Call, Caller, PasswordRefused, admin, check_password, internal, member,
    session, start_session, state,
};
use db::entity::outbox_message::Status as OutboxStatus;
use db::invitations::{self as store, Invite, Refusal};

/// Shortest password of a new demo account.
const PASSWORD_MIN: usize = 8;
/// The catalogue, each profile marked grantable or not by this administrator.
async fn grantable_profiles(
    db: &db::DatabaseConnection,
    caller: &Caller,
) -> Result<Vec<GrantableProfile>, AppError> {
    let modules = caller.membership.administered_modules();
    Ok(db::contacts::profile_catalogue(db)
        .await?
        .into_iter()
        .map(|p| GrantableProfile {
            id: ProfileId(p.id),
            grantable: store::may_grant(&modules, &p),
            module: module_name(&p.module),
            module_code: p.module,
            label: Localized {
                fr: p.label_fr,
                en: p.label_en,
            },
        })
        .collect())
}

/// Checks an invitation request's form: unknown profiles are a field error, then the message
/// and the count. Whether the administrator may grant the profiles is the store's rule
/// ([`store::grantable_by`]), applied in the transaction that writes the invitation.
fn checked(profiles: &[GrantableProfile], input: &InviteInput) -> Result<Invite, AppError> {
    let catalogue: Vec<ProfileId> = profiles.iter().map(|p| p.id).collect();
    if input.profiles.iter().any(|id| !catalogue.contains(id)) {
        return Err(AppError::invalid(
            Field::Profiles,
            ValidationCode::UnknownProfile,
        ));
    }
    let valid = input.parse(&catalogue).map_err(AppError::Validation)?;
    Ok(Invite {
        profile_ids: valid.profiles.iter().map(|p| p.0).collect(),
        message: valid.message,
    })
}

/// What the invitation form needs: for the contact `id`, or for a contact being added.
/// Administrators only; a contact that cannot be invited (inactive, with access, or with a
/// pending invitation) is a conflict.
#[tracing::instrument(name = "invitation_form", skip_all)]
pub async fn form(id: Option<ContactId>) -> Result<InviteSettings, AppError> {
    let id = id.map(|id| id.0);
    let Call {
        caller, state, now, ..
    } = admin().await?;
    let profiles = grantable_profiles(&state.db, &caller).await?;
    let mut initial = InviteInput::default();
    let mut reused_from = None;
    let invitee = match id {
        None => None,
        Some(id) => {
            let c = db::contacts::edit::find(&state.db, caller.organization_id(), id).await?;
            let latest = store::latest(&state.db, c.id).await?;
            let pending = latest
                .as_ref()
                .is_some_and(|(i, _)| i.status == db::entity::invitation::Status::Pending);
            if !c.active || c.account_id.is_some() || pending {
                return Err(AppError::Conflict);
            }
            // Only an invitation that expired is sent again as it was; after a retraction or
            // a removal of access the administrator starts afresh.
            let expired =
                latest.filter(|(i, _)| i.status == db::entity::invitation::Status::Expired);
            if let Some((previous, granted)) = expired {
                reused_from = Some(localized_date(previous.sent_at));
                initial.profiles = granted
                    .into_iter()
                    .map(ProfileId)
                    .filter(|id| profiles.iter().any(|p| p.id == *id && p.grantable))
                    .collect();
                initial.message = previous.message;
            }
            Some(Invitee {
                id: ContactId(c.id),
                first_name: c.first_name,
                last_name: c.last_name,
                email: c.email,
            })
        }
    };
    Ok(InviteSettings {
        invitee,
        profiles,
        valid_until: localized_date(now + store::VALID_FOR),
        initial,
        reused_from,
    })
}

/// Invites the existing contact `id`. Administrators only.
#[tracing::instrument(name = "send_invitation", skip_all, fields(id = id.0))]
pub async fn send(id: ContactId, input: InviteInput) -> Result<(), AppError> {
    let id = id.0;
    let Call {
        caller, state, now, ..
    } = admin().await?;
    let invite = checked(&grantable_profiles(&state.db, &caller).await?, &input)?;
    store::send(
        &state.db,
        caller.organization_id(),
        caller.account_id,
        id,
        &invite,
        now,
        |m| mail::invitation(m, &state.public_url),
    )
    .await?;
    state.mail.notify();
    Ok(())
}

/// Adds a contact and invites it, in one transaction. Every error of both parts at once.
/// Administrators only. Returns the contact's id.
#[tracing::instrument(name = "create_contact_with_access", skip_all)]
pub async fn create_with_access(
    contact: ContactInput,
    input: InviteInput,
) -> Result<ContactId, AppError> {
    let Call {
        caller, state, now, ..
    } = admin().await?;
    let profiles = grantable_profiles(&state.db, &caller).await?;
    let data = validate(&state.db, &caller, &contact).await;
    let invite = checked(&profiles, &input);
    let (data, invite) = match (data, invite) {
        (Ok(data), Ok(invite)) => (data, invite),
        (Err(AppError::Validation(mut a)), Err(AppError::Validation(b))) => {
            a.extend(b);
            return Err(AppError::Validation(a));
        }
        (Err(err), _) | (_, Err(err)) => return Err(err),
    };
    let (created, _) = store::create_and_send(
        &state.db,
        caller.organization_id(),
        caller.account_id,
        &data,
        &invite,
        now,
        |m| mail::invitation(m, &state.public_url),
    )
    .await?;
    state.mail.notify();
    Ok(ContactId(created.id))
}

/// Sends the contact's pending or expired invitation again with a new link. Administrators
/// only, and only those who may grant every profile it grants (else 403 naming the module,
/// and nothing is written).
#[tracing::instrument(name = "resend_invitation", skip_all, fields(id = id.0))]
pub async fn resend(id: ContactId) -> Result<(), AppError> {
    let id = id.0;
    let Call {
        caller, state, now, ..
    } = admin().await?;
    store::resend(
        &state.db,
        caller.organization_id(),
        caller.account_id,
        id,
        now,
        |m| mail::invitation(m, &state.public_url),
    )
    .await?;
    state.mail.notify();
    Ok(())
}

fn link_refusal(refusal: Refusal) -> LinkRefusal {
    match refusal {
        Refusal::Unknown => LinkRefusal::Unknown,
        Refusal::Expired => LinkRefusal::Expired,
        Refusal::Retracted => LinkRefusal::Retracted,
        Refusal::Used => LinkRefusal::Used,
        Refusal::SenderCannotGrant => LinkRefusal::SenderCannotGrant,
    }
}

/// The account signed in in this browser, whether or not it acts for an organisation yet.
async fn signed_in_account(
    state: &AppState,
) -> Result<Option<db::entity::account::Model>, AppError> {
    let account: Option<i32> = session().await?.get(ACCOUNT_KEY).await.map_err(internal)?;
    match account {
        Some(id) => match db::auth::account(&state.db, id).await {
            Ok(account) => Ok(Some(account)),
            Err(db::Error::NotFound) => Ok(None),
            Err(err) => Err(err.into()),
        },
        None => Ok(None),
    }
}

/// What the link of `token` leads to. Anyone holding the link may ask.
#[tracing::instrument(name = "open_invitation", skip_all)]
pub async fn open(token: String) -> Result<LinkView, AppError> {
    let state = state()?;
    let now = state.clock.now();
    let opened = match store::open(&state.db, &token, now).await? {
        Ok(opened) => opened,
        Err(refusal) => return Ok(LinkView::Refused(link_refusal(refusal))),
    };
    let sender = match opened.invitation.sent_by {
        Some(id) => db::auth::account(&state.db, id)
            .await
            .map(|a| a.login())
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(LinkView::Valid {
        organization: opened.organization.name,
        first_name: opened.contact.first_name,
        last_name: opened.contact.last_name,
        email: opened.contact.email,
        sender,
        valid_until: localized_date(opened.invitation.expires_at),
        signed_in_as: signed_in_account(&state).await?.map(|a| a.login()),
    })
}

/// Accepts the invitation of `token` as the account signed in here, or signing in with
/// `email` and `password`, or opening a new account with `password` (`new_account`) for the
/// address the invitation was sent to: receiving the link proves that mailbox, and no other
/// address can be tried, so the page tells nobody whether some email has an account (a typed
/// `email` is not read then). Answers with redirects, so the plain form works without
/// WebAssembly: to the contacts page once accepted, else back to the link with a reason.
#[tracing::instrument(name = "accept_invitation", skip_all)]
pub async fn accept(
    token: String,
    email: String,
    password: String,
    new_account: bool,
) -> Result<(), AppError> {
    let state = state()?;
    let now = state.clock.now();
    // A link that no longer works changes nothing, not even an account.
    let Ok(opened) = store::open(&state.db, &token, now).await? else {
        leptos_axum::redirect(&routes::invitation(&token));
        return Ok(());
    };
    let refuse = async |error: AcceptError| -> Result<(), AppError> {
        // A refused sign-in form shows its email again.
        if !new_account {
            crate::server::keep_typed_email(&email).await?;
        }
        leptos_axum::redirect(&back_to_link(&token, error));
        Ok(())
    };
    let signed_in_here = !new_account && email.trim().is_empty() && password.is_empty();
    if state.production && !signed_in_here {
        return refuse(AcceptError::Disabled).await;
    }
    if new_account {
        if password.chars().count() < PASSWORD_MIN {
            return refuse(AcceptError::ShortPassword).await;
        }
        if password.len() > PASSWORD_MAX {
            return refuse(AcceptError::Invalid).await;
        }
        let password_hash = db::auth::argon2(move || db::auth::hash_password(&password)).await??;
        let new = store::Acceptor::New {
            email: &opened.contact.email,
            password_hash,
        };
        return match accept_as(&state, &token, new).await {
            Err(AppError::Conflict) => refuse(AcceptError::AccountExists).await,
            outcome => outcome.map(|_| ()),
        };
    }
    let account = if signed_in_here {
        match signed_in_account(&state).await? {
            Some(account) => account,
            None => return refuse(AcceptError::Invalid).await,
        }
    } else {
        match check_password(&state, &email, &password).await? {
            Ok(account) => account,
            Err(PasswordRefused::Invalid) => return refuse(AcceptError::Invalid).await,
            Err(PasswordRefused::MustWait) => return refuse(AcceptError::MustWait).await,
        }
    };
    accept_as(&state, &token, store::Acceptor::Account(account.id))
        .await
        .map(|_| ())
}

/// Where the invitation page of `token` shows `error`.
pub(crate) fn back_to_link(token: &str, error: AcceptError) -> String {
    format!("{}?error={}", routes::invitation(token), error.code())
}

/// Accepts the invitation of `token` for `acceptor` (an account signed in by the demo identity
/// provider or OpenID Connect, or a new account of the demo identity provider) and signs it in
/// for the organisation, answering with a redirect: to the contacts page, or back to the link
/// with the reason it did not work. Whether it accepted. A new account whose email is taken
/// already is [`AppError::Conflict`], and nothing changed.
pub(crate) async fn accept_as(
    state: &AppState,
    token: &str,
    acceptor: store::Acceptor<'_>,
) -> Result<bool, AppError> {
    let now = state.clock.now();
    let contact = match store::accept_by(&state.db, token, acceptor, now, mail::accepted).await {
        Ok(Ok(contact)) => contact,
        // The page says why the link no longer works.
        Ok(Err(_)) => {
            leptos_axum::redirect(&routes::invitation(token));
            return Ok(false);
        }
        Err(db::Error::Conflict(_)) => {
            leptos_axum::redirect(&back_to_link(token, AcceptError::AlreadyMember));
            return Ok(false);
        }
        Err(db::Error::AccountExists) => return Err(AppError::Conflict),
        Err(err) => return Err(err.into()),
    };
    state.mail.notify();
    // The accepted contact is linked to the account, new or not.
    let account_id = contact
        .account_id
        .ok_or_else(|| internal("an accepted contact without its account"))?;
    start_session(account_id, contact.organization_id).await?;
    tracing::info!(
        account = account_id,
        contact = contact.id,
        "invitation accepted"
    );
    leptos_axum::redirect(&format!("{}?welcome=1", routes::CONTACTS));
    Ok(true)
}

/// Sends the invitee to the OpenID provider to sign in with their identity account; coming
/// back, the invitation is accepted as that account (`crate::auth::server::oidc_callback`).
#[tracing::instrument(name = "oidc_accept_invitation", skip_all)]
pub async fn oidc_accept(token: String) -> Result<(), AppError> {
    let state = state()?;
    // A link that no longer works says why, without a trip to the provider.
    if store::open(&state.db, &token, state.clock.now())
        .await?
        .is_err()
    {
        leptos_axum::redirect(&routes::invitation(&token));
        return Ok(());
    }
    let back = back_to_link(&token, AcceptError::Unavailable);
    crate::auth::server::to_provider(&state, Purpose::Accept { token }, &back).await
}

/// The development mailbox: the latest emails written for the organisation the caller acts
/// for, to any member of it. Not in production.
#[tracing::instrument(name = "sent_mail", skip_all)]
pub async fn mailbox() -> Result<Vec<MailView>, AppError> {
    if state()?.production {
        return Err(AppError::NotFound);
    }
    let Call { caller, db, .. } = member().await?;
    Ok(db::outbox::recent(&db, caller.organization_id(), 50)
        .await?
        .into_iter()
        .map(|m| MailView {
            id: m.id,
            link: m.link,
            to: m.recipient,
            subject: m.subject,
            text: m.text_body,
            status: match m.status {
                OutboxStatus::Pending => MailStatus::Pending,
                OutboxStatus::Sent => MailStatus::Sent,
                OutboxStatus::Failed => MailStatus::Failed,
            },
            created: localized_date_time(m.created_at),
        })
        .collect())
}

/// Marks the invitations past their date as expired and notifies their senders (the
/// periodic task).
pub async fn expire_due(state: &AppState) -> Result<usize, db::Error> {
    let expired = store::expire_due(&state.db, state.clock.now(), mail::expired).await?;
    if expired > 0 {
        state.mail.notify();
    }
    Ok(expired)
}
