//! The HTTP server: configuration, the router (pages, server functions, static files), the
//! session and same-origin layers, and start-up. `Application::build` is what `main` and the
//! tests start.

pub mod assets;
pub mod config;
mod export;
pub mod mailer;
mod page_owner;
pub mod request_log;
mod security;

use app::server::AppState;
use app::{App, shell};
use axum::Router;
use config::Config;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use tokio::net::TcpListener;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// A bound, ready-to-serve application.
pub struct Application {
    listener: TcpListener,
    /// HTTPS with this certificate, when `TLS_CERT` and `TLS_KEY` are set.
    tls: Option<axum_server::tls_rustls::RustlsConfig>,
    router: Router,
    pub address: SocketAddr,
    pub db: db::DatabaseConnection,
    /// The app's clock: tests move it forward.
    pub clock: db::Clock,
    /// What the server functions and the mail worker share.
    pub state: AppState,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Database(#[from] db::OpenError),
    #[error(transparent)]
    Mail(#[from] mailer::MailConfigError),
    #[error("OpenID Connect: {0}")]
    Oidc(String),
    #[error("cannot read the certificate {cert} or its key {key}: {source}")]
    Tls {
        cert: String,
        key: String,
        source: std::io::Error,
    },
    #[error("cannot listen on {address}: {source}")]
    Bind {
        address: SocketAddr,
        source: std::io::Error,
    },
}

impl Application {
    /// Opens (and in development seeds) the database, builds the router, binds the address
    /// (port 0 picks a free one).
    pub async fn build(config: Config, leptos_options: LeptosOptions) -> Result<Self, StartError> {
        #[cfg(feature = "demo")]
        let db = if config.production {
            db::open(&config.database_url).await?
        } else {
            db::open_with_demo(&config.database_url).await?
        };
        // Without the demo world, the configuration is production's.
        #[cfg(not(feature = "demo"))]
        let db = db::open(&config.database_url).await?;
        let transport = mailer::Transport::new(config.smtp_url.as_deref(), &config.mail_from)?;
        let listener =
            TcpListener::bind(config.address)
                .await
                .map_err(|source| StartError::Bind {
                    address: config.address,
                    source,
                })?;
        let address = listener.local_addr().map_err(|source| StartError::Bind {
            address: config.address,
            source,
        })?;
        let tls = match &config.tls {
            Some(files) => {
                // rustls' ring provider, the one the HTTP and SMTP clients use too.
                let _ = rustls::crypto::ring::default_provider().install_default();
                let tls =
                    axum_server::tls_rustls::RustlsConfig::from_pem_file(&files.cert, &files.key)
                        .await
                        .map_err(|source| StartError::Tls {
                            cert: files.cert.display().to_string(),
                            key: files.key.display().to_string(),
                            source,
                        })?;
                Some(tls)
            }
            None => None,
        };
        let clock = db::Clock::default();
        let scheme = if tls.is_some() { "https" } else { "http" };
        let public_url = config
            .public_url
            .clone()
            .unwrap_or_else(|| format!("{scheme}://{address}"));
        // Browsers are told to come back over HTTPS only in production, when the site is
        // served over HTTPS, by this server or by a proxy in front of it.
        let hsts = config.production && public_url.starts_with("https://");
        let oidc = match config.oidc.clone() {
            Some(settings) => {
                let oidc =
                    app::auth::oidc::Oidc::new(settings, &public_url).map_err(StartError::Oidc)?;
                tracing::info!(
                    redirect_uri = oidc.redirect_url(),
                    "signing in with OpenID Connect"
                );
                Some(std::sync::Arc::new(oidc))
            }
            None => None,
        };
        let state = AppState {
            db: db.clone(),
            production: config.production,
            clock: clock.clone(),
            mail: db::outbox::Wakeup::default(),
            public_url,
            oidc,
        };
        mailer::spawn(state.clone(), transport);
        // A release server serves a release build, whose files are worth compressing once at
        // their best levels; a development build changes at every save.
        if !cfg!(debug_assertions) {
            assets::spawn_precompress(pkg_dir(&leptos_options));
        }
        let site = security::Site::new(
            &state.public_url,
            tls.is_some(),
            config.oidc.as_ref().map(|oidc| oidc.issuer.as_str()),
            config.production,
        );
        let router = router(state.clone(), leptos_options, site, config.sessions, hsts);
        Ok(Self {
            listener,
            tls,
            router,
            address,
            db,
            clock,
            state,
        })
    }

    /// Serves until SIGINT or SIGTERM, then lets the requests under way finish: plain HTTP/1.1,
    /// or HTTPS offering HTTP/2 and HTTP/1.1 (ALPN `h2`, `http/1.1`) with a certificate.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        let Some(tls) = self.tls else {
            return axum::serve(self.listener, service)
                .with_graceful_shutdown(shutdown_signal())
                .await;
        };
        let handle = axum_server::Handle::new();
        tokio::spawn({
            let handle = handle.clone();
            async move {
                shutdown_signal().await;
                handle.graceful_shutdown(Some(std::time::Duration::from_secs(30)));
            }
        });
        axum_server::tls_rustls::from_tcp_rustls(self.listener.into_std()?, tls)
            .handle(handle)
            .serve(service)
            .await
    }
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        let term = async {
            match term.as_mut() {
                Some(t) => {
                    t.recv().await;
                }
                None => std::future::pending().await,
            }
        };
        tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

/// Where the site's built files (WebAssembly, JavaScript, CSS) are.
pub fn pkg_dir(options: &LeptosOptions) -> std::path::PathBuf {
    std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref())
}

