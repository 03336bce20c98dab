//! Starting the real app on port 0 against a fresh database, and talking to it over HTTP as
//! a browser or a script would.

pub use db::testing::{Backend, fresh_database_url};
pub use leptos::prelude::LeptosOptions;
pub use reqwest::{Client, StatusCode, redirect::Policy};
pub use serde_json::{Value, json};
pub use server::Application;
pub use server::config::Config;

pub const ADMIN: [(&str, &str); 2] = [
    ("email", "admin@example.org"),
    ("password", "demo-admin-2026"),
];

pub struct TestApp {
    pub base: String,
    pub client: Client,
    /// The app's database, to look behind its back (ids, row counts).
    pub db: db::DatabaseConnection,
    /// The app's clock, to move time forward.
    pub clock: db::Clock,
    /// What the app's server functions and mail worker share.
    pub state: app::server::AppState,
}

pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, None).await
}

/// The app, sending its emails to the SMTP server at `smtp_url` when given.
pub async fn spawn_app_with(backend: Backend, smtp_url: Option<String>) -> Option<TestApp> {
    spawn_app_serving(backend, smtp_url, "target/site").await
}

/// The app, serving its static files from `site_root`.
pub async fn spawn_app_serving(
    backend: Backend,
    smtp_url: Option<String>,
    site_root: &str,
) -> Option<TestApp> {
    spawn_app_full(backend, site_root, |config| config.smtp_url = smtp_url).await
}

/// The app, with the development configuration changed by `configure`.
pub async fn spawn_app_configured(
    backend: Backend,
    configure: impl FnOnce(&mut Config),
) -> Option<TestApp> {
    spawn_app_full(backend, "target/site", configure).await
}

async fn spawn_app_full(
    backend: Backend,
    site_root: &str,
    configure: impl FnOnce(&mut Config),
) -> Option<TestApp> {
    // The server's log, with `RUST_LOG` set (e.g. `RUST_LOG=info cargo test …`).
    if std::env::var_os("RUST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_test_writer()
            .try_init();
    }
    let url = fresh_database_url(backend).await?;
    Some(spawn_instance(url, site_root, configure).await)
}

/// One instance of the app on the database at `url`, which it migrates (and seeds) if needed:
/// several may serve the same database.
pub async fn spawn_instance(
    url: String,
    site_root: &str,
    configure: impl FnOnce(&mut Config),
) -> TestApp {
    let address = "127.0.0.1:0".parse().unwrap();
    let options = LeptosOptions::builder()
        .output_name("contacts")
        .site_root(site_root)
        .site_addr(address)
        .build();
    let mut config = Config {
        database_url: url.clone(),
        address,
        production: false,
        smtp_url: None,
        mail_from: server::config::DEFAULT_MAIL_FROM.to_string(),
        public_url: None,
        oidc: None,
        tls: None,
        sessions: Default::default(),
    };
    configure(&mut config);
    let app = Application::build(config, options)
        .await
        .expect("app starts");
    let base = format!("http://{}", app.address);
    let (clock, state) = (app.clock.clone(), app.state.clone());
    tokio::spawn(app.run_until_stopped());
    let client = browser();
    let db = db::open(&url).await.expect("database opens");
    TestApp {
        base,
        client,
        db,
        clock,
        state,
    }
}

/// An HTTP client that keeps cookies and shows redirects, as a browser tab would.
fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        // A request the server never answers fails its test, naming it, rather than hanging
        // the run.
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .unwrap()
}

impl TestApp {
    /// Waits until the mail worker has handed every email written so far to its recipient (or
    /// the development mailbox): it records each delivery in the contact's history whenever
    /// it runs, beside what a test does.
    pub async fn mail_delivered(&self) {
        use db::entity::outbox_message;
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        wait_for("the outbox to be delivered", async || {
            outbox_message::Entity::find()
                .filter(outbox_message::Column::Status.eq(outbox_message::Status::Pending))
                .count(&self.db)
                .await
                .unwrap()
                == 0
        })
        .await;
    }

    /// The same app seen from another browser, with its own cookies.
    pub fn another_browser(&self) -> TestApp {
        TestApp {
            base: self.base.clone(),
            client: browser(),
            db: self.db.clone(),
            clock: self.clock.clone(),
            state: self.state.clone(),
        }
    }

    /// Posts a form to a server function as a browser's plain form does, with `extra` headers.
    pub async fn post_form(
        &self,
        endpoint: &str,
        form: &[(&str, &str)],
        extra: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut req = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("accept", "text/html")
            .form(form);
        for (name, value) in extra {
            req = req.header(*name, *value);
        }
        req.send().await.unwrap()
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form(
            "sign_in",
            &[("email", email), ("password", password), ("next", "")],
            &[],
        )
        .await
    }

    /// Calls a server function that takes JSON.
    pub async fn call(&self, endpoint: &str, body: Value) -> (StatusCode, Value) {
        let res = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        answer(res).await
    }

    /// Calls a server function that takes a URL-encoded form (the default encoding).
    pub async fn call_form(&self, endpoint: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
        let res = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .form(form)
            .send()
            .await
            .unwrap();
        answer(res).await
    }

    /// The contact of that last name (they are unique in the demo world).
    pub async fn contact_named(&self, last_name: &str) -> db::entity::contact::Model {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        db::entity::contact::Entity::find()
            .filter(db::entity::contact::Column::LastName.eq(last_name))
            .one(&self.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{last_name}"))
    }

    pub async fn list(&self, query: Value) -> (StatusCode, Value) {
        self.call("list_contacts", json!({ "query": query })).await
    }

    pub async fn names(&self, query: Value) -> Vec<String> {
        let (status, page) = self.list(query).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        last_names(&page)
    }
}

/// The last names of a list page's rows, in order.
pub fn last_names(page: &Value) -> Vec<String> {
    page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["last_name"].as_str().unwrap().to_string())
        .collect()
}

async fn answer(res: reqwest::Response) -> (StatusCode, Value) {
    let status = res.status();
    let body = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&body).unwrap_or(Value::String(body)),
    )
}

pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// The text of an HTML page: tags and hydration markers removed, entities of quotes decoded.
pub fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#x27;", "'").replace("&#39;", "'")
}

/// Runs a test body on SQLite, and again on PostgreSQL when `TEST_DATABASE_URL` is set.
macro_rules! on_both {
    ($name:ident, $body:expr) => {
        db::on_both!($name, run, $body);
    };
}

/// Starts the app on `backend` and runs `body` against it (nothing when the backend is not
/// configured).
pub async fn run<F, Fut>(backend: Backend, body: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    if let Some(app) = spawn_app(backend).await {
        body(app).await;
    }
}

/// Waits until `done` holds, up to 30 s (what the app does in the background: the mail
/// worker, another instance).
pub async fn wait_for(what: &str, mut done: impl AsyncFnMut() -> bool) {
    for _ in 0..300 {
        if done().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}
