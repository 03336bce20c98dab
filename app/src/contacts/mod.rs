//! An organisation's contacts: the list with live filters, adding a contact (with or without
//! access to LaMPSS), a contact's details, its history, the rules of its form, and the
//! organisation's activity log across its contacts.

pub mod activity;
pub mod api;
mod confirm_page;
mod contact_form;
mod contact_pages;
pub mod dto;
#[cfg(feature = "ssr")]
pub mod export;
pub mod form;
mod history;
pub mod nav;
mod page;
mod resend;
mod row_actions;
mod search;
#[cfg(feature = "ssr")]
pub(crate) mod server;
mod table;

pub use activity::ActivityLogPage;
pub use confirm_page::ConfirmActionPage;
pub use contact_form::InvitationFieldsView;
pub use contact_pages::{ContactDetailsPage, NewContactPage, NewContactWithAccessPage};
pub use page::{ContactsPage, OrganizationHeaderView};
