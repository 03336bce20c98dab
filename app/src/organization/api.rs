//! The organisation's server function. It re-checks who calls; the organisation always comes
//! from the session.

use super::dto::OrganizationView;
use crate::error::AppError;
use leptos::prelude::*;

/// The organisation the caller acts for, with the security-profile catalogue.
#[server(prefix = "/api", endpoint = "get_organization")]
pub async fn get_organization() -> Result<OrganizationView, AppError> {
    crate::server::respond(super::server::organization().await)
}
