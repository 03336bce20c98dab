//! Sign-in, the session, and the list server function with good and hostile input.

use crate::helpers::*;
on_both!(
    anonymous_callers_are_turned_away,
    |app: TestApp| async move {
        let (status, body) = app.list(json!({})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body, json!("Unauthorized"));
        let page = app
            .client
            .get(format!("{}/organization/contacts?last_name=x", app.base))
            .send()
            .await
            .unwrap();
        assert!(page.status().is_redirection());
        assert_eq!(
            location(&page),
            "/login?next=%2Forganization%2Fcontacts%3Flast_name%3Dx"
        );
        let login = app
            .client
            .get(format!("{}/login", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(login.status(), StatusCode::OK);
        let html = login.text().await.unwrap();
        assert!(
            html.contains("Mon dossier N.-É."),
            "the login page names the provider"
        );
    }
);

on_both!(wrong_passwords_sign_nobody_in, |app: TestApp| async move {
    let res = app.sign_in("admin@example.org", "wrong").await;
    assert_eq!(location(&res), "/login?error=invalid");
    let res = app.sign_in("nobody@example.org", "demo-admin-2026").await;
    assert_eq!(location(&res), "/login?error=invalid");
    // The form shows the email typed once more, so that only the password is typed again.
    let (_, methods) = app.call_form("available_sign_in", &[]).await;
    assert_eq!(methods["typed_email"], json!("nobody@example.org"));
    let (_, methods) = app.call_form("available_sign_in", &[]).await;
    assert_eq!(methods["typed_email"], json!(null));
    let res = app.sign_in(&"a".repeat(10_000), &"b".repeat(40_000)).await;
    assert_eq!(location(&res), "/login?error=invalid");
    // Over the 64 KB a server function takes, nothing reads it.
    let res = app.sign_in(&"a".repeat(10_000), &"b".repeat(100_000)).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let (_, methods) = app.call_form("available_sign_in", &[]).await;
    assert_eq!(methods["typed_email"], json!(null));
    assert_eq!(app.list(json!({})).await.0, StatusCode::UNAUTHORIZED);
});

on_both!(sign_in_rotates_the_session_id, |app: TestApp| async move {
    let planted = "lampss_session=planted-session-id-0123456789";
    let res = app
        .post_form("sign_in", &ADMIN, &[("cookie", planted)])
        .await;
    assert_eq!(location(&res), "/organization/contacts");
    let cookie = res
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("lampss_session="));
    assert!(!cookie.contains("planted"));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
});

on_both!(
    admin_sees_the_primary_first_then_pages_of_ten,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let (status, page) = app.list(json!({})).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["total"], 29);
        assert_eq!(page["page_count"], 3);
        let rows = page["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 10);
        assert_eq!(rows[0]["last_name"], "Arsenault");
        assert_eq!(rows[0]["is_primary"], true);
        assert_eq!(rows[0]["is_admin"], true);
        assert_eq!(rows[0]["invitation"], "Linked");
        let page2 = app.names(json!({ "page": "2" })).await;
        assert_eq!(page2.len(), 10);
        let page3 = app.names(json!({ "page": "3" })).await;
        assert_eq!(page3.len(), 9);
        assert!(!page2.contains(&"Arsenault".to_string()));
        // Beyond the last page: the last page, never « Page 50 de 3 ».
        let (status, beyond) = app.list(json!({ "page": "50" })).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(beyond["page"], 3);
        assert_eq!(beyond["page_count"], 3);
        assert_eq!(beyond["total"], 29);
        assert_eq!(last_names(&beyond), page3);
    }
);

on_both!(
    inactive_contacts_show_when_asked,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let (_, page) = app.list(json!({ "active": "0" })).await;
        assert_eq!(page["total"], 34);
        assert_eq!(page["page_count"], 4);
        assert_eq!(page["rows"][0]["last_name"], "Abel");
        assert_eq!(page["rows"][0]["active"], false);
        let names = app.names(json!({ "active": "0", "last_name": "a" })).await;
        assert_eq!(names, ["Abel", "Amirault", "Arsenault"]);
    }
);

