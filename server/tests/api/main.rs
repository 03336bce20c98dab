//! The real app on port 0 against a fresh database, driven over HTTP. Each test runs on
//! SQLite, and again on PostgreSQL when `TEST_DATABASE_URL` is set.

#[macro_use]
mod helpers;
mod activity;
mod assets;
mod attacks;
mod edit;
mod export;
mod instances;
mod invitations;
mod list;
mod oidc;
mod posted;
mod security;
mod tls;
