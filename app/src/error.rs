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
    /// Signed in, but not allowed to do this in the organisation acted for.
    #[error("forbidden")]
    Forbidden,
    /// Unknown, or belonging to another organisation (the two are indistinguishable).
    #[error("not found")]
    NotFound,
    /// One input is not acceptable; `code` names the rule, `max` a bound when there is one.
    #[error("invalid {field}: {code}")]
    Validation {
        field: Field,
        code: ValidationCode,
        max: Option<u32>,
    },
    #[error("conflict")]
    Conflict,
    /// Something failed on the server; the details are in its log.
    #[error("internal error")]
    Internal,
    /// The request or the response could not be carried (network down, malformed body).
    #[error("transport: {0}")]
    Transport(String),
}

/// An input the list or a form takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    LastName,
    FirstName,
    Email,
    UserId,
    Profile,
    Page,
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
}

impl std::fmt::Display for ValidationCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl AppError {
    pub fn invalid(field: Field, code: ValidationCode) -> Self {
        Self::Validation {
            field,
            code,
            max: None,
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            Self::Unauthorized => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::Validation { .. } | Self::Transport(_) => 400,
            Self::Conflict => 409,
            Self::Internal => 500,
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
        crate::server::set_status(&err);
        err
    }
}
