//! The contact write functions over HTTP: who may call them, for which organisation's
//! contacts, what bad input gets, and that nothing is half-written.

use crate::helpers::*;
use db::entity::{contact, contact_event};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn valid_input() -> Value {
    json!({
        "last_name": "Boutilier",
        "first_name": "Élise",
        "email": "elise.boutilier@example.org",
        "title": "Conseillère",
        "phone": "902 555 0101 x 12",
        "language": "fr",
        "active": true,
        "is_primary": false,
        "office_location": "KENTVILLE",
        "fte": "0,5",
        "start_date": "2026-01-05",
        "position_type": "COUNSELLOR",
    })
}

impl TestApp {
    /// Contacts and history rows, to prove a refused call wrote nothing.
    async fn row_counts(&self) -> (u64, u64) {
        (
            contact::Entity::find().count(&self.db).await.unwrap(),
            // The history a call writes; a sign-in is recorded apart (the activity log's).
            contact_event::Entity::find()
                .filter(contact_event::Column::Kind.is_not_in(contact_event::Kind::SIGN_IN))
                .count(&self.db)
                .await
                .unwrap(),
        )
    }

    async fn update(&self, c: &contact::Model, changes: Value) -> (StatusCode, Value) {
        let (_, details) = self
            .call_form("get_contact", &[("id", &c.id.to_string())])
            .await;
        let mut input = details["input"].clone();
        for (key, value) in changes.as_object().unwrap() {
            input[key] = value.clone();
        }
        self.call(
            "update_contact",
            json!({ "id": c.id, "version": c.version, "input": input }),
        )
        .await
    }
}

on_both!(
    only_signed_in_administrators_write,
    |app: TestApp| async move {
        let fraser = app.contact_named("Fraser").await;
        let before = app.row_counts().await;
        let update = json!({ "id": fraser.id, "version": fraser.version, "input": valid_input() });

        let (status, _) = app
            .call("create_contact", json!({ "input": valid_input() }))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = app.call("update_contact", update.clone()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = app.call_form("get_contact", &[("id", "1")]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        app.sign_in("viewer@example.org", "demo-viewer-2026").await;
        let (status, body) = app
            .call("create_contact", json!({ "input": valid_input() }))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        assert_eq!(body, json!("Forbidden"));
        let (status, _) = app.call("update_contact", update).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = app.call_form("new_contact_form", &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // Viewers read the details, without the right to change them.
        let (status, details) = app
            .call_form("get_contact", &[("id", &fraser.id.to_string())])
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(details["settings"]["can_edit"], false);
        assert_eq!(app.row_counts().await, before);
    }
);

on_both!(
    another_organisations_contact_is_unknown,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let pettipas = app.contact_named("Pettipas").await;
        let before = app.row_counts().await;
        for id in [pettipas.id.to_string(), "999999".into()] {
            let (status, body) = app.call_form("get_contact", &[("id", &id)]).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{id}");
            assert_eq!(body, json!("NotFound"));
        }
        let (status, _) = app
            .call(
                "update_contact",
                json!({ "id": pettipas.id, "version": pettipas.version, "input": valid_input() }),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(app.contact_named("Pettipas").await, pettipas);
        assert_eq!(app.row_counts().await, before);
        let (status, _) = app.call_form("get_contact", &[("id", "abc")]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
);

on_both!(
    each_invalid_field_gets_its_error_and_nothing_is_written,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let before = app.row_counts().await;
        for (field, value, expected_field, code) in [
            ("last_name", json!(""), "LastName", "Required"),
            ("first_name", json!("x".repeat(101)), "FirstName", "TooLong"),
            ("email", json!("not-an-email"), "Email", "InvalidEmail"),
            (
                "email",
                json!("nadine.doiron@vallee.example.org"),
                "Email",
                "DuplicateEmail",
            ),
            ("title", json!("t".repeat(151)), "Title", "TooLong"),
            ("phone", json!("555-1212"), "Phone", "InvalidPhone"),
            ("phone_ext", json!("12ab"), "PhoneExt", "InvalidExtension"),
            (
                "cell_phone",
                json!("+44 20 7946 0958"),
                "CellPhone",
                "InvalidPhone",
            ),
            ("language", json!("de"), "Language", "UnknownOption"),
            ("office_location", json!(""), "OfficeLocation", "Required"),
            (
                "office_location",
                json!("CHETICAMP"),
                "OfficeLocation",
                "UnknownOption",
            ),
            ("fte", json!("1.5"), "Fte", "InvalidFte"),
            ("fte", json!(""), "Fte", "Required"),
            (
                "start_date",
                json!("2026-02-30"),
                "StartDate",
                "InvalidDate",
            ),
            ("end_date", json!("2025-12-31"), "EndDate", "EndBeforeStart"),
            (
                "position_type",
                json!("CEO"),
                "PositionType",
                "UnknownOption",
            ),
        ] {
            let mut input = valid_input();
            input[field] = value;
            let (status, body) = app.call("create_contact", json!({ "input": input })).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{field}: {body}");
            assert_eq!(
                body["Validation"][0]["field"], expected_field,
                "{field}: {body}"
            );
            assert_eq!(body["Validation"][0]["code"], code, "{field}: {body}");
        }
        // Not the expected shape at all.
        for body in [
            json!({}),
            json!({ "input": 5 }),
            json!({ "input": { "active": "yes" } }),
        ] {
            let (status, _) = app.call("create_contact", body.clone()).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        }
        assert_eq!(app.row_counts().await, before);
    }
);

on_both!(
    an_added_contact_is_listed_with_its_history,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let (status, id) = app
            .call("create_contact", json!({ "input": valid_input() }))
            .await;
        assert_eq!(status, StatusCode::OK, "{id}");
        let (_, page) = app.list(json!({ "last_name": "boutilier" })).await;
        let row = &page["rows"][0];
        assert_eq!(row["id"], id);
        assert_eq!(row["active"], true);
        assert_eq!(row["has_access"], false);
        assert_eq!(row["profiles"], json!([]));
        assert_eq!(row["phone"], "(902) 555-0101");
        assert_eq!(row["phone_ext"], "12");
        let (status, details) = app
            .call_form("get_contact", &[("id", &id.to_string())])
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(details["input"]["fte"], "0.5");
        assert_eq!(details["history"][0]["kind"], "created");
        assert_eq!(details["history"][0]["actor"], "admin@example.org");
    }
);

on_both!(
    primary_contact_rules_hold_on_the_server,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let arsenault = app.contact_named("Arsenault").await;
        let (status, body) = app.update(&arsenault, json!({ "active": false })).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["Validation"][0]["code"], "PrimaryInactive", "{body}");
        let (status, body) = app.update(&arsenault, json!({ "is_primary": false })).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["Validation"][0]["code"], "PrimaryRequired", "{body}");
        // Administrators do not deactivate themselves.
        app.sign_in("efo.admin@example.org", "demo-efo-2026").await;
        let own = contact::Entity::find()
            .filter(
                contact::Column::AccountId.is_in(
                    db::entity::account::Entity::find()
                        .filter(db::entity::account::Column::LoginKey.eq("efo.admin@example.org"))
                        .all(&app.db)
                        .await
                        .unwrap()
                        .into_iter()
                        .map(|a| a.id),
                ),
            )
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let (status, body) = app.update(&own, json!({ "active": false })).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["Validation"][0]["code"], "SelfDeactivation", "{body}");
        // Naming another primary contact moves the role.
        let gallant = app.contact_named("Gallant").await;
        let (status, body) = app.update(&gallant, json!({ "is_primary": true })).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(!app.contact_named("Arsenault").await.is_primary);
        assert!(app.contact_named("Gallant").await.is_primary);
    }
);

