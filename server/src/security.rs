//! Request guards: same-origin writes, signed-in pages, and security headers.

use app::routes;
use app::server::ACCOUNT_KEY;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::Arc;
use tower_sessions::Session;

/// What the guards know of this site: the origins its pages are served from, and where its
/// forms may lead (this site, and the identity provider sign-in and sign-out go to).
#[derive(Clone, Debug)]
pub struct Site {
    /// `PUBLIC_URL`'s origin.
    public: Option<Origin>,
    /// The scheme this server itself answers in (`https` with its own certificate).
    scheme: &'static str,
    /// The CSP's `form-action` sources.
    form_action: Arc<str>,
    production: bool,
}

impl Site {
    pub fn new(
        public_url: &str,
        own_tls: bool,
        identity_provider: Option<&str>,
        production: bool,
    ) -> Self {
        let provider = identity_provider.and_then(Origin::parse);
        let form_action = match provider {
            Some(provider) => format!("'self' {provider}"),
            None => "'self'".to_string(),
        };
        Self {
            public: Origin::parse(public_url),
            scheme: if own_tls { "https" } else { "http" },
            form_action: form_action.into(),
            production,
        }
    }

    /// Whether `origin` is this site's: `PUBLIC_URL`'s, or the one the request was sent to
    /// (this server's scheme, the `Host` it names), scheme, host and port all compared.
    fn is_own(&self, origin: &str, req: &Request) -> bool {
        let Some(origin) = Origin::parse(origin) else {
            return false;
        };
        if self.public.as_ref() == Some(&origin) {
            return true;
        }
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .or_else(|| req.uri().authority().map(|a| a.as_str()));
        host.and_then(|host| Origin::parse(&format!("{}://{host}", self.scheme)))
            .is_some_and(|requested| requested == origin)
    }
}

/// A web origin: scheme, host and port (the scheme's default port when none is written).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    fn parse(url: &str) -> Option<Self> {
        let uri: http::Uri = url.parse().ok()?;
        let scheme = uri.scheme_str()?.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return None,
        };
        let authority = uri.authority()?;
        if authority.as_str().contains('@') {
            return None;
        }
        Some(Self {
            host: authority.host().to_ascii_lowercase(),
            port: authority.port_u16().unwrap_or(default_port),
            scheme,
        })
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let default_port = if self.scheme == "https" { 443 } else { 80 };
        write!(f, "{}://{}", self.scheme, self.host)?;
        if self.port != default_port {
            write!(f, ":{}", self.port)?;
        }
        Ok(())
    }
}

/// Refuses a state-changing request that another site's page sent: the browser says where it
/// comes from in `Sec-Fetch-Site`, or else in `Origin`, which must be this site's (scheme,
/// host and port).
pub async fn same_origin(State(site): State<Site>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let allowed = match fetch_site {
        Some(site) => matches!(site, "same-origin" | "none"),
        None => match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
            Some(origin) => site.is_own(origin, &req),
            // Neither header: not a browser (tests, scripts). Cookies are SameSite=Lax, so a
            // cross-site browser POST carries no session anyway.
            None => true,
        },
    };
    if allowed {
        next.run(req).await
    } else {
        tracing::warn!(path = %req.uri().path(), "cross-origin write refused");
        (StatusCode::FORBIDDEN, "cross-origin request refused").into_response()
    }
}

/// Refuses a body posted to a server function in another content type than the function's
/// own (415): a JSON function takes `application/json` only, which no page of another site
/// can send without the browser asking this server first.
pub async fn server_function_bodies(req: Request, next: Next) -> Response {
    if req.method() == Method::POST
        && let Some(expected) = app::server::server_function_input(req.uri().path())
    {
        let headers = req.headers();
        let sent = headers.get(header::CONTENT_TYPE);
        // A call without arguments may come without a body, and then says no type.
        let empty = sent.is_none()
            && headers
                .get(header::CONTENT_LENGTH)
                .is_none_or(|length| length.as_bytes() == b"0")
            && !headers.contains_key(header::TRANSFER_ENCODING);
        let sent = sent
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(str::trim);
        if !empty && !sent.is_some_and(|sent| sent.eq_ignore_ascii_case(expected)) {
            return (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("this function takes {expected}"),
            )
                .into_response();
        }
    }
    next.run(req).await
}

