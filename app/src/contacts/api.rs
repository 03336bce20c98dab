//! Server functions of the contacts page. Each one re-checks who calls and for which
//! organisation; the organisation always comes from the session.

use super::dto::{ContactPage, ContactQuery, OrganizationView};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// One page of the contacts of the organisation the caller acts for.
#[server(prefix = "/api", endpoint = "list_contacts", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn list_contacts(query: ContactQuery) -> Result<ContactPage, AppError> {
    crate::server::respond(super::server::list(query).await)
}

/// The organisation the caller acts for, with the security-profile catalogue.
#[server(prefix = "/api", endpoint = "get_organization")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn get_organization() -> Result<OrganizationView, AppError> {
    crate::server::respond(super::server::organization().await)
}