on_both!(every_filter_narrows_the_list, |app: TestApp| async move {
    app.sign_in("admin@example.org", "demo-admin-2026").await;
    assert_eq!(
        app.names(json!({ "last_name": "leblanc" })).await,
        ["LeBlanc"]
    );
    assert_eq!(app.names(json!({ "last_name": "LEB" })).await, ["LeBlanc"]);
    assert_eq!(
        app.names(json!({ "first_name": "eve" })).await,
        ["Robichaud"]
    );
    assert_eq!(app.names(json!({ "email": "zwicker" })).await, ["Zwicker"]);
    // The email entered in LaMPSS, or the linked identity account's (shown in the row).
    assert_eq!(
        app.names(json!({ "email": "example.net" })).await,
        ["LeBlanc"]
    );
    assert_eq!(
        app.names(json!({ "user_id": "luc.leblanc@example.net" }))
            .await,
        ["LeBlanc"]
    );
    assert!(app.names(json!({ "user_id": "luc" })).await.is_empty());
    let with_access = app.names(json!({ "access": "1" })).await;
    assert_eq!(with_access.len(), 8);
    assert!(!with_access.contains(&"Doiron".to_string()));
    assert_eq!(
        app.names(json!({ "access": "1", "last_name": "m" })).await,
        ["MacDonald", "Muise"]
    );
    assert!(
        app.names(json!({ "access": "1", "active": "0", "last_name": "abel" }))
            .await
            .is_empty()
    );
    assert_eq!(
        app.names(json!({ "first_name": "j", "active": "0" })).await,
        ["Abel", "Amirault", "Smith", "Thériault"]
    );
    let (_, org) = {
        let res = app
            .client
            .post(format!("{}/api/get_organization", app.base))
            .send()
            .await
            .unwrap();
        (res.status(), res.json::<Value>().await.unwrap())
    };
    let efo_user = org["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["label"]["fr"] == "Utilisateur EFO")
        .unwrap()["id"]
        .to_string();
    assert_eq!(app.names(json!({ "profile": efo_user })).await, ["Muise"]);
    // The invitation lines: pending with its date, expired with its date.
    let (_, doiron) = app.list(json!({ "last_name": "doiron" })).await;
    assert!(doiron["rows"][0]["invitation"]["Pending"]["expires"]["fr"].is_string());
    let (_, zwicker) = app.list(json!({ "last_name": "zwicker" })).await;
    assert!(zwicker["rows"][0]["invitation"]["Expired"]["on"]["en"].is_string());
    let (_, leblanc) = app.list(json!({ "last_name": "leblanc" })).await;
    assert_eq!(
        leblanc["rows"][0]["account_email"],
        "luc.leblanc@example.net"
    );
});

on_both!(
    hostile_input_gets_a_clear_answer,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let (status, body) = app.list(json!({ "last_name": "x".repeat(10_000) })).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["Validation"][0]["field"], "LastName");
        assert_eq!(body["Validation"][0]["code"], "TooLong");
        for text in [
            "%",
            "_",
            "%%",
            "' OR '1'='1",
            "\"; DROP TABLE contact; --",
            "\\",
        ] {
            for field in ["last_name", "first_name", "email", "user_id"] {
                let (status, page) = app.list(json!({ field: text })).await;
                assert_eq!(status, StatusCode::OK, "{field} = {text}");
                assert_eq!(page["total"], 0, "{field} = {text} matches nothing");
            }
        }
        for (field, value) in [
            ("profile", "999999"),
            ("profile", "x"),
            ("page", "-1"),
            ("page", "0"),
            ("page", "1000000000"),
            ("page", "abc"),
        ] {
            let (status, body) = app.list(json!({ field: value })).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{field} = {value}: {body}");
            assert!(body.get("Validation").is_some(), "{body}");
        }
        // A body that is not the expected shape is the caller's fault, not a server error.
        for body in ["{", "[]", "{\"query\": 5}", "{\"query\": {\"page\": 3}}"] {
            let res = app
                .client
                .post(format!("{}/api/list_contacts", app.base))
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        }
        // Still alive and unchanged.
        assert_eq!(app.list(json!({})).await.1["total"], 29);
    }
);

