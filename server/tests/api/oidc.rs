//! Signing in with Mon dossier N.-É. through OpenID Connect, against a real OpenID provider
//! (`end2end/oidc-provider.mjs`, the npm package `oidc-provider`) started for each test: the
//! real redirects, a wrong password and a cancel at the provider, a tampered `state`, a
//! replayed code, an expired ID token, a token for another audience, a key rotation, accepting
//! an invitation, and signing out at the provider too.

use crate::helpers::*;
use db::entity::{account, contact, security_profile};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use std::process::Stdio;
use tokio::io::{AsyncBufReadExt, BufReader};

/// The test provider's users (see `end2end/oidc-provider.mjs`).
const MARIE: (&str, &str) = ("marie", "marie-2026");
const MARIE_SUBJECT: &str = "c3f1a2b4-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const ALEX: (&str, &str) = ("alex", "alex-2026");

/// The test OpenID provider, running until its last clone is dropped.
#[derive(Clone)]
pub struct Provider {
    pub issuer: String,
    _process: std::sync::Arc<tokio::process::Child>,
}

impl Provider {
    pub async fn start() -> Provider {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/oidc-provider.mjs");
        let mut process = tokio::process::Command::new("node")
            .args([script, "--port", "0", "--exit-with-stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("node runs the test OpenID provider (scripts/install-tools.sh installs it)");
        let stdout = process.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .await
            .expect("the provider says where it listens");
        let issuer = line
            .trim()
            .strip_prefix("issuer=")
            .unwrap_or_else(|| panic!("the provider printed {line:?}"))
            .to_string();
        Provider {
            issuer,
            _process: std::sync::Arc::new(process),
        }
    }

    /// Asks the provider to change the next ID token it issues (see its test controls).
    async fn next_id_token(&self, change: Value) {
        let res = Client::new()
            .post(format!("{}/test/next-id-token", self.issuer))
            .json(&change)
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success(), "{}", res.status());
    }

    async fn rotate_keys(&self) {
        let res = Client::new()
            .post(format!("{}/test/rotate-keys", self.issuer))
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success(), "{}", res.status());
    }
}

/// Runs `body` against the app configured with a fresh test provider, on `backend`.
async fn with_provider<F, Fut>(backend: Backend, body: F)
where
    F: FnOnce(TestApp, Provider) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let provider = Provider::start().await;
    // Running until the body is done, whether or not the body holds on to it.
    let running = provider.clone();
    if let Some(app) = spawn_app_oidc(backend, &provider.issuer).await {
        body(app, provider).await;
    }
    drop(running);
}

macro_rules! with_provider {
    ($name:ident, $body:expr) => {
        db::on_both!($name, with_provider, $body);
    };
}

/// The value of attribute `name` in an HTML tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].replace("&amp;", "&"))
}

/// The `action` of the page's form that contains `marker`.
fn form_action(html: &str, marker: &str) -> String {
    html.split("<form")
        .skip(1)
        .find(|form| form.split("</form>").next().unwrap().contains(marker))
        .and_then(|form| attribute(form.split('>').next().unwrap(), "action"))
        .unwrap_or_else(|| panic!("no form with {marker} in {html}"))
}

/// `target` (a link or a form's action) as an absolute URL, from the page at `url`.
fn absolute(url: &str, target: String) -> String {
    if target.starts_with('/') {
        let origin = url.split('/').take(3).collect::<Vec<_>>().join("/");
        format!("{origin}{target}")
    } else {
        target
    }
}

/// What a browser meets at the end of a trip to the provider.
enum Arrival {
    /// A page of the provider (its login page again, its sign-out page…).
    ProviderPage { url: String, html: String },
    /// Back at the app's callback with this URL, not yet opened.
    Callback(String),
    /// Somewhere else on the app, this redirect not followed.
    App(String),
}

impl TestApp {
    /// Opens `url` as a browser's address bar does.
    async fn navigate(&self, url: &str) -> reqwest::Response {
        self.client
            .get(url)
            .header("accept", "text/html")
            .send()
            .await
            .unwrap()
    }

