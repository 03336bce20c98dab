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
    /// `PUBLIC_URL`: the site's address in the links of emails and in the OpenID provider's
    /// redirect URIs; by default the address the server listens on.
    pub public_url: Option<String>,
    /// `OIDC_ISSUER`, `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET`, `OIDC_SCOPES`: sign-in with
    /// Mon dossier N.-É. Required in production.
    pub oidc: Option<OidcSettings>,
    /// `TLS_CERT`, `TLS_KEY`: serve HTTPS (HTTP/2 and HTTP/1.1) with this certificate.
    pub tls: Option<TlsFiles>,
    /// `SESSION_IDLE_MINUTES` (60), `SESSION_LIFETIME_HOURS` (12): a session ends after so
    /// long without a request, and so long after the sign-in however active.
    pub sessions: SessionLimits,
}

pub use db::session_store::SessionLimits;

/// How long sessions last: the defaults, or the whole numbers the variables give.
fn session_limits() -> Result<SessionLimits, String> {
    fn positive(name: &str) -> Result<Option<i64>, String> {
        non_empty(name)
            .map(|value| match value.parse::<i64>() {
                Ok(n) if (1..=100_000).contains(&n) => Ok(n),
                _ => Err(format!(
                    "{name} must be a whole number from 1 to 100000, not `{value}`"
                )),
            })
            .transpose()
    }
    let defaults = SessionLimits::default();
    Ok(SessionLimits {
        idle: positive("SESSION_IDLE_MINUTES")?.map_or(defaults.idle, chrono::Duration::minutes),
        lifetime: positive("SESSION_LIFETIME_HOURS")?
            .map_or(defaults.lifetime, chrono::Duration::hours),
    })
}

/// The PEM files of the certificate (with its chain) and of its private key.
#[derive(Clone, Debug)]
pub struct TlsFiles {
    pub cert: std::path::PathBuf,
    pub key: std::path::PathBuf,
}

/// The certificate to serve HTTPS with: none when neither `TLS_CERT` nor `TLS_KEY` is set; an
/// error naming the one missing beside the other.
fn tls_files() -> Result<Option<TlsFiles>, String> {
    match (non_empty("TLS_CERT"), non_empty("TLS_KEY")) {
        (None, None) => Ok(None),
        (Some(cert), Some(key)) => Ok(Some(TlsFiles {
            cert: cert.into(),
            key: key.into(),
        })),
        (Some(_), None) => Err("TLS_CERT is set: set TLS_KEY, its private key".to_string()),
        (None, Some(_)) => Err("TLS_KEY is set: set TLS_CERT, its certificate".to_string()),
    }
}

pub use app::auth::oidc::OidcSettings;

/// The scopes asked for besides `openid` when `OIDC_SCOPES` is not set.
pub const DEFAULT_OIDC_SCOPES: &str = "email profile";

/// The OpenID Connect settings: none when `OIDC_ISSUER` is unset; an error naming the
/// variables missing beside it.
fn oidc_settings(production: bool) -> Result<Option<OidcSettings>, String> {
    let issuer = non_empty("OIDC_ISSUER");
    let client_id = non_empty("OIDC_CLIENT_ID");
    let client_secret = non_empty("OIDC_CLIENT_SECRET");
    if issuer.is_none() && !production {
        return Ok(None);
    }
    let missing: Vec<&str> = [
        ("OIDC_ISSUER", issuer.is_none()),
        ("OIDC_CLIENT_ID", client_id.is_none()),
        ("OIDC_CLIENT_SECRET", client_secret.is_none()),
    ]
    .into_iter()
    .filter_map(|(name, missing)| missing.then_some(name))
    .collect();
    if !missing.is_empty() {
        let why = if production {
            "production signs people in with Mon dossier N.-É. through OpenID Connect"
        } else {
            "OIDC_ISSUER is set"
        };
        return Err(format!("{why}: set {}", missing.join(", ")));
    }
    let scopes = non_empty("OIDC_SCOPES").unwrap_or_else(|| DEFAULT_OIDC_SCOPES.to_string());
    Ok(Some(OidcSettings {
        issuer: issuer.unwrap_or_default(),
        client_id: client_id.unwrap_or_default(),
        client_secret: client_secret.unwrap_or_default(),
        scopes: scopes
            .split_whitespace()
            .filter(|s| *s != "openid")
            .map(str::to_owned)
            .collect(),
    }))
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
    /// Reads `DATABASE_URL`, `APP_ENV`, `SMTP_URL`, `MAIL_FROM`, `PUBLIC_URL`, the `OIDC_*`,
    /// `TLS_*` and `SESSION_*` variables and the address (`LEPTOS_SITE_ADDR`, set by cargo-leptos, or `127.0.0.1:3000`).
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
            oidc: oidc_settings(production)?,
            tls: tls_files()?,
            sessions: session_limits()?,
        })
    }
}