fn router(
    state: AppState,
    leptos_options: LeptosOptions,
    site: security::Site,
    session_limits: config::SessionLimits,
    hsts: bool,
) -> Router {
    let production = state.production;
    let routes = generate_route_list(App);
    let session_store =
        db::session_store::SeaOrmStore::new(state.db.clone(), state.clock.clone(), session_limits);
    spawn_session_cleanup(session_store.clone());
    let sessions = SessionManagerLayer::new(session_store)
        .with_name("lampss_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(production)
        // The cookie lasts until the browser closes; the store ends the session before, after
        // its idle time or its lifetime.
        .with_expiry(Expiry::OnSessionEnd);

    let context_state = state.clone();
    let export_state = state.clone();
    // An unknown page renders the app too (its banner calls server functions): same context.
    let fallback_state = state.clone();
    let server_fns = move |req: axum::extract::Request| {
        let state = state.clone();
        leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), req)
    };
    let router = Router::new()
        .leptos_routes_with_context(
            &leptos_options,
            routes,
            move || {
                provide_context(context_state.clone());
                app::server::PageCaller::provide();
                security::provide_page_nonce();
                page_owner::record();
            },
            {
                let leptos_options = leptos_options.clone();
                move || shell(leptos_options.clone())
            },
        )
        .route(
            app::routes::CONTACTS_CSV,
            axum::routing::get({
                let state = export_state.clone();
                move |req| export::contacts(state.clone(), req)
            }),
        )
        .route(
            app::routes::ACTIVITY_CSV,
            axum::routing::get(move |req| export::activity(export_state.clone(), req)),
        )
        .route(
            "/api/{*fn_name}",
            axum::routing::post(server_fns.clone()).get(server_fns),
        )
        .nest_service(
            &format!("/{}", leptos_options.site_pkg_dir),
            assets::serve_precompressed(&pkg_dir(&leptos_options)),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context(
            move || {
                provide_context(fallback_state.clone());
                app::server::PageCaller::provide();
                security::provide_page_nonce();
                page_owner::record();
            },
            shell,
        ))
        .layer(axum::middleware::from_fn(page_owner::under_request_owner))
        .layer(assets::compress_on_the_fly())
        .layer(axum::middleware::from_fn(security::require_sign_in))
        .layer(sessions)
        .layer(axum::middleware::from_fn(security::server_function_bodies))
        // Only server functions take bodies; the longest form a person fills (an
        // invitation's message of 1,000 characters, escaped) is a few kilobytes.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            SERVER_FUNCTION_BODY_MAX,
        ))
        .layer(axum::middleware::from_fn_with_state(
            site.clone(),
            security::same_origin,
        ))
        .layer(axum::middleware::from_fn_with_state(
            site,
            security::headers,
        ));
    let router = if hsts {
        router.layer(axum::middleware::from_fn(security::strict_transport))
    } else {
        router
    };
    router
        .layer(axum::middleware::from_fn(security::join_cookies))
        .layer(axum::middleware::from_fn(request_log::log_request))
        .with_state(leptos_options)
}

/// The largest body a server function accepts (413 over it).
pub const SERVER_FUNCTION_BODY_MAX: usize = 64 * 1024;

/// Removes expired sessions once an hour.
fn spawn_session_cleanup(store: db::session_store::SeaOrmStore) {
    use tower_sessions::session_store::ExpiredDeletion;
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(err) = store.delete_expired().await {
                tracing::warn!(error = %err, "could not delete expired sessions");
            }
        }
    });
}
