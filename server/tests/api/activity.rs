//! « Journal d'activité » over HTTP: the events of the caller's organisation only, newest
//! first, 25 a page, filtered by period, kind, contact and actor; sign-ins recorded without
//! anything secret; administrators only, as a page, a server function and a CSV file.

use crate::helpers::*;

impl TestApp {
    async fn log(&self, query: Value) -> (StatusCode, Value) {
        self.call("activity_log", json!({ "query": query })).await
    }

    /// The log's lines for `query` (one page), as `(kind, "Nom, Prénom", actor)`.
    async fn lines(&self, query: Value) -> Vec<(String, String, Option<String>)> {
        let (status, page) = self.log(query).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        page["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l["kind"].as_str().unwrap().to_string(),
                    format!(
                        "{}, {}",
                        l["last_name"].as_str().unwrap(),
                        l["first_name"].as_str().unwrap()
                    ),
                    l["actor"].as_str().map(String::from),
                )
            })
            .collect()
    }

    async fn log_csv(&self, query: &str) -> reqwest::Response {
        self.client
            .get(format!("{}/organization/activity.csv?{query}", self.base))
            .send()
            .await
            .unwrap()
    }

    /// Changes Gallant's title to `title`, as an administrator.
    async fn retitle_gallant(&self, title: &str) {
        self.retitle("Gallant", title).await;
    }

    /// Changes the title of the contact of that last name, as an administrator.
    async fn retitle(&self, last_name: &str, title: &str) {
        let gallant = self.contact_named(last_name).await;
        let (status, details) = self
            .call_form("get_contact", &[("id", &gallant.id.to_string())])
            .await;
        assert_eq!(status, StatusCode::OK, "{details}");
        let mut input = details["input"].clone();
        input["title"] = json!(title);
        let (status, saved) = self
            .call(
                "update_contact",
                json!({ "id": gallant.id, "version": details["version"], "input": input }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{saved}");
    }
}

/// The records of a CSV download, the header first, after its byte-order mark.
async fn records(res: reqwest::Response) -> Vec<Vec<String>> {
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let body = res.bytes().await.unwrap();
    let text = std::str::from_utf8(&body).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

on_both!(
    the_log_shows_the_organisations_events_newest_first_to_administrators_only,
    |app: TestApp| async move {
        // B's administrator changes one of B's own contacts (multi@example.org acts for B
        // first: its name comes first).
        let b_admin = app.another_browser();
        b_admin
            .sign_in("multi@example.org", "demo-multi-2026")
            .await;
        b_admin.retitle("Deveau", "Agente de liaison").await;
        app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        // More events than a page holds.
        for n in 1..=25 {
            app.retitle_gallant(&format!("Conseillère {n}")).await;
        }
        app.retitle_gallant("Conseillère principale").await;
        let (status, page) = app.log(json!({})).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let lines = page["lines"].as_array().unwrap();
        assert_eq!(lines.len(), 25, "25 a page");
        let total = page["total"].as_u64().unwrap();
        assert!(total > 25, "{total}");
        assert_eq!(page["page_count"].as_u64().unwrap(), total.div_ceil(25));
        // Newest first: the edit, then the administrator's own sign-in.
        let first = &lines[0];
        assert_eq!(first["kind"], "updated");
        assert_eq!(first["last_name"], "Gallant");
        assert_eq!(first["actor"], "admin@example.org");
        assert_eq!(first["changes"][0]["field"], json!({ "Field": "Title" }));
        assert_eq!(
            first["changes"][0]["to"],
            json!({ "Text": { "fr": "Conseillère principale", "en": "Conseillère principale" } })
        );
        assert_eq!(
            first["contact"].as_i64().unwrap(),
            i64::from(app.contact_named("Gallant").await.id)
        );
        assert_eq!(
            first["changes"][0]["from"],
            json!({ "Text": { "fr": "Conseillère 25", "en": "Conseillère 25" } })
        );
        // The administrator's own sign-in came before the edits.
        let (_, second) = app.log(json!({ "page": "2" })).await;
        let second = second["lines"].as_array().unwrap();
        assert_eq!(second[0]["kind"], "updated");
        assert_eq!(second[1]["kind"], "signed_in");
        assert_eq!(second[1]["actor"], "admin@example.org");
        // The last page holds the rest; a page past it shows the last.
        let last = page["page_count"].as_u64().unwrap();
        let (_, beyond) = app.log(json!({ "page": "999" })).await;
        assert_eq!(beyond["page"].as_u64().unwrap(), last);
        assert_eq!(
            beyond["lines"].as_array().unwrap().len() as u64,
            total - (last - 1) * 25
        );

        // Another organisation's events never appear: B's contacts have a history, and the
        // names of B's own (those not in A too) are nowhere in A's log, every page of it.
        let b_only: Vec<String> = {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let a = app.contact_named("Gallant").await.organization_id;
            let b_contacts = db::entity::contact::Entity::find()
                .filter(db::entity::contact::Column::OrganizationId.ne(a))
                .all(&app.db)
                .await
                .unwrap();
            let b_events = db::entity::contact_event::Entity::find()
                .filter(db::entity::contact_event::Column::OrganizationId.ne(a))
                .all(&app.db)
                .await
                .unwrap();
            assert!(!b_events.is_empty(), "B has a history");
            let a_contacts = db::entity::contact::Entity::find()
                .filter(db::entity::contact::Column::OrganizationId.eq(a))
                .all(&app.db)
                .await
                .unwrap();
            b_contacts
                .into_iter()
                .map(|c| c.last_name)
                .filter(|name| !a_contacts.iter().any(|c| &c.last_name == name))
                .collect()
        };
        let file = records(app.log_csv("lang=fr").await).await;
        assert_eq!(
            file.len() as u64,
            total + 1,
            "a line per event and the header"
        );
        assert!(!b_only.is_empty());
        for line in &file[1..] {
            assert!(!b_only.contains(&line[1]), "{line:?}");
        }

        // Read-only members: 403 from the function, the page and the file.
        let viewer = app.another_browser();
        viewer
            .sign_in("viewer@example.org", "demo-viewer-2026")
            .await;
        let (status, _) = viewer.log(json!({})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(
            viewer.log_csv("lang=fr").await.status(),
            StatusCode::FORBIDDEN
        );
        let page = viewer
            .client
            .get(format!("{}/organization/activity", viewer.base))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::FORBIDDEN);
        // Nobody signed in: 401, and the file sends to the sign-in page.
        let anonymous = app.another_browser();
        let (status, _) = anonymous.log(json!({})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(location(&anonymous.log_csv("").await).starts_with("/login?"));
        // The administrator's page shows the log.
        let page = app
            .client
            .get(format!("{}/organization/activity?kind=updated", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        let text = visible_text(&page.text().await.unwrap());
        assert!(text.contains("Journal d'activité"), "{text}");
        assert!(
            text.contains("Gallant, Marie") || text.contains("Gallant"),
            "{text}"
        );
    }
);

on_both!(
    the_log_is_filtered_by_period_kind_contact_and_actor,
    |app: TestApp| async move {
        app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        app.retitle_gallant("Coordonnatrice").await;
        let viewer = app.another_browser();
        viewer
            .sign_in("viewer@example.org", "demo-viewer-2026")
            .await;

        let updated = app.lines(json!({ "kind": "updated" })).await;
        assert!(!updated.is_empty());
        assert!(
            updated.iter().all(|(kind, _, _)| kind == "updated"),
            "{updated:?}"
        );

        // Words of the name, accents and case aside, in either order.
        let gallant = app.lines(json!({ "contact": "GALL" })).await;
        assert!(!gallant.is_empty());
        assert!(
            gallant
                .iter()
                .all(|(_, name, _)| name.starts_with("Gallant,")),
            "{gallant:?}"
        );
        assert_eq!(
            app.lines(json!({ "contact": "gallant" })).await,
            gallant,
            "a word of the first or last name"
        );
        assert!(app.lines(json!({ "contact": "%" })).await.is_empty());

        // The person who acted, by a part of their email.
        let by_viewer = app.lines(json!({ "by": "viewer@" })).await;
        assert_eq!(by_viewer.len(), 1, "{by_viewer:?}");
        assert_eq!(by_viewer[0].0, "signed_in");
        let by_admin = app.lines(json!({ "by": "ADMIN@example" })).await;
        assert!(
            by_admin
                .iter()
                .all(|(_, _, by)| by.as_deref() == Some("admin@example.org"))
        );

        // A period of Nova Scotia days: today's events, none tomorrow.
        let today = chrono::Utc::now()
            .with_timezone(&chrono_tz::America::Halifax)
            .date_naive();
        let tomorrow = today.succ_opt().unwrap().to_string();
        let today = today.to_string();
        let (_, now) = app
            .log(json!({ "from": today, "to": today, "kind": "updated" }))
            .await;
        assert_eq!(now["total"], 1, "{now}");
        let (_, later) = app.log(json!({ "from": tomorrow })).await;
        assert_eq!(later["total"], 0);
        let (_, before) = app.log(json!({ "to": "2000-01-01" })).await;
        assert_eq!(before["total"], 0);

        // Refused inputs are named, and nothing is read.
        let (status, refused) = app
            .log(json!({ "from": tomorrow, "to": today, "kind": "dropped", "page": "0" }))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
        let refused = refused.to_string();
        for field in ["Until", "Event", "Page"] {
            assert!(refused.contains(field), "{field}: {refused}");
        }
        // A refused query sends the file's browser back to the page, which says why.
        let res = app.log_csv("kind=dropped&lang=fr").await;
        assert_eq!(location(&res), "/organization/activity?kind=dropped");
    }
);

on_both!(
    sign_ins_failures_switches_and_sign_outs_are_in_the_log_without_secrets,
    |app: TestApp| async move {
        // A wrong password for the viewer's account, then the right one.
        let viewer = app.another_browser();
        viewer
            .sign_in("viewer@example.org", "not-the-password")
            .await;
        viewer
            .sign_in("viewer@example.org", "demo-viewer-2026")
            .await;
        viewer.post_form("sign_out", &[], &[]).await;
        // multi@example.org acts for A and B: it switches to A.
        let multi = app.another_browser();
        multi.sign_in("multi@example.org", "demo-multi-2026").await;
        let res = multi
            .client
            .post(format!("{}/api/current_session", multi.base))
            .send()
            .await
            .unwrap();
        let session: Value = res.json().await.unwrap();
        let a = session["organizations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == "Services d'emploi de la Vallée")
            .unwrap()["id"]
            .to_string();
        multi
            .post_form("switch_organization", &[("organization_id", &a)], &[])
            .await;

        app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        // A failure is recorded beside the answer, not before it.
        wait_for("the failed sign-in recorded", async || {
            let (_, page) = app.log(json!({ "kind": "sign_in_failed" })).await;
            page["total"] == 1
        })
        .await;
        let sign_ins = |kind: &'static str| {
            let app = &app;
            async move { app.lines(json!({ "kind": kind })).await }
        };
        let viewer_name = {
            let (_, page) = app.log(json!({ "kind": "signed_out" })).await;
            let line = &page["lines"][0];
            assert!(
                line["changes"].as_array().unwrap().is_empty(),
                "nothing but the event"
            );
            format!(
                "{}, {}",
                line["last_name"].as_str().unwrap(),
                line["first_name"].as_str().unwrap()
            )
        };
        // Whoever typed a wrong password is not known.
        assert_eq!(
            sign_ins("sign_in_failed").await,
            vec![("sign_in_failed".to_string(), viewer_name.clone(), None)]
        );
        let signed_in = sign_ins("signed_in").await;
        assert!(signed_in.contains(&(
            "signed_in".to_string(),
            viewer_name.clone(),
            Some("viewer@example.org".to_string())
        )));
        assert!(
            signed_in
                .iter()
                .any(|(_, _, by)| by.as_deref() == Some("multi@example.org"))
        );
        assert_eq!(
            sign_ins("signed_out").await,
            vec![(
                "signed_out".to_string(),
                viewer_name.clone(),
                Some("viewer@example.org".to_string())
            )]
        );
        let switched = sign_ins("organization_switched").await;
        assert_eq!(switched.len(), 1, "{switched:?}");
        assert_eq!(switched[0].2.as_deref(), Some("multi@example.org"));

        // Nothing secret in what was recorded.
        {
            use sea_orm::EntityTrait;
            for event in db::entity::contact_event::Entity::find()
                .all(&app.db)
                .await
                .unwrap()
            {
                for secret in ["not-the-password", "demo-viewer-2026", "demo-multi-2026"] {
                    assert!(!event.changes.contains(secret), "{event:?}");
                }
            }
        }
        // The contact's own history and « last changed » are about the contact, not its
        // sign-ins.
        let viewer_contact = app
            .contact_named(viewer_name.split(',').next().unwrap())
            .await;
        let (_, details) = app
            .call_form("get_contact", &[("id", &viewer_contact.id.to_string())])
            .await;
        let kinds: Vec<&str> = details["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["kind"].as_str().unwrap())
            .collect();
        for kind in [
            "signed_in",
            "sign_in_failed",
            "signed_out",
            "organization_switched",
        ] {
            assert!(!kinds.contains(&kind), "{kinds:?}");
        }
    }
);

on_both!(
    the_log_is_exported_in_the_interface_language_with_its_filters,
    |app: TestApp| async move {
        app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        app.retitle_gallant("Directrice").await;
        let res = app.log_csv("kind=updated&contact=gallant&lang=en").await;
        let disposition = res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            disposition
                .starts_with("attachment; filename=\"activity-log-services-d-emploi-de-la-vallee-"),
            "{disposition}"
        );
        let file = records(res).await;
        assert_eq!(
            file[0],
            [
                "Date and time",
                "Last name",
                "First name",
                "Event",
                "Done by",
                "Details"
            ]
        );
        let (_, page) = app
            .log(json!({ "kind": "updated", "contact": "gallant" }))
            .await;
        assert_eq!(file.len() as u64, page["total"].as_u64().unwrap() + 1);
        assert_eq!(file[1][1], "Gallant");
        assert_eq!(file[1][3], "Changed");
        assert_eq!(file[1][4], "admin@example.org");
        assert!(file[1][5].contains("“Directrice”"), "{:?}", file[1]);
        let fr = records(app.log_csv("kind=updated&contact=gallant&lang=fr").await).await;
        assert_eq!(fr[0][0], "Date et heure");
        assert_eq!(fr[1][3], "Modification");
        assert!(fr[1][5].contains("« Directrice »"), "{:?}", fr[1]);
    }
);

on_both!(
    ten_thousand_events_are_written_as_they_are_read,
    |app: TestApp| async move {
        use sea_orm::{EntityTrait, Set};
        let gallant = app.contact_named("Gallant").await;
        let admin = app.contact_named("Arsenault").await.account_id;
        let at = chrono::Utc::now() - chrono::Duration::days(1);
        for batch in 0..10 {
            let events = (0..1_000).map(|n| db::entity::contact_event::ActiveModel {
                contact_id: Set(gallant.id),
                organization_id: Set(gallant.organization_id),
                actor_id: Set(admin),
                at: Set(at + chrono::Duration::seconds(batch * 1_000 + n)),
                kind: Set(db::entity::contact_event::Kind::Updated),
                changes: Set(format!(
                    r#"[{{"field":"title","from":"Titre {n}","to":"Titre {}"}}]"#,
                    n + 1
                )),
                ..Default::default()
            });
            db::entity::contact_event::Entity::insert_many(events)
                .exec(&app.db)
                .await
                .unwrap();
        }
        app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        let (_, page) = app.log(json!({})).await;
        let total = page["total"].as_u64().unwrap();
        assert!(total > 10_000, "{total}");
        let mut res = app.log_csv("lang=en").await;
        assert_eq!(res.status(), StatusCode::OK);
        // The file arrives in parts, a batch of events at a time, never the whole of it.
        let (mut parts, mut largest, mut lines) = (0, 0, 0);
        while let Some(chunk) = res.chunk().await.unwrap() {
            parts += 1;
            largest = largest.max(chunk.len());
            // Records end with CR LF; a cell of several changes holds LF alone.
            lines += chunk.iter().filter(|b| **b == b'\r').count();
        }
        assert_eq!(lines as u64, total + 1, "a header and a line per event");
        assert!(parts >= 20, "{parts} parts");
        assert!(largest < 512 * 1024, "a part of {largest} bytes");
    }
);
