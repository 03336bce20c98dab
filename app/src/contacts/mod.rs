//! The contacts page: finding an organisation's contacts with live filters.

pub mod api;
mod components;
mod details;
pub mod dto;
pub mod form;
mod page;
#[cfg(feature = "ssr")]
mod server;

pub use details::{ContactDetailsPage, NewContactPage};
pub use page::ContactsPage;
