//! Configuration from the environment.

use std::net::SocketAddr;

/// Where the embedded SQLite database lives when `DATABASE_URL` is not set.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/contacts.db";

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://path` or `postgres://user@host/db`.
    pub database_url: String,
    pub address: SocketAddr,
    /// `APP_ENV=production`: no demo data, no demo sign-in, no development mailbox, `Secure`
    /// cookies.
    pub production: bool,
    /// `SMTP_URL` (`smtp://host:port`, `smtps://user:password@host`): where emails go. Unset,
    /// they stay in the development mailbox.
    pub smtp_url: Option<String>,
    /// `MAIL_FROM`: the sender of the app's emails.
    pub mail_from: String,
    /// `PUBLIC_URL`: the site's address in the links of emails; by default the address the
    /// server listens on.
    pub public_url: Option<String>,
}

/// The sender when `MAIL_FROM` is not set.
pub const DEFAULT_MAIL_FROM: &str = "LaMPSS <ne-pas-repondre@lampss.example.org>";

fn non_empty(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl Config {
    /// Reads `DATABASE_URL`, `APP_ENV`, `SMTP_URL`, `MAIL_FROM`, `PUBLIC_URL` and the address (`LEPTOS_SITE_ADDR`, set by
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
        if !production && !cfg!(feature = "demo") {
            return Err(
                "this server was built without the demo world (feature `demo`), which \
                 development needs: set APP_ENV=production, or build with it"
                    .to_string(),
            );
        }
        Ok(Self {
            database_url: non_empty("DATABASE_URL")
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
            address: leptos_address,
            production,
            smtp_url: non_empty("SMTP_URL"),
            mail_from: non_empty("MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.to_string()),
            public_url: non_empty("PUBLIC_URL"),
        })
    }
}
