//! The organisation acted for: its home page, the header that names it on its pages, and the
//! security-profile catalogue.

pub mod api;
pub mod dto;
mod pages;
#[cfg(feature = "ssr")]
mod server;

pub use pages::{OrganizationHeader, OrganizationHomePage};