on_both!(
    concurrent_saves_never_overwrite_silently,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let fraser = app.contact_named("Fraser").await;
        let (first, second) = tokio::join!(
            app.update(&fraser, json!({ "title": "First" })),
            app.update(&fraser, json!({ "title": "Second" })),
        );
        let mut statuses = [first.0, second.0];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CONFLICT],
            "{first:?} {second:?}"
        );
        let loser = if first.0 == StatusCode::CONFLICT {
            first.1
        } else {
            second.1
        };
        assert_eq!(loser["Stale"]["by"], "admin@example.org");
        assert!(loser["Stale"]["at"].as_str().unwrap().contains(':'));
        // The same old version again: refused, and the winner's title stays.
        let (status, _) = app.update(&fraser, json!({ "title": "Third" })).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let title = app.contact_named("Fraser").await.title;
        assert!(title == "First" || title == "Second", "{title}");
    }
);

on_both!(retracting_an_invitation, |app: TestApp| async move {
    let doiron = app.contact_named("Doiron").await;
    let id = doiron.id.to_string();
    let (status, _) = app.call_form("retract_invitation", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    app.sign_in("viewer@example.org", "demo-viewer-2026").await;
    let (status, _) = app.call_form("retract_invitation", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    app.sign_in("admin@example.org", "demo-admin-2026").await;
    let pettipas = app.contact_named("Pettipas").await.id.to_string();
    let (status, _) = app
        .call_form("retract_invitation", &[("id", &pettipas)])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, before) = app.list(json!({ "last_name": "doiron" })).await;
    assert!(
        before["rows"][0]["invitation"]["Pending"].is_object(),
        "{before}"
    );

    let (status, body) = app.call_form("retract_invitation", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, after) = app.list(json!({ "last_name": "doiron" })).await;
    assert_eq!(after["rows"][0]["invitation"], "None");
    // Already retracted: nothing left to retract.
    let (status, _) = app.call_form("retract_invitation", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (_, details) = app.call_form("get_contact", &[("id", &id)]).await;
    assert_eq!(details["history"][0]["kind"], "invitation_retracted");
    assert_eq!(details["history"][0]["actor"], "admin@example.org");
});

on_both!(
    removing_portal_access_ends_the_persons_sessions,
    |app: TestApp| async move {
        let viewer = app.another_browser();
        viewer
            .sign_in("viewer@example.org", "demo-viewer-2026")
            .await;
        assert_eq!(viewer.list(json!({})).await.0, StatusCode::OK);
        let viewer_contact = contact::Entity::find()
            .filter(contact::Column::Email.eq("viewer@example.org"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let id = viewer_contact.id.to_string();

        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let own = app.contact_named("Arsenault").await.id.to_string();
        let (status, body) = app.call_form("remove_access", &[("id", &own)]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["Validation"][0]["code"], "SelfAccessRemoval");
        // The list does not offer it either: the row knows it is the caller's own.
        let (_, page) = app.list(json!({ "last_name": "arsenault" })).await;
        assert_eq!(page["rows"][0]["is_self"], true);
        let (_, page) = app.list(json!({ "email": "viewer@example.org" })).await;
        assert_eq!(page["rows"][0]["is_self"], false);

        let (status, body) = app.call_form("remove_access", &[("id", &id)]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let after = app.contact_named(&viewer_contact.last_name).await;
        assert_eq!(after.account_id, None);
        assert_eq!(after.version, viewer_contact.version + 1);
        let (_, page) = app.list(json!({ "email": "viewer@example.org" })).await;
        assert_eq!(page["rows"][0]["has_access"], false);
        assert_eq!(page["rows"][0]["profiles"], json!([]));
        // The person's open session no longer acts for the organisation, and says why on
        // each call until the person signs in again.
        let removed =
            json!({ "AccessRemoved": { "organization": "Services d'emploi de la Vallée" } });
        for _ in 0..2 {
            assert_eq!(
                viewer.list(json!({})).await,
                (StatusCode::UNAUTHORIZED, removed.clone())
            );
        }
        viewer.sign_in("multi@example.org", "demo-multi-2026").await;
        assert_eq!(viewer.list(json!({})).await.0, StatusCode::OK);
        viewer.call_form("sign_out", &[]).await;
        assert_eq!(
            viewer.list(json!({})).await,
            (StatusCode::UNAUTHORIZED, json!("Unauthorized"))
        );
        let (status, _) = app.call_form("remove_access", &[("id", &id)]).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (_, details) = app.call_form("get_contact", &[("id", &id)]).await;
        assert_eq!(details["history"][0]["kind"], "access_removed");
    }
);

on_both!(
    a_module_administrator_is_removed_only_by_an_administrator_of_that_module,
    |app: TestApp| async move {
        use db::entity::contact_profile;
        let grants = async || {
            contact_profile::Entity::find()
                .count(&app.db)
                .await
                .unwrap()
        };
        let efo = app.another_browser();
        efo.sign_in("efo.admin@example.org", "demo-efo-2026").await;
        // Marie Arsenault administers GEC, which Sophie Cormier (EFO only) does not.
        let arsenault = app.contact_named("Arsenault").await;
        let before = (app.row_counts().await, grants().await);
        let (status, body) = efo
            .call_form("remove_access", &[("id", &arsenault.id.to_string())])
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(
            body,
            json!({ "AdministersOtherModule": { "module": "GEC" } })
        );
        assert_eq!((app.row_counts().await, grants().await), before);
        // Another module's profile that administers nothing is no obstacle.
        let leblanc = app.contact_named("LeBlanc").await;
        let (status, body) = efo
            .call_form("remove_access", &[("id", &leblanc.id.to_string())])
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(app.contact_named("LeBlanc").await.account_id, None);

        // Pierre Boudreau administers GA, which Marie Arsenault does not: neither his access
        // nor his record is hers to end, and nothing is written.
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let boudreau = app.contact_named("Boudreau").await;
        let before = (app.row_counts().await, grants().await);
        let refused = json!({ "AdministersOtherModule": { "module": "GA" } });
        let (status, body) = app
            .call_form("remove_access", &[("id", &boudreau.id.to_string())])
            .await;
        assert_eq!((status, body), (StatusCode::FORBIDDEN, refused.clone()));
        let (status, body) = app.update(&boudreau, json!({ "active": false })).await;
        assert_eq!((status, body), (StatusCode::FORBIDDEN, refused));
        assert_eq!((app.row_counts().await, grants().await), before);
        let after = app.contact_named("Boudreau").await;
        assert_eq!(
            (after.active, after.account_id, after.version),
            (true, boudreau.account_id, boudreau.version)
        );

        // Both administer EFO: she may end his colleague's access, and EFO keeps her.
        let cormier = app.contact_named("Cormier").await;
        let (status, body) = app
            .call_form("remove_access", &[("id", &cormier.id.to_string())])
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
);
