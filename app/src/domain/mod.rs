//! The product's values, shared by every domain, by the server and by the browser: email
//! addresses, phone numbers, full-time equivalents, dates, texts in both languages, and the
//! longest values accepted. Depends on no domain.

mod codes;
mod date;
mod email;
mod fte;
mod ids;
pub mod limits;
mod phone;
mod text;

pub(crate) use codes::query_codes;
pub use date::IsoDate;
#[cfg(feature = "ssr")]
pub use date::{localized_date, localized_date_time, localized_day};
pub use email::{EmailAddress, same_address};
pub use fte::Fte;
pub use ids::{ContactId, OrganizationId, ProfileId};
pub use phone::{PhoneNumber, parse_extension};
pub use text::{Language, Localized, module_name};
