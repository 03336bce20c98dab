//! Errors of the persistence layer, carrying meaning rather than database text.

use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Saved from an old version: someone (`by`, when known) changed it at `at`.
    #[error("changed by {by:?} at {at}")]
    Stale {
        by: Option<String>,
        at: chrono::DateTime<chrono::Utc>,
    },
    /// Another contact of the organisation has this email address.
    #[error("email already used in the organisation")]
    DuplicateEmail,
    /// The primary contact cannot stop being primary until another one is named.
    #[error("the organisation needs a primary contact")]
    PrimaryRequired,
    /// The primary contact cannot be inactive.
    #[error("the primary contact must be active")]
    PrimaryInactive,
    /// A profile of a module the administrator does not administer (its code, e.g. `GEC`):
    /// nobody grants, keeps or re-issues such a profile.
    #[error("the profiles of module {module} are not the administrator's to grant")]
    NotGrantable { module: String },
    /// Ending this person's access would leave the organisation without an administrator of
    /// module `module`.
    #[error("the last administrator of module {module}")]
    LastModuleAdmin { module: String },
    /// This person administers module `module`, which the administrator acting does not: only
    /// an administrator of that module ends their access.
    #[error("an administrator of module {module}, which the actor does not administer")]
    AdministersOtherModule { module: String },
    /// The demo identity provider has an account of this email already.
    #[error("an account of this email exists")]
    AccountExists,
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error("the random source failed: {0}")]
    Random(String),
    #[error("password hashing failed: {0}")]
    Hash(String),
    /// A history entry's changes could not be written or read back.
    #[error("a history entry is unreadable: {0}")]
    History(String),
}
