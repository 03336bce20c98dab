//! Server functions of portal invitations. Each one re-checks who calls and for which
//! organisation; the organisation always comes from the session.

use super::dto::{InviteInput, InviteSettings, LinkView, MailView};
use crate::contacts::form::ContactInput;
use crate::domain::ContactId;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// What the invitation form needs, for the contact `id` or (none) for a contact being added
/// with access. Administrators only.
#[server(prefix = "/api", endpoint = "invitation_form", input = Json)]
pub async fn invitation_form(id: Option<ContactId>) -> Result<InviteSettings, AppError> {
    crate::server::respond(super::server::form(id).await)
}

/// Invites the contact `id` to the portal with the profiles to grant on acceptance; the email
/// goes out through the outbox. Administrators only, granting only their modules' profiles.
#[server(prefix = "/api", endpoint = "send_invitation", input = Json)]
pub async fn send_invitation(id: ContactId, invite: InviteInput) -> Result<(), AppError> {
    crate::server::respond(super::server::send(id, invite).await)
}

/// Adds a contact and invites it, in one transaction; returns its id. Administrators only.
#[server(prefix = "/api", endpoint = "create_contact_with_access", input = Json)]
pub async fn create_contact_with_access(
    input: ContactInput,
    invite: InviteInput,
) -> Result<ContactId, AppError> {
    crate::server::respond(super::server::create_with_access(input, invite).await)
}

/// Sends the contact's pending or expired invitation again with a new link (the old one stops
/// working) and a new 30-day window. Administrators only.
/// « Invitation pour le LaMPSS » posted as an HTML form, before the WebAssembly has loaded:
/// sends the browser to the confirmation, then sends the invitation (`confirmed`) and returns
/// to the list `back`, or back to the form with its errors (or as it was: `cancel`).
/// Administrators only.
#[server(prefix = "/api", endpoint = "post_invitation")]
pub async fn post_invitation(
    id: ContactId,
    #[server(default)] message: String,
    #[server(default)] profiles: Vec<crate::domain::ProfileId>,
    #[server(default)] back: String,
    #[server(default)] confirmed: String,
    #[server(default)] cancel: String,
) -> Result<(), AppError> {
    let invite = InviteInput { profiles, message };
    crate::server::respond(
        crate::contacts::server::post_invitation(
            id,
            invite,
            &back,
            !confirmed.is_empty(),
            !cancel.is_empty(),
        )
        .await,
    )
}

/// Posted from the confirmation page before the WebAssembly has loaded, `back` is the list to
/// return to (`cancel`: Annuler).
#[server(prefix = "/api", endpoint = "resend_invitation")]
pub async fn resend_invitation(
    id: ContactId,
    #[server(default)] back: String,
    #[server(default)] cancel: String,
) -> Result<(), AppError> {
    let run = super::server::resend(id);
    let done = |name| crate::ui::Notice::InvitationResent { name };
    crate::server::respond(
        crate::contacts::server::post_action(id, &back, &cancel, done, run).await,
    )
}

/// What an invitation link leads to, or why it no longer works.
#[server(prefix = "/api", endpoint = "open_invitation")]
pub async fn open_invitation(token: String) -> Result<LinkView, AppError> {
    crate::server::respond(super::server::open(token).await)
}

/// Accepts an invitation (a plain form: answers with redirects).
#[server(prefix = "/api", endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    #[server(default)] email: String,
    #[server(default)] password: String,
    #[server(default)] new_account: String,
) -> Result<(), AppError> {
    crate::server::respond(super::server::accept(token, email, password, new_account == "1").await)
}

/// « Ouvrir une session avec Mon dossier N.-É. et accepter »: sends the invitee to the OpenID
/// provider; coming back accepts the invitation as their identity account.
#[server(prefix = "/api", endpoint = "oidc_accept_invitation")]
pub async fn oidc_accept_invitation(token: String) -> Result<(), AppError> {
    crate::server::respond(super::server::oidc_accept(token).await)
}

/// The development mailbox (« Courriels envoyés »). Not in production.
#[server(prefix = "/api", endpoint = "sent_mail")]
pub async fn sent_mail() -> Result<Vec<MailView>, AppError> {
    crate::server::respond(super::server::mailbox().await)
}
