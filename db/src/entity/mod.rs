//! SeaORM entities, one module per table the migrations create.

pub mod account;
pub mod contact;
pub mod contact_count;
pub mod contact_event;
pub mod contact_profile;
pub mod invitation;
pub mod invitation_profile;
pub mod office_location;
pub mod organization;
pub mod outbox_message;
pub mod security_profile;
pub mod session;
pub mod sign_in_failure;