    /// Follows redirects from `url` as a browser would, until a provider page, the app's
    /// callback, or another page of the app.
    async fn travel(&self, mut response: reqwest::Response, mut url: String) -> Arrival {
        for _ in 0..10 {
            if response.status().is_redirection() {
                let next = absolute(&url, location(&response));
                if next.starts_with(&format!("{}/auth/callback", self.base)) {
                    return Arrival::Callback(next);
                }
                if next.starts_with(&self.base) {
                    return Arrival::App(next[self.base.len()..].to_string());
                }
                response = self.navigate(&next).await;
                url = next;
            } else {
                let html = response.text().await.unwrap();
                return Arrival::ProviderPage { url, html };
            }
        }
        panic!("too many redirects")
    }

    /// Presses « Ouvrir une session avec Mon dossier N.-É. » with this return address, and
    /// arrives at the provider's login page.
    async fn to_provider(&self, next: &str) -> (String, String) {
        let res = self.post_form("oidc_sign_in", &[("next", next)], &[]).await;
        assert!(res.status().is_redirection(), "{}", res.status());
        let url = location(&res);
        assert!(
            url.starts_with("http://") && !url.starts_with(&self.base),
            "{url}"
        );
        self.at_provider_page(url).await
    }

    async fn at_provider_page(&self, url: String) -> (String, String) {
        let res = self.navigate(&url).await;
        match self.travel(res, url).await {
            Arrival::ProviderPage { url, html } => (url, html),
            Arrival::Callback(url) => panic!("straight back to the callback: {url}"),
            Arrival::App(url) => panic!("straight back to the app: {url}"),
        }
    }

    /// Fills the provider's login page, and arrives where the provider sends the browser.
    async fn log_in_at_provider(&self, page: &(String, String), user: (&str, &str)) -> Arrival {
        let (url, html) = page;
        let action = form_action(html, "name=\"password\"");
        let target = absolute(url, action);
        let res = self
            .client
            .post(&target)
            .form(&[("login", user.0), ("password", user.1)])
            .send()
            .await
            .unwrap();
        self.travel(res, target).await
    }

    /// Signs in through the provider as `user` (unless the provider's session there still
    /// holds), and returns the app's callback URL.
    async fn callback_for(&self, next: &str, user: (&str, &str)) -> String {
        let res = self.post_form("oidc_sign_in", &[("next", next)], &[]).await;
        let url = location(&res);
        let page = match self.travel(self.navigate(&url).await, url).await {
            Arrival::Callback(url) => return url,
            Arrival::ProviderPage { url, html } => (url, html),
            Arrival::App(url) => panic!("straight back to the app: {url}"),
        };
        match self.log_in_at_provider(&page, user).await {
            Arrival::Callback(url) => url,
            Arrival::ProviderPage { html, .. } => panic!("still at the provider: {html}"),
            Arrival::App(url) => panic!("back at {url} without the callback"),
        }
    }

    /// Opens a callback URL; where the app sends the browser next.
    async fn open_callback(&self, url: &str) -> String {
        let res = self.navigate(url).await;
        assert!(res.status().is_redirection(), "{}", res.status());
        location(&res)
    }

    /// Signs in through the provider as `user`; where the app sends the browser once back.
    async fn sign_in_through_provider(&self, next: &str, user: (&str, &str)) -> String {
        let callback = self.callback_for(next, user).await;
        self.open_callback(&callback).await
    }

    async fn signed_in_as(&self) -> Option<String> {
        let (status, session) = self.call_form("current_session", &[]).await;
        assert_eq!(status, StatusCode::OK, "{session}");
        session["login"].as_str().map(str::to_owned)
    }

    async fn accounts(&self) -> u64 {
        account::Entity::find().count(&self.db).await.unwrap()
    }

    /// Invites the contact `last_name` as admin@example.org, and returns the link's token.
    async fn invitation_token(&self, last_name: &str) -> String {
        let admin = self.another_browser();
        admin.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        let c = self.contact_named(last_name).await;
        let profile = security_profile::Entity::find()
            .filter(security_profile::Column::IsAdmin.eq(false))
            .filter(security_profile::Column::Module.eq("EFO"))
            .one(&self.db)
            .await
            .unwrap()
            .expect("a profile of EFO, which admin@example.org administers");
        let (status, body) = admin
            .call(
                "send_invitation",
                json!({ "id": c.id, "invite": { "profiles": [profile.id], "message": "" } }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, mail) = admin.call_form("sent_mail", &[]).await;
        assert_eq!(status, StatusCode::OK, "{mail}");
        let link = mail
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["to"] == c.email.as_str())
            .and_then(|m| m["link"].as_str())
            .unwrap_or_else(|| panic!("no email to {}: {mail}", c.email))
            .to_string();
        link.rsplit('/').next().unwrap().to_string()
    }

