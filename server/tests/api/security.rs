//! The headers every answer carries, what a server function accepts as a body, where a write
//! may come from, and how long a session lasts.

use crate::helpers::*;
use chrono::Duration;

/// The policy's nonce, and the policy.
fn policy(res: &reqwest::Response) -> (String, String) {
    let policy = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("no nonce in {policy}"))
        .to_string();
    (nonce, policy)
}

on_both!(
    pages_allow_only_their_own_scripts_and_are_not_stored,
    |app: TestApp| async move {
        let res = app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        assert_eq!(location(&res), "/organization/contacts");
        let res = app
            .client
            .get(format!("{}/organization/contacts", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["cache-control"], "no-store");
        let (nonce, policy) = policy(&res);
        for directive in [
            "script-src 'self' 'nonce-",
            "'wasm-unsafe-eval'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
        ] {
            assert!(policy.contains(directive), "{directive} missing: {policy}");
        }
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        let html = res.text().await.unwrap();
        assert!(html.contains("Arsenault"), "the list is rendered");
        // Every script of the page is the policy's: the hydration script and the data of
        // the page's resources.
        // (leptos_i18n leaves an empty `<script></script>` as a placeholder: a browser runs
        // nothing there, and checks no policy.)
        let scripts = html.matches("<script").count() - html.matches("<script></script>").count();
        assert!(scripts >= 2, "{scripts} scripts");
        assert_eq!(
            html.matches(&format!("<script nonce=\"{nonce}\"")).count()
                + html
                    .matches(&format!("<script type=\"module\" nonce=\"{nonce}\""))
                    .count(),
            scripts,
            "a script without the nonce"
        );
        // A new nonce for every page.
        let again = app
            .client
            .get(format!("{}/organization/contacts", app.base))
            .send()
            .await
            .unwrap();
        assert_ne!(self::policy(&again).0, nonce);

        // The answers of server functions name people too.
        let res = app
            .client
            .post(format!("{}/api/list_contacts", app.base))
            .json(&json!({ "query": {} }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["cache-control"], "no-store");
    }
);

on_both!(
    a_server_function_takes_its_own_content_type_only,
    |app: TestApp| async move {
        let res = app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        assert_eq!(location(&res), "/organization/contacts");
        let post = |endpoint: &str, content_type: &str, body: &str| {
            app.client
                .post(format!("{}/api/{endpoint}", app.base))
                .header("content-type", content_type)
                .body(body.to_string())
                .send()
        };
        // A page of another site may post text/plain without asking: never to a JSON function.
        let query = r#"{"query":{}}"#;
        for content_type in ["text/plain", "application/x-www-form-urlencoded", ""] {
            let res = post("list_contacts", content_type, query).await.unwrap();
            assert_eq!(
                res.status(),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "{content_type:?}"
            );
        }
        let res = post("list_contacts", "application/json; charset=utf-8", query)
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);

        // A form's function takes a form.
        let res = post("switch_organization", "text/plain", "organization_id=1")
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let res = post("sign_out", "application/json", "{}").await.unwrap();
        assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        // Still signed in: nothing of it ran.
        assert_eq!(app.list(json!({})).await.0, StatusCode::OK);
    }
);

#[tokio::test]
async fn the_content_types_name_every_server_function() {
    // The functions register as the server starts.
    let Some(_app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    let mut registered: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    let mut listed: Vec<&str> = app::server::SERVER_FUNCTIONS
        .iter()
        .map(|(path, _)| *path)
        .collect();
    registered.sort_unstable();
    listed.sort_unstable();
    assert_eq!(registered, listed);
    assert_eq!(
        app::server::server_function_input("/api/list_contacts"),
        Some("application/json")
    );
    assert_eq!(
        app::server::server_function_input("/api/sign_in"),
        Some("application/x-www-form-urlencoded")
    );
}

on_both!(
    a_write_from_another_scheme_or_port_is_refused,
    |app: TestApp| async move {
        let port = app.base.rsplit(':').next().unwrap().parse::<u16>().unwrap();
        for origin in [
            format!("https://127.0.0.1:{port}"),
            format!("http://127.0.0.1:{}", port.wrapping_add(1)),
            format!("http://127.0.0.2:{port}"),
            "null".to_string(),
        ] {
            let res = app
                .post_form("sign_in", &ADMIN, &[("origin", &origin)])
                .await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{origin}");
        }
        assert_eq!(app.list(json!({})).await.0, StatusCode::UNAUTHORIZED);
        let own = format!("http://127.0.0.1:{port}");
        let res = app.post_form("sign_in", &ADMIN, &[("origin", &own)]).await;
        assert_eq!(location(&res), "/organization/contacts");
        assert_eq!(app.list(json!({})).await.0, StatusCode::OK);
    }
);

#[tokio::test]
async fn behind_a_proxy_the_public_address_is_the_origin() {
    let Some(app) = spawn_app_configured(Backend::Sqlite, |config| {
        config.public_url = Some("https://lampss.example".to_string());
    })
    .await
    else {
        return;
    };
    let res = app
        .post_form("sign_in", &ADMIN, &[("origin", "http://lampss.example")])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app
        .post_form("sign_in", &ADMIN, &[("origin", "https://lampss.example")])
        .await;
    assert_eq!(location(&res), "/organization/contacts");
}

async fn signed_in(app: &TestApp) -> bool {
    app.list(json!({})).await.0 == StatusCode::OK
}

on_both!(
    a_session_ends_when_idle_and_at_its_lifetime,
    |app: TestApp| async move {
        let res = app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        assert_eq!(location(&res), "/organization/contacts");
        // Active use keeps it: a request every 50 minutes, past the hour of idle time.
        for _ in 0..3 {
            app.clock.advance(Duration::minutes(50));
            assert!(signed_in(&app).await, "ended while in use");
        }
        // An hour without a request ends it.
        app.clock.advance(Duration::minutes(61));
        assert!(!signed_in(&app).await, "still signed in after an idle hour");

        // However active, twelve hours after the sign-in it ends.
        let res = app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        assert_eq!(location(&res), "/organization/contacts");
        for _ in 0..14 {
            app.clock.advance(Duration::minutes(50));
            assert!(signed_in(&app).await, "ended while in use");
        }
        app.clock.advance(Duration::minutes(50));
        assert!(
            !signed_in(&app).await,
            "signed in 12.5 hours after the sign-in"
        );
    }
);

on_both!(
    failed_sign_ins_make_the_next_ones_wait,
    |app: TestApp| async move {
        app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        app.invite("Gallant", &["EFO_USER"], "").await;
        let link = app.link_sent_to("denise.gallant@vallee.example.org").await;
        let token = link.rsplit('/').next().unwrap().to_string();

        let guesser = app.another_browser();
        let viewer = ("viewer@example.org", "demo-viewer-2026");
        for _ in 0..5 {
            let res = guesser.sign_in(viewer.0, "a guess").await;
            assert_eq!(location(&res), "/login?error=invalid");
        }
        // The sixth try waits, right password or not, and the page says so.
        let res = guesser.sign_in(viewer.0, viewer.1).await;
        assert_eq!(location(&res), "/login?error=wait");
        assert!(!signed_in(&guesser).await);
        for (lang, says) in [("fr", "Trop de tentatives"), ("en", "Too many attempts")] {
            let page = guesser
                .client
                .get(format!("{}/login?error=wait", app.base))
                .header("cookie", format!("i18n_pref_locale={lang}"))
                .send()
                .await
                .unwrap();
            let text = visible_text(&page.text().await.unwrap());
            assert!(text.contains(says), "{lang}: {text}");
        }
        // So does the invitation page's sign-in form, which checks passwords the same way.
        let res = guesser
            .post_form(
                "accept_invitation",
                &[
                    ("token", &token),
                    ("email", viewer.0),
                    ("password", viewer.1),
                ],
                &[],
            )
            .await;
        assert_eq!(location(&res), format!("/invitation/{token}?error=wait"));
        // A minute after the last failure, the right password signs in.
        app.clock.advance(Duration::minutes(1));
        let res = guesser.sign_in(viewer.0, viewer.1).await;
        assert_eq!(location(&res), "/organization/contacts");
    }
);

#[tokio::test]
async fn the_limits_are_configurable() {
    let Some(app) = spawn_app_configured(Backend::Sqlite, |config| {
        config.sessions = server::config::SessionLimits {
            idle: Duration::minutes(5),
            lifetime: Duration::hours(1),
        };
    })
    .await
    else {
        return;
    };
    let res = app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
    assert_eq!(location(&res), "/organization/contacts");
    app.clock.advance(Duration::minutes(4));
    assert!(signed_in(&app).await);
    app.clock.advance(Duration::minutes(6));
    assert!(!signed_in(&app).await);
}

on_both!(
    the_session_table_does_not_hold_the_cookies,
    |app: TestApp| async move {
        use sea_orm::EntityTrait;
        let res = app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        assert_eq!(location(&res), "/organization/contacts");
        let cookie = res
            .cookies()
            .find(|c| c.name() == "lampss_session")
            .expect("a session cookie")
            .value()
            .to_string();
        assert!(signed_in(&app).await);
        let rows = db::entity::session::Entity::find()
            .all(&app.db)
            .await
            .unwrap();
        assert!(!rows.is_empty());
        for row in &rows {
            assert_ne!(row.id, cookie);
            assert!(!row.id.contains(&cookie) && !row.data.contains(&cookie));
            // Presenting a row's key as a cookie signs nobody in.
            let res = Client::new()
                .post(format!("{}/api/list_contacts", app.base))
                .header("cookie", format!("lampss_session={}", row.id))
                .json(&json!({ "query": {} }))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        }
    }
);
