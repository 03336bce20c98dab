//! Request guards: same-origin writes, signed-in pages, and security headers.

use app::routes;
use app::server::ACCOUNT_KEY;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// Refuses a state-changing request that another site's page sent: the browser says where it
/// comes from in `Sec-Fetch-Site`, or else in `Origin`, which must name this host.
pub async fn same_origin(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let allowed = match fetch_site {
        Some(site) => matches!(site, "same-origin" | "none"),
        None => match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
            Some(origin) => {
                let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
                let origin_host = origin.split_once("://").map(|(_, h)| h);
                host.is_some() && origin_host == host
            }
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

fn is_page_needing_sign_in(path: &str) -> bool {
    path == routes::HOME || path == routes::ORGANIZATION || path.starts_with("/organization/")
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

/// Headers every response carries.
pub async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    res
}
