//! The error every server function returns: serialisable, carrying a meaning and, for bad
//! input, the field and a code the browser translates. Never database or stack text.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No session, or it has ended.
    #[error("not signed in")]
    Unauthorized,
    /// The session acted for an organisation that no longer counts the account among its
    /// members (access removed, contact deactivated): it has ended, and says why.
    #[error("access to {organization} removed")]
    AccessRemoved { organization: String },
    /// Signed in, but not allowed to do this in the organisation acted for.
    #[error("forbidden")]
    Forbidden,
    /// An administrator asked to grant, or to send again, profiles of a module they do not
    /// administer (its code, e.g. `GEC`).
    #[error("not an administrator of module {module}")]
    NotGrantable { module: String },
    /// Ending this person's access would leave the organisation without an administrator of
    /// module `module` (409).
    #[error("the last administrator of module {module}")]
    LastModuleAdmin { module: String },
    /// This person administers module `module`, which the caller does not: only an
    /// administrator of that module ends their access (403).
    #[error("an administrator of module {module}")]
    AdministersOtherModule { module: String },
    /// Unknown, or belonging to another organisation (the two are indistinguishable).
    #[error("not found")]
    NotFound,
    /// Inputs that are not acceptable, each with its field and a code the browser translates.
    #[error("invalid input: {0:?}")]
    Validation(Vec<FieldError>),
    /// Another change got there first (e.g. two contacts made primary at the same moment).
    #[error("conflict")]
    Conflict,
    /// Saved from an old version: `by` (when known) changed it at `at` (« HH:MM », Halifax).
    #[error("changed by {by:?} at {at}")]
    Stale { by: Option<String>, at: String },
    /// Something failed on the server; the details are in its log.
    #[error("internal error")]
    Internal,
    /// The request or the response could not be carried (network down, malformed body).
    #[error("transport: {0}")]
    Transport(String),
}

/// One input that is not acceptable, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub code: ValidationCode,
    /// A bound, for the codes that have one (e.g. the longest length).
    pub max: Option<u32>,
}

impl FieldError {
    pub fn new(field: Field, code: ValidationCode) -> Self {
        Self {
            field,
            code,
            max: None,
        }
    }

    pub fn too_long(field: Field, max: usize) -> Self {
        Self {
            field,
            code: ValidationCode::TooLong,
            max: Some(max as u32),
        }
    }
}

/// Declares [`Field`] with each variant's control id, in one table.
macro_rules! fields {
    ($($(#[$doc:meta])* $name:ident = $id:literal,)+) => {
        /// An input the list or a form takes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Field {
            $($(#[$doc])* $name,)+
        }

        impl Field {
            /// The id of the form control that edits this field; a contact's history names
            /// the field it records by the same id.
            pub fn control_id(self) -> &'static str {
                match self {
                    $(Field::$name => $id,)+
                }
            }

            /// The field whose control has the id `id`.
            pub fn from_control_id(id: &str) -> Option<Self> {
                match id {
                    $($id => Some(Field::$name),)+
                    _ => None,
                }
            }
        }
    };
}

fields! {
    LastName = "last_name",
    FirstName = "first_name",
    Email = "email",
    UserId = "user_id",
    Profile = "profile",
    Page = "page",
    Title = "title",
    Phone = "phone",
    PhoneExt = "phone_ext",
    CellPhone = "cell_phone",
    Language = "language",
    Active = "active",
    Primary = "is_primary",
    OfficeLocation = "office_location",
    Fte = "fte",
    StartDate = "start_date",
    EndDate = "end_date",
    PositionType = "position_type",
    /// The security profiles an invitation grants.
    Profiles = "profiles",
    /// « Message d'invitation supplémentaire ».
    Message = "invitation_message",
    /// The activity log's first day.
    Since = "from",
    /// The activity log's last day.
    Until = "to",
    /// The activity log's kind of event.
    Event = "kind",
    /// The activity log's contact name.
    Contact = "contact",
    /// The activity log's person who acted.
    Actor = "by",
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValidationCode {
    TooLong,
    InvalidPage,
    UnknownProfile,
    Required,
    InvalidText,
    InvalidEmail,
    InvalidPhone,
    InvalidExtension,
    InvalidFte,
    InvalidDate,
    EndBeforeStart,
    UnknownOption,
    DuplicateEmail,
    /// The primary contact cannot be deactivated.
    PrimaryInactive,
    /// The primary contact stays primary until another one is named.
    PrimaryRequired,
    /// Nobody deactivates their own contact record (they would lock themselves out).
    SelfDeactivation,
    /// Nobody removes their own portal access.
    SelfAccessRemoval,
    /// An invitation grants at least one profile.
    NoProfile,
    /// A profile outside the modules the administrator administers.
    NotGrantable,
}

impl std::fmt::Display for ValidationCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl AppError {
    pub fn invalid(field: Field, code: ValidationCode) -> Self {
        Self::Validation(vec![FieldError::new(field, code)])
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            Self::Unauthorized | Self::AccessRemoved { .. } => 401,
            Self::Forbidden | Self::NotGrantable { .. } | Self::AdministersOtherModule { .. } => {
                403
            }
            Self::NotFound => 404,
            Self::Validation(_) | Self::Transport(_) => 400,
            Self::Conflict | Self::Stale { .. } | Self::LastModuleAdmin { .. } => 409,
            Self::Internal => 500,
        }
    }

    /// Sets the response's status from the error, when answering a request.
    #[cfg(feature = "ssr")]
    pub fn set_status(&self) {
        if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            options.set_status(
                http::StatusCode::from_u16(self.status())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let err = Self::Transport(value.to_string());
        // On the server this runs while the request is handled: a body that does not
        // deserialise is the caller's fault (400), not the server's (500).
        #[cfg(feature = "ssr")]
        err.set_status();
        err
    }
}