    /// Accepts the invitation of `token` through the provider as `user`; where the app sends
    /// the browser once back.
    async fn accept_through_provider(&self, token: &str, user: (&str, &str)) -> String {
        let res = self
            .post_form("oidc_accept_invitation", &[("token", token)], &[])
            .await;
        let url = location(&res);
        assert!(
            url.starts_with("http://") && !url.starts_with(&self.base),
            "{res:?} {url}"
        );
        let page = self.at_provider_page(url).await;
        match self.log_in_at_provider(&page, user).await {
            Arrival::Callback(url) => self.open_callback(&url).await,
            Arrival::ProviderPage { html, .. } => panic!("still at the provider: {html}"),
            Arrival::App(url) => panic!("back at {url} without the callback"),
        }
    }

    /// A Marie linked to the contact Gallant, through an invitation she accepted.
    async fn marie_linked(&self) -> TestApp {
        let token = self.invitation_token("Gallant").await;
        let marie = self.another_browser();
        let landed = marie.accept_through_provider(&token, MARIE).await;
        assert_eq!(landed, "/organization/contacts?welcome=1");
        marie
    }
}

/// The app with sign-in through the provider at `issuer` (development: the demo identity
/// provider stays too).
async fn spawn_app_oidc(backend: Backend, issuer: &str) -> Option<TestApp> {
    spawn_app_configured(backend, |config| config.oidc = Some(settings(issuer))).await
}

/// The app's client at the test provider.
fn settings(issuer: &str) -> server::config::OidcSettings {
    server::config::OidcSettings {
        issuer: issuer.to_string(),
        client_id: "lampss".into(),
        client_secret: "lampss-test-secret".into(),
        scopes: vec!["email".into(), "profile".into()],
    }
}

#[tokio::test]
async fn production_offers_the_provider_only() {
    let provider = Provider::start().await;
    let app = spawn_app_configured(Backend::Sqlite, |config| {
        config.production = true;
        config.oidc = Some(settings(&provider.issuer));
    })
    .await
    .expect("SQLite is always there");
    let html = app
        .navigate(&format!("{}/login", app.base))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        visible_text(&html).contains("Ouvrir une session avec Mon dossier N.-É."),
        "{html}"
    );
    assert!(!html.contains("name=\"password\""), "{html}");
    let res = app.sign_in("admin@example.org", "demo-admin-2026").await;
    assert_eq!(location(&res), "/login?error=disabled");
    // The provider is the way in.
    let res = app.post_form("oidc_sign_in", &[("next", "")], &[]).await;
    assert!(location(&res).starts_with(&provider.issuer));
}

