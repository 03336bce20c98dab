//! The contacts page: finding an organisation's contacts with live filters.

pub mod api;
mod components;
pub(crate) mod details;
pub mod dto;
pub mod form;
mod page;
#[cfg(feature = "ssr")]
pub(crate) mod server;

pub use details::{ContactDetailsPage, NewContactPage, NewContactWithAccessPage};
pub use page::ContactsPage;