on_both!(
    each_organisation_sees_only_its_contacts,
    |app: TestApp| async move {
        let res = app.sign_in("multi@example.org", "demo-multi-2026").await;
        assert_eq!(
            location(&res),
            "/",
            "several organisations: choose on the home page"
        );
        let org = |name: &str| {
            let name = name.to_string();
            let app = &app;
            async move {
                let res = app
                    .client
                    .post(format!("{}/api/current_session", app.base))
                    .send()
                    .await
                    .unwrap();
                let session: Value = res.json().await.unwrap();
                session["organizations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|o| o["name"] == name.as_str())
                    .unwrap()["id"]
                    .to_string()
            }
        };
        let a = org("Services d'emploi de la Vallée").await;
        let b = org("Centre communautaire de la Rivière").await;
        let all = json!({ "active": "0", "page": "1" });
        // Signed in as the first organisation by name (B); act for A first.
        let res = app
            .post_form(
                "switch_organization",
                &[("organization_id", a.as_str())],
                &[],
            )
            .await;
        assert_eq!(location(&res), "/organization/contacts");
        let first_a = app.names(all.clone()).await;
        assert_eq!(first_a[0], "Abel");
        assert!(!first_a.contains(&"Pettipas".to_string()));
        let res = app
            .post_form(
                "switch_organization",
                &[("organization_id", b.as_str())],
                &[],
            )
            .await;
        assert_eq!(location(&res), "/organization/contacts");
        let (_, page_b) = app.list(all.clone()).await;
        let names_b = last_names(&page_b);
        assert_eq!(page_b["total"], 6);
        assert_eq!(names_b[0], "Deveau");
        for a_only in ["Abel", "Arsenault", "Doiron", "LeBlanc"] {
            assert!(!names_b.contains(&a_only.to_string()));
        }
        // An organisation the account does not act for is unknown.
        let res = app
            .post_form("switch_organization", &[("organization_id", "999999")], &[])
            .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
    }
);

on_both!(
    an_unknown_page_says_so_to_a_signed_in_person,
    |app: TestApp| async move {
        app.sign_in("viewer@example.org", "demo-viewer-2026").await;
        let page = app
            .client
            .get(format!("{}/organization/no-such-page", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::NOT_FOUND);
        let text = visible_text(&page.text().await.unwrap());
        assert!(text.contains("Page introuvable"), "{text}");
        // The banner still knows who is signed in (its server function has the app's state).
        assert!(text.contains("viewer@example.org"), "{text}");
    }
);

on_both!(
    viewers_can_read_and_sign_out_ends_it,
    |app: TestApp| async move {
        app.sign_in("viewer@example.org", "demo-viewer-2026").await;
        assert_eq!(app.list(json!({})).await.0, StatusCode::OK);
        let page = app
            .client
            .get(format!("{}/organization/contacts", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.unwrap();
        assert!(
            visible_text(&html)
                .contains("identifiant viewer@example.org agissant comme Services d"),
            "the banner names the account and the organisation"
        );
        assert!(html.contains("Arsenault, Marie"), "SSR renders the rows");
        app.post_form("sign_out", &[], &[]).await;
        assert_eq!(app.list(json!({})).await.0, StatusCode::UNAUTHORIZED);
    }
);

on_both!(cross_origin_writes_are_refused, |app: TestApp| async move {
    let res = app
        .post_form("sign_in", &ADMIN, &[("origin", "http://evil.example")])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app
        .post_form("sign_in", &ADMIN, &[("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.list(json!({})).await.0, StatusCode::UNAUTHORIZED);
});
