//! Server functions of signing in and out. They answer with redirects, so the plain HTML
//! forms that call them work with or without WebAssembly.

use super::dto::SessionView;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    crate::server::respond(super::server::sign_in(email, password, next).await)
}

#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    crate::server::respond(super::server::sign_out().await)
}

#[server(prefix = "/api", endpoint = "switch_organization")]
pub async fn switch_organization(organization_id: String) -> Result<(), AppError> {
    crate::server::respond(super::server::switch_organization(organization_id).await)
}

/// The session, or `None` when nobody is signed in.
#[server(prefix = "/api", endpoint = "current_session")]
pub async fn current_session() -> Result<Option<SessionView>, AppError> {
    crate::server::respond(super::server::current_session().await)
}
