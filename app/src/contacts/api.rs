//! Server functions of the contacts page. Each one re-checks who calls and for which
//! organisation; the organisation always comes from the session.

use super::dto::{ContactDetails, ContactPage, ContactQuery, FormSettings, SavedContact};
use super::form::ContactInput;
use crate::domain::ContactId;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// One page of the contacts of the organisation the caller acts for.
#[server(prefix = "/api", endpoint = "list_contacts", input = Json)]
pub async fn list_contacts(query: ContactQuery) -> Result<ContactPage, AppError> {
    crate::server::respond(super::server::list(query).await)
}

/// What the « Ajouter une personne-ressource » form needs. Administrators only.
#[server(prefix = "/api", endpoint = "new_contact_form")]
pub async fn new_contact_form() -> Result<FormSettings, AppError> {
    crate::server::respond(super::server::new_form().await)
}

/// One contact of the organisation acted for, with its history.
#[server(prefix = "/api", endpoint = "get_contact")]
pub async fn get_contact(id: ContactId) -> Result<ContactDetails, AppError> {
    crate::server::respond(super::server::details(id).await)
}

/// Adds a contact without portal access; returns its id. Administrators only.
#[server(prefix = "/api", endpoint = "create_contact", input = Json)]
pub async fn create_contact(input: ContactInput) -> Result<ContactId, AppError> {
    crate::server::respond(super::server::create(input).await)
}

/// Saves a contact's details if nobody changed them since `version`; returns the new version,
/// and whether a new email retracted a pending invitation. Administrators only.
#[server(prefix = "/api", endpoint = "update_contact", input = Json)]
pub async fn update_contact(
    id: ContactId,
    version: i32,
    input: ContactInput,
) -> Result<SavedContact, AppError> {
    crate::server::respond(super::server::update(id, version, input).await)
}

/// The details form posted as an HTML form, before the WebAssembly has loaded: saves and
/// sends the browser back to the list with the message, or back to the form with what was
/// typed and its errors, or to the confirmation saving asks first. Administrators only.
#[server(prefix = "/api", endpoint = "post_contact_form")]
pub async fn post_contact_form(
    #[server(flatten)] form: super::dto::ContactFormPost,
) -> Result<(), AppError> {
    crate::server::respond(super::server::post_form(form).await)
}

/// Retracts the contact's pending invitation: its link stops working at once.
/// Administrators only.
/// Posted from the confirmation page before the WebAssembly has loaded, `back` is the list to
/// return to (`cancel`: Annuler).
#[server(prefix = "/api", endpoint = "retract_invitation")]
pub async fn retract_invitation(
    id: ContactId,
    #[server(default)] back: String,
    #[server(default)] cancel: String,
) -> Result<(), AppError> {
    let run = super::server::retract(id);
    let done = |name| crate::ui::Notice::InvitationRetracted { name };
    crate::server::respond(super::server::post_action(id, &back, &cancel, done, run).await)
}

/// Removes the contact's portal access: security profiles cleared, identity account
/// unlinked. Administrators only.
/// Posted as [`retract_invitation`] can be.
#[server(prefix = "/api", endpoint = "remove_access")]
pub async fn remove_access(
    id: ContactId,
    #[server(default)] back: String,
    #[server(default)] cancel: String,
) -> Result<(), AppError> {
    let run = super::server::remove_access(id);
    let done = |name| crate::ui::Notice::AccessRemoved { name };
    crate::server::respond(super::server::post_action(id, &back, &cancel, done, run).await)
}

/// One page of the activity log of the organisation acted for. Administrators only.
#[server(prefix = "/api", endpoint = "activity_log", input = Json)]
pub async fn activity_log(
    query: super::activity::dto::ActivityQuery,
) -> Result<super::activity::dto::ActivityPage, AppError> {
    crate::server::respond(super::server::activity::page(query).await)
}
