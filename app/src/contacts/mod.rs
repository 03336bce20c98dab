//! The contacts page: finding an organisation's contacts with live filters.

pub mod api;
mod components;
pub mod dto;
mod page;
#[cfg(feature = "ssr")]
mod server;

pub use page::ContactsPage;
