//! The shared layer of the interface: what pages of every domain are built from (the page's
//! title and breadcrumb, form fields, errors, dialogs). Depends on no domain.

mod breadcrumb;
mod dialog;
mod errors;
mod field;
mod live;
mod page;
mod pagination;

pub use breadcrumb::{Breadcrumb, Trail};
pub use dialog::{ConfirmDialog, ConfirmPage};
pub use errors::{ErrorNotice, ErrorSummary, field_error, field_label_in};
pub use field::{FieldErrorText, FieldShell, SelectField, TextField, described_by};
pub use live::{LiveQuery, live_filters, live_text};
pub use page::{Flash, NotFound, Notice, PageTitle, RoutingStatus, SkipLink};
pub use pagination::{ExportButton, Pagination};
