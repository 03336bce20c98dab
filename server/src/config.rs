//! Configuration from the environment.

use std::net::SocketAddr;

/// Where the embedded SQLite database lives when `DATABASE_URL` is not set.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/contacts.db";

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://path` or `postgres://user@host/db`.
    pub database_url: String,
    pub address: SocketAddr,
    /// `APP_ENV=production`: no demo data, no demo sign-in, `Secure` cookies.
    pub production: bool,
}

impl Config {
    /// Reads `DATABASE_URL`, `APP_ENV` and the address (`LEPTOS_SITE_ADDR`, set by
    /// cargo-leptos, or `127.0.0.1:3000`).
    pub fn from_env(leptos_address: SocketAddr) -> Result<Self, String> {
        let production = match std::env::var("APP_ENV").as_deref() {
            Ok("production") => true,
            Ok("development") | Ok("") | Err(_) => false,
            Ok(other) => {
                return Err(format!(
                    "APP_ENV must be `production` or `development`, not `{other}`"
                ));
            }
        };
        Ok(Self {
            database_url: std::env::var("DATABASE_URL")
                .ok()
                .filter(|u| !u.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
            address: leptos_address,
            production,
        })
    }
}
