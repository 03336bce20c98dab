//! The forms posted as plain HTML forms, before the WebAssembly has loaded: the details form
//! (saved, sent back with its errors, or through its confirmation page) and the actions with
//! a confirmation page (retract an invitation, remove access, send an invitation again).

use crate::helpers::*;
use db::entity::{contact, contact_event, invitation};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const LIST: &str = "/organization/contacts?last_name=bou";

fn new_contact(email: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("contact", ""),
        ("version", ""),
        ("back", LIST),
        ("last_name", "Boutilier"),
        ("first_name", "Élise"),
        ("email", email),
        ("title", ""),
        ("phone", ""),
        ("phone_ext", ""),
        ("cell_phone", ""),
        ("language", "fr"),
        ("active", "on"),
        ("office_location", "KENTVILLE"),
        ("fte", "0,5"),
        ("start_date", "05-01-2026"),
        ("end_date", ""),
        ("position_type", "COUNSELLOR"),
    ]
}

/// A contact's details form as its page posts it: its saved values, changed by `changes`
/// (a checkbox left out is unchecked).
async fn edit_form(
    app: &TestApp,
    c: &contact::Model,
    changes: &[(&str, Option<&str>)],
) -> Vec<(String, String)> {
    let (_, details) = app
        .call_form("get_contact", &[("id", &c.id.to_string())])
        .await;
    let mut form = vec![
        ("contact".to_string(), c.id.to_string()),
        ("version".to_string(), c.version.to_string()),
        ("back".to_string(), LIST.to_string()),
    ];
    for (name, value) in details["input"].as_object().unwrap() {
        let value = match value {
            Value::Bool(true) => "on".to_string(),
            Value::Bool(false) => continue,
            other => other.as_str().unwrap_or_default().to_string(),
        };
        form.push((name.clone(), value));
    }
    for (name, value) in changes {
        form.retain(|(n, _)| n != name);
        if let Some(value) = value {
            form.push((name.to_string(), value.to_string()));
        }
    }
    form
}

impl TestApp {
    async fn post(&self, endpoint: &str, form: &[(String, String)]) -> reqwest::Response {
        let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        self.post_form(endpoint, &form, &[]).await
    }

    async fn page_text(&self, path: &str) -> String {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        visible_text(&res.text().await.unwrap())
    }

    async fn page_html(&self, path: &str) -> String {
        let res = self.client.get(format!("{}{path}", self.base)).send().await;
        res.unwrap().text().await.unwrap()
    }

    async fn counts(&self) -> (u64, u64, u64) {
        (
            contact::Entity::find().count(&self.db).await.unwrap(),
            // The history a call writes; a sign-in is recorded apart (the activity log's).
            contact_event::Entity::find()
                .filter(contact_event::Column::Kind.is_not_in(contact_event::Kind::SIGN_IN))
                .count(&self.db)
                .await
                .unwrap(),
            invitation::Entity::find().count(&self.db).await.unwrap(),
        )
    }
}

on_both!(
    a_new_contact_posted_as_a_form_is_saved_and_the_list_says_so_once,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let res = app
            .post_form("post_contact_form", &new_contact("elise@example.org"), &[])
            .await;
        assert!(res.status().is_redirection(), "{}", res.status());
        assert_eq!(location(&res), LIST);
        let saved = app.contact_named("Boutilier").await;
        assert_eq!(saved.email, "elise@example.org");
        assert_eq!(saved.fte_hundredths, Some(50));

        let list = app.page_text(LIST).await;
        assert!(
            list.contains("La personne-ressource Boutilier, Élise a été sauvegardée."),
            "{list}"
        );
        // Said once: a reload does not say it again.
        let again = app.page_text(LIST).await;
        assert!(!again.contains("a été sauvegardée"), "{again}");
    }
);