with_provider!(
    an_invitee_accepts_through_the_provider_and_signs_in_again,
    |app: TestApp, provider: Provider| async move {
        let marie = app.marie_linked().await;
        // Linked by issuer and subject, with the provider's email and user identifier.
        let gallant = app.contact_named("Gallant").await;
        let account = account::Entity::find_by_id(gallant.account_id.expect("linked"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            account.login_key,
            format!("{}#{MARIE_SUBJECT}", provider.issuer)
        );
        assert_eq!(
            account.identity_email.as_deref(),
            Some("marie.dupuis@example.org")
        );
        assert!(account.email_verified);
        assert_eq!(account.username, "mdupuis");
        assert_eq!(account.password_hash, None);
        assert_eq!(
            marie.signed_in_as().await.as_deref(),
            Some("marie.dupuis@example.org")
        );
        // The details show the user ID and the identity account's email.
        let (status, details) = marie
            .call_form("get_contact", &[("id", &gallant.id.to_string())])
            .await;
        assert_eq!(status, StatusCode::OK, "{details}");
        assert_eq!(details["identity"]["user_id"], "mdupuis");
        assert_eq!(details["identity"]["email"], "marie.dupuis@example.org");
        // Signing out ends the provider's session too, and comes back to the sign-in page.
        let res = marie.post_form("sign_out", &[], &[]).await;
        let end_session = location(&res);
        assert!(end_session.starts_with(&provider.issuer), "{end_session}");
        assert!(end_session.contains("id_token_hint="), "{end_session}");
        assert!(
            end_session.contains("post_logout_redirect_uri="),
            "{end_session}"
        );
        assert_eq!(marie.signed_in_as().await, None);
        let (url, html) = marie.at_provider_page(end_session).await;
        let action = form_action(&html, "op.logoutForm");
        let confirm = absolute(&url, action);
        let hidden = html
            .split("<input")
            .skip(1)
            .filter_map(|tag| {
                let tag = tag.split('>').next().unwrap();
                Some((attribute(tag, "name")?, attribute(tag, "value")?))
            })
            .collect::<Vec<_>>();
        let mut form: Vec<(String, String)> = hidden;
        form.push(("logout".into(), "yes".into()));
        let res = marie
            .client
            .post(&confirm)
            .form(&form)
            .send()
            .await
            .unwrap();
        match marie.travel(res, confirm).await {
            Arrival::App(url) => assert_eq!(url, "/login?signed_out=1"),
            Arrival::ProviderPage { html, .. } => panic!("still at the provider: {html}"),
            Arrival::Callback(url) => panic!("{url}"),
        }
        // What the provider says is refreshed at the next sign-in (as if it had changed there).
        let mut stale: account::ActiveModel = account.clone().into();
        stale.identity_email = Set(Some("marie.old@example.org".into()));
        stale.username = Set("mdupuis-old".into());
        stale.update(&app.db).await.unwrap();
        // Signing in again asks for the password again, and goes where she was going.
        let callback = marie
            .callback_for("/organization/contacts?page=2", MARIE)
            .await;
        assert_eq!(
            marie.open_callback(&callback).await,
            "/organization/contacts?page=2"
        );
        assert_eq!(
            marie.signed_in_as().await.as_deref(),
            Some("marie.dupuis@example.org")
        );
        let refreshed = account::Entity::find_by_id(account.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(refreshed, account);
    }
);

with_provider!(
    a_wrong_password_and_a_cancel_at_the_provider,
    |app: TestApp, _provider: Provider| async move {
        let page = app.to_provider("").await;
        match app
            .log_in_at_provider(&page, ("marie", "not-her-password"))
            .await
        {
            Arrival::ProviderPage { html, .. } => {
                assert!(html.contains("Invalid username or password"), "{html}")
            }
            _ => panic!("a wrong password left the provider"),
        }
        let (url, html) = page;
        let action = form_action(&html, "Cancel");
        let target = absolute(&url, action);
        let res = app.client.post(&target).send().await.unwrap();
        let callback = match app.travel(res, target).await {
            Arrival::Callback(url) => url,
            _ => panic!("cancel did not come back"),
        };
        assert!(callback.contains("error=access_denied"), "{callback}");
        assert_eq!(app.open_callback(&callback).await, "/login?error=cancelled");
        assert_eq!(app.signed_in_as().await, None);
    }
);

with_provider!(
    a_tampered_state_or_a_replayed_code_signs_nobody_in,
    |app: TestApp, _provider: Provider| async move {
        let marie = app.marie_linked().await;
        marie.post_form("sign_out", &[], &[]).await;
        let browser = app.another_browser();
        // A state that is not this browser's.
        let callback = browser.callback_for("", MARIE).await;
        let tampered = callback.replace("state=", "state=x");
        assert_eq!(
            browser.open_callback(&tampered).await,
            "/login?error=failed"
        );
        assert_eq!(browser.signed_in_as().await, None);
        // The genuine callback once, then its code again in a new sign-in.
        assert_eq!(
            browser.sign_in_through_provider("", MARIE).await,
            "/organization/contacts"
        );
        assert_eq!(
            browser.open_callback(&callback).await,
            "/login?error=failed",
            "the same callback twice"
        );
        let other = app.another_browser();
        let res = other.post_form("oidc_sign_in", &[("next", "")], &[]).await;
        let authorize = location(&res);
        let state = authorize
            .split(['?', '&'])
            .find_map(|p| p.strip_prefix("state="))
            .unwrap()
            .to_string();
        let code = callback
            .split(['?', '&'])
            .find_map(|p| p.strip_prefix("code="))
            .unwrap();
        let replayed = format!("{}/auth/callback?code={code}&state={state}", app.base);
        assert_eq!(other.open_callback(&replayed).await, "/login?error=failed");
        assert_eq!(other.signed_in_as().await, None);
    }
);

with_provider!(
    an_expired_id_token_or_one_for_another_audience_is_refused,
    |app: TestApp, provider: Provider| async move {
        let marie = app.marie_linked().await;
        marie.post_form("sign_out", &[], &[]).await;
        for change in [
            json!({ "clock_offset_seconds": -7200 }),
            json!({ "audience": "another-client" }),
        ] {
            let browser = app.another_browser();
            provider.next_id_token(change.clone()).await;
            let callback = browser.callback_for("", MARIE).await;
            assert_eq!(
                browser.open_callback(&callback).await,
                "/login?error=failed",
                "{change}"
            );
            assert_eq!(browser.signed_in_as().await, None, "{change}");
        }
        // The next, unchanged, token signs in.
        let browser = app.another_browser();
        assert_eq!(
            browser.sign_in_through_provider("", MARIE).await,
            "/organization/contacts"
        );
    }
);

with_provider!(
    new_provider_keys_are_fetched_when_a_token_names_one,
    |app: TestApp, provider: Provider| async move {
        let marie = app.marie_linked().await;
        marie.post_form("sign_out", &[], &[]).await;
        provider.rotate_keys().await;
        let browser = app.another_browser();
        assert_eq!(
            browser.sign_in_through_provider("", MARIE).await,
            "/organization/contacts"
        );
    }
);

with_provider!(
    an_identity_of_no_organisation_is_told_so_and_nothing_is_stored,
    |app: TestApp, _provider: Provider| async move {
        let accounts = app.accounts().await;
        assert_eq!(
            app.sign_in_through_provider("/organization/contacts", ALEX)
                .await,
            "/login?error=no_organization&next=%2Forganization%2Fcontacts"
        );
        assert_eq!(app.signed_in_as().await, None);
        assert_eq!(app.accounts().await, accounts);
    }
);

with_provider!(
    an_account_already_linked_in_the_organisation_cannot_accept_another_invitation,
    |app: TestApp, _provider: Provider| async move {
        app.marie_linked().await;
        let token = app.invitation_token("Fraser").await;
        let browser = app.another_browser();
        let landed = browser.accept_through_provider(&token, MARIE).await;
        assert_eq!(landed, format!("/invitation/{token}?error=already_member"));
        let fraser = app.contact_named("Fraser").await;
        assert_eq!(fraser.account_id, None);
        let linked = contact::Entity::find()
            .filter(contact::Column::AccountId.is_not_null())
            .filter(contact::Column::LastName.eq("Gallant"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(linked, 1);
    }
);

#[tokio::test]
async fn a_provider_that_is_down_is_said_so_in_both_languages() {
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let issuer = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let app = spawn_app_oidc(Backend::Sqlite, &issuer)
        .await
        .expect("SQLite is always there");
    let res = app
        .post_form("oidc_sign_in", &[("next", "/organization/contacts")], &[])
        .await;
    let target = location(&res);
    assert_eq!(
        target,
        "/login?error=unavailable&next=%2Forganization%2Fcontacts"
    );
    for (lang, text) in [
        ("fr", "Mon dossier N.-É. est indisponible pour le moment"),
        ("en", "My NS Account is unavailable at the moment"),
    ] {
        let html = app
            .client
            .get(format!("{}{target}", app.base))
            .header("cookie", format!("i18n_pref_locale={lang}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(visible_text(&html).contains(text), "{lang}: {html}");
    }
}

#[test]
fn production_without_openid_connect_does_not_start() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .env("APP_ENV", "production")
        .env_remove("OIDC_ISSUER")
        .env_remove("OIDC_CLIENT_ID")
        .env_remove("OIDC_CLIENT_SECRET")
        .env("DATABASE_URL", "sqlite::memory:")
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("LEPTOS_OUTPUT_NAME", "contacts")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for name in ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] {
        assert!(stderr.contains(name), "{stderr}");
    }
}
