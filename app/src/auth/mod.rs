//! Signing in with Mon dossier N.-É. (OpenID Connect) or the demo identity provider, the session banner, and choosing the
//! organisation to act for.

pub mod api;
pub mod dto;
#[cfg(feature = "ssr")]
pub mod oidc;
mod pages;
#[cfg(feature = "ssr")]
pub(crate) mod server;

pub use pages::{HomePage, LANGUAGE_COOKIE, LoginPage, SessionHeader, provide_session};
