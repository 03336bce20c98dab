//! Signing in with the demo identity provider, the session banner, and choosing the
//! organisation to act for.

pub mod api;
pub mod dto;
mod pages;
#[cfg(feature = "ssr")]
mod server;

pub use pages::{HomePage, LANGUAGE_COOKIE, LoginPage, SessionHeader, provide_session};
