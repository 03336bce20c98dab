//! Server functions of signing in and out. They answer with redirects, so the plain HTML
//! forms that call them work with or without WebAssembly.

use super::dto::{SessionView, SignInMethods};
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

/// The ways to sign in this server offers.
#[server(prefix = "/api", endpoint = "available_sign_in")]
pub async fn available_sign_in() -> Result<SignInMethods, AppError> {
    crate::server::respond(super::server::sign_in_methods().await)
}

/// « Ouvrir une session avec Mon dossier N.-É. »: sends the browser to the OpenID provider.
#[server(prefix = "/api", endpoint = "oidc_sign_in")]
pub async fn oidc_sign_in(#[server(default)] next: String) -> Result<(), AppError> {
    crate::server::respond(super::server::oidc_sign_in(next).await)
}

/// Where the OpenID provider sends the browser back, with a code or an error.
#[server(prefix = "/auth", endpoint = "callback", input = leptos::server_fn::codec::GetUrl)]
pub async fn oidc_callback(
    #[server(default)] code: String,
    #[server(default)] state: String,
    #[server(default)] error: String,
) -> Result<(), AppError> {
    crate::server::respond(super::server::oidc_callback(code, state, error).await)
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
