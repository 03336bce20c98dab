//! What the server writes to its log while people use it: one line per request, naming it by
//! route, and nothing a reader of the log could use to act as someone or learn what they
//! typed.
//!
//! A test binary of its own: it installs the process's log subscriber, which keeps every line.

#[path = "api/helpers.rs"]
#[allow(dead_code, unused_macros)]
mod helpers;

use helpers::*;
use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Log {
    fn lines(&self) -> Vec<String> {
        String::from_utf8_lossy(&self.0.lock().unwrap())
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// The request line of the answer that carried `id` in its `x-request-id`.
    fn line_of(&self, res: &reqwest::Response) -> String {
        let id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
        let lines: Vec<String> = self
            .lines()
            .into_iter()
            .filter(|l| l.contains(&format!("request_id={id}")))
            .collect();
        assert_eq!(lines.len(), 1, "one line for request {id}: {lines:?}");
        lines[0].clone()
    }
}

#[tokio::test]
async fn one_line_per_request_and_no_secret_or_typed_text_in_the_log() {
    let log = Log::default();
    let writer = log.clone();
    tracing_subscriber::fmt()
        .with_env_filter("info,sqlx=warn")
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();
    let app = spawn_app(Backend::Sqlite).await.unwrap();

    let anonymous = app
        .client
        .get(format!("{}/", app.base))
        .send()
        .await
        .unwrap();
    let line = log.line_of(&anonymous);
    assert!(line.contains("method=GET route=/ status="), "{line}");

    let signed_in = app.sign_in("admin@example.org", "demo-admin-2026").await;
    let session = signed_in
        .cookies()
        .find(|c| c.name() == "lampss_session")
        .expect("a session cookie")
        .value()
        .to_owned();
    let line = log.line_of(&signed_in);
    assert!(
        line.contains("method=POST route=/api/sign_in status=302"),
        "{line}"
    );
    assert!(line.contains("latency_ms="), "{line}");

    let searched = app
        .client
        .post(format!("{}/api/list_contacts", app.base))
        .json(&json!({ "query": { "email": "denise.gallant", "last_name": "Gallant" } }))
        .send()
        .await
        .unwrap();
    assert_eq!(searched.status(), StatusCode::OK);
    let line = log.line_of(&searched);
    assert!(
        line.contains("route=/api/list_contacts status=200"),
        "{line}"
    );

    let token = "Zm9yZ2VkLXRva2VuLW9mLWFuLWludml0YXRpb24tbGluaw";
    let link = app
        .client
        .get(format!("{}/invitation/{token}?lang=en", app.base))
        .send()
        .await
        .unwrap();
    let line = log.line_of(&link);
    assert!(line.contains("route=/invitation/"), "{line}");

    // An unknown page: 404, rendered with the app's state (no error logged on the way).
    let unknown = app
        .client
        .get(format!("{}/organization/no-such-page", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let line = log.line_of(&unknown);
    assert!(line.contains("route=(no route) status=404"), "{line}");

    // A balancer's own request id is kept and answered back.
    let forwarded = app
        .client
        .get(format!("{}/login", app.base))
        .header("x-request-id", "lb-7f3a.1")
        .send()
        .await
        .unwrap();
    assert_eq!(forwarded.headers()["x-request-id"], "lb-7f3a.1");
    log.line_of(&forwarded);

    let everything = log.lines().join("\n");
    for secret in [
        "demo-admin-2026",
        session.as_str(),
        token,
        "denise.gallant",
        "Gallant",
        "lang=en",
    ] {
        assert!(
            !everything.contains(secret),
            "the log holds {secret:?}:\n{everything}"
        );
    }
    let errors: Vec<&str> = everything
        .lines()
        .filter(|l| l.contains(" ERROR ") || l.contains(" WARN "))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}