fn is_page_needing_sign_in(path: &str) -> bool {
    path == routes::HOME
        || path == routes::ORGANIZATION
        || path.starts_with("/organization/")
        || path == routes::MAILBOX
}

/// Sends an anonymous browser to the sign-in page, remembering where it was going; sends a
/// signed-in one past the sign-in page.
pub async fn require_sign_in(session: Session, req: Request, next: Next) -> Response {
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    let path = req.uri().path();
    let signed_in = matches!(session.get::<i32>(ACCOUNT_KEY).await, Ok(Some(_)));
    if !signed_in && is_page_needing_sign_in(path) {
        let wanted = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or(routes::HOME);
        let target = format!("{}?next={}", routes::LOGIN, app::url::encode(wanted));
        return Redirect::to(&target).into_response();
    }
    if signed_in && path == routes::LOGIN {
        return Redirect::to(routes::CONTACTS).into_response();
    }
    next.run(req).await
}

/// Over HTTP/2 a browser may send its cookies as several `cookie` fields (RFC 9113 §8.2.3);
/// what reads them here (the session, the language) reads one field. They are joined into one,
/// as that RFC says to, before anything reads them.
pub async fn join_cookies(mut req: Request, next: Next) -> Response {
    let headers = req.headers_mut();
    if headers.get_all(header::COOKIE).iter().nth(1).is_some() {
        let joined = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect::<Vec<_>>()
            .join("; ");
        if let Ok(value) = HeaderValue::from_str(&joined) {
            headers.insert(header::COOKIE, value);
        }
    }
    next.run(req).await
}

/// HTTPS only, for a year, from this site's first answer on (production over HTTPS).
pub async fn strict_transport(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    res.headers_mut().insert(
        http::header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000"),
    );
    res
}

/// The nonce of this request's page: its inline scripts carry it, and its
/// Content-Security-Policy names it.
#[derive(Clone, Debug)]
pub struct CspNonce(pub Arc<str>);

/// Headers every response carries: a Content-Security-Policy whose scripts are this site's
/// files, the WebAssembly they start, and the page's own inline scripts (by a nonce made for
/// each request); and `no-store` on what is not a built file, as pages and server functions'
/// answers may name people.
pub async fn headers(State(site): State<Site>, mut req: Request, next: Next) -> Response {
    let nonce = leptos::nonce::Nonce::new();
    req.extensions_mut()
        .insert(CspNonce(nonce.as_inner().clone()));
    let mut res = next.run(req).await;
    // The development server's automatic reload talks over a WebSocket of its own port.
    let reload = if site.production { "" } else { " ws:" };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'{reload}; \
         object-src 'none'; base-uri 'self'; form-action {}; frame-ancestors 'none'",
        site.form_action
    );
    let h = res.headers_mut();
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        h.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    res
}

/// Hands the page this request's nonce ([`headers`] made it and names it in the policy), in
/// place of the one the renderer would make.
pub fn provide_page_nonce() {
    use leptos::prelude::{provide_context, use_context};
    let nonce = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_scheme_host_and_port() {
        let site = Origin::parse("http://lampss.example:3000").unwrap();
        assert_eq!(
            Origin::parse("http://LAMPSS.example:3000"),
            Some(site.clone())
        );
        assert_ne!(
            Origin::parse("https://lampss.example:3000"),
            Some(site.clone())
        );
        assert_ne!(
            Origin::parse("http://lampss.example:3001"),
            Some(site.clone())
        );
        assert_ne!(Origin::parse("http://lampss.example"), Some(site));
        assert_eq!(
            Origin::parse("https://lampss.example"),
            Origin::parse("https://lampss.example:443")
        );
        assert_eq!(Origin::parse("null"), None);
        assert_eq!(Origin::parse("http://user@lampss.example"), None);
        assert_eq!(
            Origin::parse("https://id.example:8443/realms/ns")
                .unwrap()
                .to_string(),
            "https://id.example:8443"
        );
    }
}