on_both!(
    a_form_with_errors_comes_back_as_typed_with_its_errors_and_writes_nothing,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let before = app.counts().await;
        let mut form = new_contact("pas-une-adresse");
        form.retain(|(name, _)| *name != "position_type");
        let res = app.post_form("post_contact_form", &form, &[]).await;
        assert_eq!(
            location(&res),
            "/organization/contacts/new?last_name=bou",
            "back to the form, with the list's filters"
        );
        assert_eq!(app.counts().await, before);

        let html = app.page_html(&location(&res)).await;
        assert!(
            html.contains(r#"value="pas-une-adresse""#),
            "typed email kept"
        );
        assert!(html.contains(r#"value="Boutilier""#), "typed name kept");
        let text = visible_text(&html);
        assert!(
            text.contains("Courriel : entrez une adresse valide, p. ex. nom@exemple.ca."),
            "{text}"
        );
        assert!(
            text.contains("Type de poste : ce champ est obligatoire."),
            "{text}"
        );
        // Shown once: the form starts afresh on a reload.
        let reloaded = app.page_html(&location(&res)).await;
        assert!(!reloaded.contains("pas-une-adresse"));
    }
);

on_both!(
    deactivating_asks_first_then_saves_on_ok_and_annuler_keeps_what_was_typed,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let fraser = app.contact_named("Fraser").await;
        let page = format!("/organization/contacts/{}?last_name=bou", fraser.id);
        let before = app.counts().await;
        let form = edit_form(
            &app,
            &fraser,
            &[("active", None), ("title", Some("Adjoint"))],
        )
        .await;

        // Saving asks first: nothing is written until OK.
        let res = app.post("post_contact_form", &form).await;
        assert_eq!(location(&res), page);
        assert_eq!(app.counts().await, before);
        let html = app.page_html(&page).await;
        let text = visible_text(&html);
        assert!(text.contains("Cela désactivera Fraser, "), "{text}");
        assert!(
            html.contains(r#"name="confirmed""#),
            "OK posts the form again"
        );
        assert!(html.contains(r#"name="title" value="Adjoint""#));

        // Annuler: back to the form as typed, still nothing written.
        let mut cancel = form.clone();
        cancel.push(("cancel".into(), "1".into()));
        let res = app.post("post_contact_form", &cancel).await;
        assert_eq!(location(&res), page);
        assert_eq!(app.counts().await, before);
        let html = app.page_html(&page).await;
        assert!(html.contains(r#"value="Adjoint""#), "typed title kept");
        assert!(
            !html.contains(r#"name="confirmed""#),
            "the form, not its confirmation"
        );

        // OK: saved, and the list says so.
        let mut confirmed = form.clone();
        confirmed.push(("confirmed".into(), "1".into()));
        let res = app.post("post_contact_form", &confirmed).await;
        assert_eq!(location(&res), LIST);
        let saved = app.contact_named("Fraser").await;
        assert!(!saved.active);
        assert_eq!(saved.title, "Adjoint");
        let list = app.page_text(LIST).await;
        assert!(list.contains("a été sauvegardée."), "{list}");
    }
);

on_both!(
    a_form_saved_by_someone_else_meanwhile_comes_back_with_their_values,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let fraser = app.contact_named("Fraser").await;
        let form = edit_form(&app, &fraser, &[("title", Some("Mine"))]).await;
        let theirs = edit_form(&app, &fraser, &[("title", Some("Theirs"))]).await;
        app.post("post_contact_form", &theirs).await;
        let res = app.post("post_contact_form", &form).await;
        let page = format!("/organization/contacts/{}?last_name=bou", fraser.id);
        assert_eq!(location(&res), page);
        assert_eq!(app.contact_named("Fraser").await.title, "Theirs");
        let html = app.page_html(&page).await;
        assert!(html.contains(r#"value="Theirs""#), "their values");
        assert!(!html.contains(r#"value="Mine""#));
    }
);

on_both!(
    only_administrators_post_the_form,
    |app: TestApp| async move {
        let before = app.counts().await;
        let form = new_contact("elise@example.org");
        let res = app.post_form("post_contact_form", &form, &[]).await;
        assert!(!res.status().is_success());
        assert_ne!(location(&res), LIST);
        app.sign_in("viewer@example.org", "demo-viewer-2026").await;
        let res = app.post_form("post_contact_form", &form, &[]).await;
        assert_ne!(location(&res), LIST);
        assert_eq!(app.counts().await, before);
        // A list to return to is always this site's list.
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let mut form = new_contact("elise@example.org");
        form.retain(|(name, _)| *name != "back");
        form.push(("back", "https://evil.example/organization/contacts"));
        let res = app.post_form("post_contact_form", &form, &[]).await;
        assert_eq!(location(&res), "/organization/contacts");
    }
);

on_both!(
    an_invitation_is_retracted_from_its_confirmation_page,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let doiron = app.contact_named("Doiron").await.id.to_string();
        let page = format!(
            "/organization/contacts/{doiron}/confirm/retract?back=%2Forganization%2Fcontacts%3Flast_name%3Dbou"
        );
        let text = app.page_text(&page).await;
        assert!(
            text.contains("Cela retirera l'invitation au LaMPSS pour Doiron, Nadine."),
            "{text}"
        );
        let before = app.counts().await;

        let res = app
            .post_form(
                "retract_invitation",
                &[("id", &doiron), ("back", LIST), ("cancel", "1")],
                &[],
            )
            .await;
        assert_eq!(location(&res), LIST);
        assert_eq!(app.counts().await, before, "Annuler does nothing");

        let res = app
            .post_form(
                "retract_invitation",
                &[("id", &doiron), ("back", LIST)],
                &[],
            )
            .await;
        assert_eq!(location(&res), LIST);
        let list = app.page_text(LIST).await;
        assert!(
            list.contains("L'invitation au LaMPSS de Doiron, Nadine a été retirée."),
            "{list}"
        );
        let (status, details) = app.call_form("get_contact", &[("id", &doiron)]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(details["pending_invitation"], json!(false));

        // Again: refused, and the list says why.
        app.post_form(
            "retract_invitation",
            &[("id", &doiron), ("back", LIST)],
            &[],
        )
        .await;
        let list = app.page_text(LIST).await;
        assert!(!list.contains("a été retirée"), "{list}");
        assert!(
            list.contains("Ces données ont été modifiées entre-temps."),
            "{list}"
        );
    }
);

on_both!(
    access_is_removed_and_an_invitation_sent_again_from_their_confirmation_pages,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let zwicker = app.contact_named("Zwicker").await.id.to_string();
        let text = app
            .page_text(&format!("/organization/contacts/{zwicker}/confirm/resend"))
            .await;
        assert!(
            text.contains("Un nouveau courriel sera envoyé à Paul Zwicker"),
            "{text}"
        );
        let res = app
            .post_form(
                "resend_invitation",
                &[("id", &zwicker), ("back", LIST)],
                &[],
            )
            .await;
        assert_eq!(location(&res), LIST);
        let list = app.page_text(LIST).await;
        assert!(
            list.contains("L'invitation au LaMPSS a été renvoyée à Zwicker, Paul."),
            "{list}"
        );

        let leblanc = app.contact_named("LeBlanc").await;
        assert!(leblanc.account_id.is_some());
        let id = leblanc.id.to_string();
        let text = app
            .page_text(&format!(
                "/organization/contacts/{id}/confirm/remove-access"
            ))
            .await;
        assert!(
            text.contains("Cela supprimera l'accès au LaMPSS de LeBlanc, Luc"),
            "{text}"
        );
        let res = app
            .post_form("remove_access", &[("id", &id), ("back", LIST)], &[])
            .await;
        assert_eq!(location(&res), LIST);
        assert_eq!(app.contact_named("LeBlanc").await.account_id, None);
        let list = app.page_text(LIST).await;
        assert!(
            list.contains("L'accès au LaMPSS de LeBlanc, Luc a été supprimé."),
            "{list}"
        );
    }
);

impl TestApp {
    /// The id of a profile of the catalogue that the signed-in administrator may grant, or not.
    async fn profile(&self, grantable: bool) -> String {
        let (status, form) = self.call("invitation_form", json!({ "id": null })).await;
        assert_eq!(status, StatusCode::OK, "{form}");
        form["profiles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["grantable"] == json!(grantable))
            .map(|p| p["id"].to_string())
            .unwrap()
    }
}

on_both!(
    an_invitation_is_sent_after_its_confirmation_page_and_errors_come_back_on_its_form,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let fraser = app.contact_named("Fraser").await.id.to_string();
        let page = format!("/organization/contacts/{fraser}/invite?last_name=bou");
        let before = app.counts().await;

        // No profile: back to the form, with the message kept and the error.
        let res = app
            .post_form(
                "post_invitation",
                &[("id", &fraser), ("message", "Bienvenue !"), ("back", LIST)],
                &[],
            )
            .await;
        assert_eq!(location(&res), page);
        let html = app.page_html(&page).await;
        assert!(html.contains("Bienvenue !"), "typed message kept");
        assert!(visible_text(&html).contains("Choisissez au moins un profil de sécurité."));

        // A profile: the confirmation first, then sent on OK.
        let profile = app.profile(true).await;
        let form = [
            ("id", fraser.as_str()),
            ("message", "Bienvenue !"),
            ("profiles[]", profile.as_str()),
            ("back", LIST),
        ];
        let res = app.post_form("post_invitation", &form, &[]).await;
        assert_eq!(location(&res), page);
        assert_eq!(app.counts().await, before, "nothing sent before OK");
        let html = app.page_html(&page).await;
        assert!(visible_text(&html).contains("Un courriel sera envoyé à Ian Fraser"));
        assert!(html.contains(&format!(r#"name="profiles[]" value="{profile}""#)));

        let mut confirmed = form.to_vec();
        confirmed.push(("confirmed", "1"));
        let res = app.post_form("post_invitation", &confirmed, &[]).await;
        assert_eq!(location(&res), LIST);
        let list = app.page_text(LIST).await;
        assert!(
            list.contains("L'invitation au LaMPSS a été envoyée à Fraser, Ian."),
            "{list}"
        );
        let (_, details) = app.call_form("get_contact", &[("id", &fraser)]).await;
        assert_eq!(details["pending_invitation"], json!(true));
    }
);

on_both!(
    a_contact_is_added_with_access_after_its_confirmation_page,
    |app: TestApp| async move {
        app.sign_in("efo.admin@example.org", "demo-efo-2026").await;
        let before = app.counts().await;
        let mut form = new_contact("elise@example.org");
        form.push(("with_access", "1"));
        form.push(("message", ""));
        let page = "/organization/contacts/new-with-access?last_name=bou";

        // A profile of a module this administrator does not administer is refused on the form.
        let other = app.profile(false).await;
        let mut refused = form.clone();
        refused.push(("profiles[]", &other));
        let res = app.post_form("post_contact_form", &refused, &[]).await;
        assert_eq!(location(&res), page);
        let text = app.page_text(page).await;
        assert!(
            text.contains(
                "Vous ne pouvez attribuer que les profils des modules que vous administrez."
            ),
            "{text}"
        );
        assert_eq!(app.counts().await, before);

        let profile = app.profile(true).await;
        form.push(("profiles[]", &profile));
        let res = app.post_form("post_contact_form", &form, &[]).await;
        assert_eq!(location(&res), page);
        assert_eq!(app.counts().await, before, "nothing before OK");
        let html = app.page_html(page).await;
        assert!(visible_text(&html).contains("Un courriel sera envoyé à Élise Boutilier"));

        form.push(("confirmed", "1"));
        let res = app.post_form("post_contact_form", &form, &[]).await;
        assert_eq!(location(&res), LIST);
        let created = app.contact_named("Boutilier").await.id.to_string();
        let (_, details) = app.call_form("get_contact", &[("id", &created)]).await;
        assert_eq!(details["pending_invitation"], json!(true));
        let list = app.page_text(LIST).await;
        assert!(
            list.contains("L'invitation au LaMPSS a été envoyée à Boutilier, Élise."),
            "{list}"
        );
    }
);
