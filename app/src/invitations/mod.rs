//! Portal invitations: inviting a contact with the profiles to grant, the email it sends, the
//! link that accepts it, and the development mailbox.

pub mod api;
pub mod dto;
pub(crate) mod pages;
#[cfg(feature = "ssr")]
pub mod server;

pub use pages::{AcceptPage, InvitationFields, InvitePage, MailboxPage};
