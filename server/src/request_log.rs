//! One log line per request, when it is answered: method, route, status, latency and request
//! id. Never the query string, a header's value, a body, or a path's own segments where they
//! may carry a secret or a person's data: a page is named by its route's pattern
//! (`/invitation/{token}`, never the token), a server function by its name, a file by its path.

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

/// The request's id, as a load balancer gave it or as this server made it; answered back.
pub const REQUEST_ID: &str = "x-request-id";

/// What a log line may name a request's path by.
fn route(req: &Request) -> String {
    let path = req.uri().path();
    // Server functions and the site's files: their paths are names the app chose.
    if path.starts_with("/api/") || path.starts_with("/pkg/") {
        return path.chars().take(100).collect();
    }
    match req.extensions().get::<MatchedPath>() {
        Some(matched) => matched.as_str().to_owned(),
        None => "(no route)".to_owned(),
    }
}

/// The id a load balancer gave, when it is a plain token; a new one otherwise.
fn request_id(req: &Request) -> String {
    req.headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|id| {
            !id.is_empty()
                && id.len() <= 64
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
}

pub async fn log_request(mut req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let route = route(&req);
    let id = request_id(&req);
    let header = HeaderValue::from_str(&id).expect("a request id is a plain token");
    req.headers_mut().insert(REQUEST_ID, header.clone());
    let mut res = next.run(req).await;
    res.headers_mut().insert(REQUEST_ID, header);
    tracing::info!(
        target: "request",
        request_id = %id,
        method = %method,
        route = %route,
        status = res.status().as_u16(),
        latency_ms = start.elapsed().as_secs_f64() * 1000.0,
        "answered"
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_id(id: &str) -> Request {
        Request::builder()
            .header(REQUEST_ID, id)
            .body(axum::body::Body::empty())
            .unwrap()
    }

    #[test]
    fn a_balancers_plain_id_is_kept_and_anything_else_replaced() {
        assert_eq!(request_id(&with_id("lb-42.a_b")), "lb-42.a_b");
        for odd in ["", "a b", "a/b", &"a".repeat(65), "id\" forged=\"1"] {
            let made = request_id(&with_id(odd));
            assert_ne!(made, odd);
            assert_eq!(made.len(), 36, "{made}");
        }
    }
}
