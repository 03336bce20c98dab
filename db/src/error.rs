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
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error("password hashing failed: {0}")]
    Hash(String),
}
