//! Invitations over HTTP: who may invite with which profiles, the email through the outbox
//! (the development mailbox, or a real SMTP server that is down for a while), the link
//! accepted once, expired by moving the clock, or retracted.

use crate::helpers::*;
use db::entity::{account, contact_event, invitation, outbox_message, security_profile};
use db::testing::SmtpSink as Sink;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::time::Duration;

impl TestApp {
    async fn profile_id(&self, code: &str) -> i32 {
        security_profile::Entity::find()
            .filter(security_profile::Column::Code.eq(code))
            .one(&self.db)
            .await
            .unwrap()
            .unwrap()
            .id
    }

    async fn account(&self, email: &str) -> Option<account::Model> {
        account::Entity::find()
            .filter(account::Column::LoginKey.eq(email))
            .one(&self.db)
            .await
            .unwrap()
    }

    async fn account_exists(&self, email: &str) -> bool {
        self.account(email).await.is_some()
    }

    /// Invitations and outbox rows, to prove a refused call wrote nothing.
    async fn invitation_counts(&self) -> (u64, u64) {
        (
            invitation::Entity::find().count(&self.db).await.unwrap(),
            outbox_message::Entity::find()
                .count(&self.db)
                .await
                .unwrap(),
        )
    }

    /// Invitations, outbox rows and history entries, with every invitation's state and link
    /// hash: a refused call must leave all of them as they were. Read once the mail worker has
    /// handed every email to the development mailbox, since it records each delivery in the
    /// contact's history whenever it runs.
    async fn everything_invitations_touch(
        &self,
    ) -> (u64, u64, Vec<(i32, invitation::Status, String)>) {
        self.mail_delivered().await;
        let invitations = invitation::Entity::find()
            .all(&self.db)
            .await
            .unwrap()
            .into_iter()
            .map(|i| (i.id, i.status, i.token_hash))
            .collect();
        (
            outbox_message::Entity::find()
                .count(&self.db)
                .await
                .unwrap(),
            contact_event::Entity::find().count(&self.db).await.unwrap(),
            invitations,
        )
    }

    /// Saves the contact `last_name` with a new email, from its details as this browser
    /// reads them.
    async fn change_email(&self, last_name: &str, email: &str) -> (StatusCode, Value) {
        let c = self.contact_named(last_name).await;
        let (status, details) = self
            .call_form("get_contact", &[("id", &c.id.to_string())])
            .await;
        assert_eq!(status, StatusCode::OK, "{details}");
        let mut input = details["input"].clone();
        input["email"] = json!(email);
        self.call(
            "update_contact",
            json!({ "id": c.id, "version": details["version"], "input": input }),
        )
        .await
    }

    async fn resend(&self, last_name: &str) -> (StatusCode, Value) {
        let id = self.contact_named(last_name).await.id;
        self.call_form("resend_invitation", &[("id", &id.to_string())])
            .await
    }

    async fn details_of(&self, last_name: &str) -> Value {
        let id = self.contact_named(last_name).await.id;
        let (status, details) = self
            .call_form("get_contact", &[("id", &id.to_string())])
            .await;
        assert_eq!(status, StatusCode::OK, "{details}");
        details
    }

    pub(crate) async fn invite(
        &self,
        last_name: &str,
        profiles: &[&str],
        message: &str,
    ) -> (StatusCode, Value) {
        let id = self.contact_named(last_name).await.id;
        let mut ids = Vec::new();
        for code in profiles {
            ids.push(self.profile_id(code).await);
        }
        self.call(
            "send_invitation",
            json!({ "id": id, "invite": { "profiles": ids, "message": message } }),
        )
        .await
    }

    /// The invitation link of the latest email to `to`, as the development mailbox shows it.
    pub(crate) async fn link_sent_to(&self, to: &str) -> String {
        let (status, mail) = self.call_form("sent_mail", &[]).await;
        assert_eq!(status, StatusCode::OK, "{mail}");
        mail.as_array()
            .unwrap()
            .iter()
            .find(|m| m["to"] == to)
            .and_then(|m| m["link"].as_str())
            .unwrap_or_else(|| panic!("no email to {to}: {mail}"))
            .to_string()
    }

    async fn open_link(&self, token: &str) -> Value {
        let (status, view) = self.call_form("open_invitation", &[("token", token)]).await;
        assert_eq!(status, StatusCode::OK, "{view}");
        view
    }

    /// « Créer mon compte et accepter », posting `email` as if typed (never read: the account
    /// is the invited address's).
    async fn accept_with_new_account(&self, token: &str, email: &str) -> reqwest::Response {
        self.post_form(
            "accept_invitation",
            &[
                ("token", token),
                ("email", email),
                ("password", "invitee-pass-2026"),
                ("new_account", "1"),
            ],
            &[],
        )
        .await
    }
}

fn token_of(link: &str) -> String {
    link.rsplit('/').next().unwrap().to_string()
}

on_both!(only_administrators_invite, |app: TestApp| async move {
    let before = app.invitation_counts().await;
    let gallant = app.contact_named("Gallant").await.id;
    let calls = [
        ("invitation_form", json!({ "id": gallant })),
        (
            "send_invitation",
            json!({ "id": gallant, "invite": { "profiles": [1], "message": "" } }),
        ),
        (
            "create_contact_with_access",
            json!({
                "input": { "last_name": "Aucoin", "first_name": "Rachel", "email": "r@example.org" },
                "invite": { "profiles": [1], "message": "" },
            }),
        ),
    ];
    for (endpoint, body) in &calls {
        let (status, _) = app.call(endpoint, body.clone()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{endpoint}");
    }
    let (status, _) = app
        .call_form("resend_invitation", &[("id", &gallant.to_string())])
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    app.sign_in("viewer@example.org", "demo-viewer-2026").await;
    for (endpoint, body) in &calls {
        let (status, _) = app.call(endpoint, body.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{endpoint}");
    }
    let (status, _) = app
        .call_form("resend_invitation", &[("id", &gallant.to_string())])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(app.invitation_counts().await, before);
});

on_both!(
    admins_grant_only_their_modules_profiles,
    |app: TestApp| async move {
        app.sign_in("efo.admin@example.org", "demo-efo-2026").await;
        // The form says which profiles this admin may grant.
        let gallant = app.contact_named("Gallant").await.id;
        let (status, form) = app.call("invitation_form", json!({ "id": gallant })).await;
        assert_eq!(status, StatusCode::OK, "{form}");
        let grantable: Vec<&str> = form["profiles"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["grantable"] == true)
            .map(|p| p["label"]["fr"].as_str().unwrap())
            .collect();
        assert_eq!(grantable, vec!["Admin EFO", "Utilisateur EFO"]);
        let gec_case = form["profiles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["label"]["fr"] == "GEC Gest. de cas")
            .unwrap();
        assert_eq!(gec_case["module_code"], "GEC");
        assert_eq!(gec_case["module"]["fr"], "Outil de gestion de cas (GEC)");
        assert_eq!(gec_case["module"]["en"], "Case Management Tool (CMT)");
        // Granting a GEC profile is refused outright, naming the module, and writes nothing.
        let before = app.invitation_counts().await;
        let (status, body) = app.invite("Gallant", &["GEC_CASE"], "").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body, json!({ "NotGrantable": { "module": "GEC" } }));
        let (status, _) = app.invite("Gallant", &["EFO_USER", "GEC_CASE"], "").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, body) = app
            .call(
                "create_contact_with_access",
                json!({
                    "input": {
                        "last_name": "Aucoin", "first_name": "Rachel",
                        "email": "rachel.aucoin@example.org", "language": "fr", "active": true,
                        "is_primary": false, "office_location": "KENTVILLE", "fte": "1",
                        "start_date": "2026-01-05", "position_type": "COUNSELLOR",
                    },
                    "invite": { "profiles": [app.profile_id("GEC_CASE").await], "message": "" },
                }),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        assert_eq!(body, json!({ "NotGrantable": { "module": "GEC" } }));
        // The contact was not added either.
        assert!(
            app.names(json!({ "last_name": "Aucoin", "active": "0" }))
                .await
                .is_empty()
        );
        assert_eq!(app.invitation_counts().await, before);
        // Its own module's profile goes through.
        let (status, body) = app.invite("Gallant", &["EFO_USER"], "").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let after = app.invitation_counts().await;
        assert_eq!((after.0, after.1), (before.0 + 1, before.1 + 1));
    }
);

on_both!(
    an_administrator_of_one_module_cannot_reissue_another_modules_grant,
    |app: TestApp| async move {
        // 1. The GEC and EFO administrator invites Gallant as a GEC administrator.
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let (status, body) = app.invite("Gallant", &["GEC_ADMIN"], "").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let first_link = token_of(&app.link_sent_to("denise.gallant@vallee.example.org").await);
        // 2. The EFO administrator may not grant that profile, and is told which module.
        let efo = app.another_browser();
        efo.sign_in("efo.admin@example.org", "demo-efo-2026").await;
        let (status, body) = efo.invite("Landry", &["GEC_ADMIN"], "").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body, json!({ "NotGrantable": { "module": "GEC" } }));
        // The details page does not offer to send the invitation again, and says why.
        let details = efo.details_of("Gallant").await;
        assert_eq!(details["resend_until"], Value::Null, "{details}");
        assert_eq!(details["resend_blocked_by"], "GEC", "{details}");
        let details = app.details_of("Gallant").await;
        assert!(details["resend_until"].is_object(), "{details}");
        assert_eq!(details["resend_blocked_by"], Value::Null);
        // 3. Changing the email to an address the EFO administrator controls retracts the
        // pending invitation in the same save, and the history says so.
        let (status, saved) = efo.change_email("Gallant", "attacker@example.net").await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        assert_eq!(saved["invitation_retracted"], true, "{saved}");
        let details = efo.details_of("Gallant").await;
        let latest = &details["history"][0];
        assert_eq!(latest["kind"], "updated", "{latest}");
        let fields: Vec<&Value> = latest["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| &c["field"])
            .collect();
        assert_eq!(
            fields,
            vec![&json!({ "Field": "Email" }), &json!("Invitation")],
            "{latest}"
        );
        assert_eq!(
            latest["changes"][1]["to"],
            json!({ "Invitation": "Retracted" })
        );
        assert_eq!(
            efo.open_link(&first_link).await,
            json!({ "Refused": "Retracted" })
        );
        // 4. Nothing is left to send again: no link goes to the new address.
        let before = app.everything_invitations_touch().await;
        let (status, _) = efo.resend("Gallant").await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(app.everything_invitations_touch().await, before);
        let (_, mail) = app.call_form("sent_mail", &[]).await;
        assert!(
            !mail
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["to"] == "attacker@example.net"),
            "{mail}"
        );
        // 5. The old link makes nobody a GEC administrator.
        let stranger = app.another_browser();
        let res = stranger
            .accept_with_new_account(&first_link, "attacker@example.net")
            .await;
        assert_eq!(location(&res), format!("/invitation/{first_link}"));
        assert!(!app.account_exists("attacker@example.net").await);
        assert!(
            !app.account_exists("denise.gallant@vallee.example.org")
                .await
        );
        assert_eq!(app.contact_named("Gallant").await.account_id, None);
    }
);

on_both!(
    sending_again_applies_the_rule_of_sending,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let (status, body) = app.invite("Gallant", &["EFO_USER", "GEC_ADMIN"], "").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        // The invitation expires: a new email does not retract it, and it keeps its profiles.
        app.clock.advance(chrono::Duration::days(31));
        app::invitations::server::expire_due(&app.state)
            .await
            .unwrap();
        // A month later, the session has long ended.
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let efo = app.another_browser();
        efo.sign_in("efo.admin@example.org", "demo-efo-2026").await;
        let (status, saved) = efo.change_email("Gallant", "attacker@example.net").await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        assert_eq!(saved["invitation_retracted"], false, "{saved}");
        // The EFO administrator may not send it again: 403 naming GEC, nothing written.
        let before = app.everything_invitations_touch().await;
        let gallant = app.contact_named("Gallant").await;
        let (status, body) = efo.resend("Gallant").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body, json!({ "NotGrantable": { "module": "GEC" } }));
        assert_eq!(app.everything_invitations_touch().await, before);
        assert_eq!(app.contact_named("Gallant").await, gallant);
        assert_eq!(efo.details_of("Gallant").await["resend_blocked_by"], "GEC");
        // An administrator of both modules may: the new link goes to the new address.
        let (status, body) = app.resend("Gallant").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let link = token_of(&app.link_sent_to("attacker@example.net").await);
        assert!(efo.open_link(&link).await["Valid"].is_object());
        // The history says to which address, with which profiles (before the mail worker
        // records the delivery).
        let details = app.details_of("Gallant").await;
        let latest = details["history"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] != "invitation_delivered")
            .unwrap();
        assert_eq!(latest["kind"], "invitation_resent", "{latest}");
        assert_eq!(
            latest["changes"][0]["to"]["Text"]["fr"], "attacker@example.net",
            "{latest}"
        );
        assert_eq!(
            latest["changes"][1]["field"],
            json!({ "Field": "Profiles" })
        );
        assert!(
            latest["changes"][1]["to"]["Text"]["fr"].is_string(),
            "{latest}"
        );
    }
);

on_both!(
    a_link_grants_only_what_its_sender_may_still_grant,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let (status, body) = app.invite("Landry", &["GEC_CASE"], "").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let token = token_of(&app.link_sent_to("annie.landry@vallee.example.org").await);
        // The sender loses their GEC administrator profile (through no server function: as
        // the organisation's last administrator of GEC, they keep it there).
        {
            use db::entity::contact_profile;
            let gec_admin = security_profile::Entity::find()
                .filter(security_profile::Column::Code.eq("GEC_ADMIN"))
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            contact_profile::Entity::delete_many()
                .filter(
                    contact_profile::Column::ContactId.eq(app.contact_named("Arsenault").await.id),
                )
                .filter(contact_profile::Column::ProfileId.eq(gec_admin.id))
                .exec(&app.db)
                .await
                .unwrap();
        }
        let invitee = app.another_browser();
        assert_eq!(
            invitee.open_link(&token).await,
            json!({ "Refused": "SenderCannotGrant" })
        );
        let res = invitee
            .accept_with_new_account(&token, "annie@example.net")
            .await;
        assert_eq!(location(&res), format!("/invitation/{token}"));
        assert!(!app.account_exists("annie@example.net").await);
        assert!(!app.account_exists("annie.landry@vallee.example.org").await);
        assert_eq!(app.contact_named("Landry").await.account_id, None);
        let page = invitee
            .client
            .get(format!("{}/invitation/{token}", app.base))
            .send()
            .await
            .unwrap();
        assert!(
            visible_text(&page.text().await.unwrap()).contains("n'est plus valide"),
            "the link's page says why"
        );
    }
);

on_both!(
    bad_requests_get_field_errors_and_write_nothing,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let before = app.invitation_counts().await;
        let (status, body) = app.invite("Gallant", &[], "").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["Validation"][0]["code"], "NoProfile", "{body}");
        let (status, body) = app
            .invite("Gallant", &["EFO_USER"], &"m".repeat(1001))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["Validation"][0]["field"], "Message", "{body}");
        assert_eq!(body["Validation"][0]["code"], "TooLong", "{body}");
        let gallant = app.contact_named("Gallant").await.id;
        let (status, body) = app
            .call(
                "send_invitation",
                json!({ "id": gallant, "invite": { "profiles": [99999], "message": "" } }),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["Validation"][0]["code"], "UnknownProfile", "{body}");
        // Another organisation's contact is unknown; one with access or a pending invitation
        // cannot be invited again.
        let (status, _) = app.invite("Pettipas", &["EFO_USER"], "").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = app.invite("Doiron", &["EFO_USER"], "").await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, _) = app.invite("LeBlanc", &["EFO_USER"], "").await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, _) = app
            .call_form(
                "retract_invitation",
                &[("id", &app.contact_named("Pettipas").await.id.to_string())],
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(app.invitation_counts().await, before);
    }
);

on_both!(
    invite_read_the_mailbox_accept_once,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let (status, body) = app
            .invite("Gallant", &["EFO_USER"], "Bienvenue dans l'équipe !")
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let link = app.link_sent_to("denise.gallant@vallee.example.org").await;
        assert!(
            link.starts_with(&format!("{}/invitation/", app.base)),
            "{link}"
        );
        let token = token_of(&link);
        // The invitee, in another browser, opens the link…
        let invitee = app.another_browser();
        let accounts_before = account::Entity::find().count(&app.db).await.unwrap();
        let view = invitee.open_link(&token).await;
        assert_eq!(
            view["Valid"]["organization"], "Services d'emploi de la Vallée",
            "{view}"
        );
        assert_eq!(view["Valid"]["sender"], "admin@example.org");
        let page = invitee.client.get(&link).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        let text = visible_text(&page.text().await.unwrap());
        assert!(
            text.contains("Accepter l'invitation")
                || text.contains("Ouvrir une session et accepter"),
            "{text}"
        );
        // …creates an account and accepts: they act for the organisation at once. The account
        // is the invited address's, whatever email the request names.
        let res = invitee
            .accept_with_new_account(&token, "denise@example.net")
            .await;
        assert_eq!(location(&res), "/organization/contacts?welcome=1");
        let (status, session) = invitee.call_form("current_session", &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            session["login"], "denise.gallant@vallee.example.org",
            "{session}"
        );
        assert!(!app.account_exists("denise@example.net").await);
        // The admin's list shows the access; the identity account's email is the one entered,
        // shown once.
        let (_, page) = app.list(json!({ "last_name": "Gallant" })).await;
        let row = &page["rows"][0];
        assert_eq!(row["has_access"], true, "{row}");
        assert_eq!(row["account_email"], Value::Null, "{row}");
        assert_eq!(row["profiles"][0]["fr"], "Utilisateur EFO");
        // The admin is told by email.
        let (_, mail) = app.call_form("sent_mail", &[]).await;
        assert!(
            mail.as_array()
                .unwrap()
                .iter()
                .any(|m| m["to"] == "admin@example.org"
                    && m["subject"]
                        .as_str()
                        .unwrap()
                        .starts_with("Invitation acceptée")),
            "{mail}"
        );
        // The link is single use.
        let third = app.another_browser();
        let res = third
            .accept_with_new_account(&token, "intruder@example.net")
            .await;
        assert_eq!(location(&res), format!("/invitation/{token}"));
        assert!(!app.account_exists("intruder@example.net").await);
        assert_eq!(
            account::Entity::find().count(&app.db).await.unwrap(),
            accounts_before + 1,
            "no second account"
        );
        assert_eq!(third.open_link(&token).await, json!({ "Refused": "Used" }));
        assert_eq!(
            third.open_link("unknown-token").await,
            json!({ "Refused": "Unknown" })
        );
        let (status, _) = third.call_form("current_session", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let page = third
            .client
            .get(format!("{}/invitation/{token}", app.base))
            .send()
            .await
            .unwrap();
        assert!(visible_text(&page.text().await.unwrap()).contains("déjà été acceptée"));
    }
);

on_both!(
    an_expired_or_retracted_link_changes_nothing,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        app.invite("Gallant", &["EFO_USER"], "").await;
        app.invite("Landry", &["EFO_USER"], "").await;
        let expiring = token_of(&app.link_sent_to("denise.gallant@vallee.example.org").await);
        let retracted = token_of(&app.link_sent_to("annie.landry@vallee.example.org").await);
        let landry = app.contact_named("Landry").await.id;
        let (status, _) = app
            .call_form("retract_invitation", &[("id", &landry.to_string())])
            .await;
        assert_eq!(status, StatusCode::OK);
        let invitee = app.another_browser();
        assert_eq!(
            invitee.open_link(&retracted).await,
            json!({ "Refused": "Retracted" })
        );
        // 31 days later the other link has expired, before and after the periodic task (and
        // the administrator's session has ended).
        app.clock.advance(chrono::Duration::days(31));
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        assert_eq!(
            invitee.open_link(&expiring).await,
            json!({ "Refused": "Expired" })
        );
        let res = invitee
            .accept_with_new_account(&expiring, "late@example.net")
            .await;
        assert_eq!(location(&res), format!("/invitation/{expiring}"));
        assert_eq!(app.contact_named("Gallant").await.account_id, None);
        assert!(!app.account_exists("late@example.net").await);
        assert!(
            !app.account_exists("denise.gallant@vallee.example.org")
                .await
        );
        let expired = app::invitations::server::expire_due(&app.state)
            .await
            .unwrap();
        assert!(expired >= 2, "{expired}");
        assert_eq!(
            invitee.open_link(&expiring).await,
            json!({ "Refused": "Expired" })
        );
        let (_, page) = app.list(json!({ "last_name": "Gallant" })).await;
        assert!(
            page["rows"][0]["invitation"]["Expired"].is_object(),
            "{page}"
        );
        // The sender hears of it, and can send it again with a new link.
        let (_, mail) = app.call_form("sent_mail", &[]).await;
        assert!(
            mail.as_array()
                .unwrap()
                .iter()
                .any(|m| m["to"] == "admin@example.org"
                    && m["subject"] == "Invitation expirée : Gallant, Denise"),
            "{mail}"
        );
        let gallant = app.contact_named("Gallant").await.id;
        let (status, _) = app
            .call_form("resend_invitation", &[("id", &gallant.to_string())])
            .await;
        assert_eq!(status, StatusCode::OK);
        let renewed = token_of(&app.link_sent_to("denise.gallant@vallee.example.org").await);
        assert_ne!(renewed, expiring);
        assert!(invitee.open_link(&renewed).await["Valid"].is_object());
    }
);

on_both!(
    adding_with_access_writes_contact_invitation_and_email,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let efo_user = app.profile_id("EFO_USER").await;
        let contact = json!({
            "last_name": "Aucoin",
            "first_name": "Rachel",
            "email": "rachel.aucoin@example.org",
            "language": "en",
            "active": true,
            "is_primary": false,
            "office_location": "KENTVILLE",
            "fte": "1",
            "start_date": "2026-01-05",
            "position_type": "COUNSELLOR",
        });
        let before = app.invitation_counts().await;
        // Both parts' errors at once, and nothing written.
        let mut bad = contact.clone();
        bad["email"] = json!("nope");
        let (status, body) = app
            .call(
                "create_contact_with_access",
                json!({ "input": bad, "invite": { "profiles": [], "message": "" } }),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let codes: Vec<&str> = body["Validation"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, vec!["InvalidEmail", "NoProfile"]);
        assert_eq!(app.invitation_counts().await, before);
        let (status, id) = app
            .call(
                "create_contact_with_access",
                json!({ "input": contact, "invite": { "profiles": [efo_user], "message": "" } }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{id}");
        let (_, mail) = app.call_form("sent_mail", &[]).await;
        let sent = mail
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["to"] == "rachel.aucoin@example.org")
            .unwrap();
        // In the invitee's language.
        assert_eq!(
            sent["subject"],
            "Invitation to LaMPSS — Services d'emploi de la Vallée"
        );
        let (_, page) = app.list(json!({ "last_name": "Aucoin" })).await;
        assert!(
            page["rows"][0]["invitation"]["Pending"].is_object(),
            "{page}"
        );
    }
);

async fn smtp_down_then_up(backend: Backend) {
    // A port with nothing listening yet.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let smtp_url = format!("smtp://127.0.0.1:{port}");
    let Some(app) = spawn_app_with(backend, Some(smtp_url)).await else {
        return;
    };
    app.sign_in("admin@example.org", "demo-admin-2026").await;
    let (status, body) = app.invite("Gallant", &["EFO_USER"], "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let queued = || async {
        outbox_message::Entity::find()
            .filter(outbox_message::Column::Recipient.eq("denise.gallant@vallee.example.org"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
    };
    wait_for("a failed attempt", async || {
        queued().await.attempts >= 1 && !queued().await.last_error.is_empty()
    })
    .await;
    assert_eq!(queued().await.status, outbox_message::Status::Pending);
    // The mail server comes up: the next retry delivers it, once.
    let sink = Sink::default();
    sink.serve(
        tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .unwrap(),
    );
    wait_for("the delivery", async || {
        queued().await.status == outbox_message::Status::Sent
    })
    .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let received = sink.received();
    assert_eq!(received.len(), 1, "{received:?}");
    assert!(
        received[0].contains("Subject: Invitation au LaMPSS"),
        "{}",
        received[0]
    );
    assert!(received[0].contains("/invitation/"), "{}", received[0]);
    assert!(received[0].contains("text/html"));
    // Its Message-ID names the outbox row, the same at every attempt.
    let id = queued().await.id;
    assert!(
        received[0].contains(&format!("Message-ID: <outbox.{id}.")),
        "{}",
        received[0]
    );
    let gallant = app.contact_named("Gallant").await.id;
    let (_, details) = app
        .call_form("get_contact", &[("id", &gallant.to_string())])
        .await;
    let kinds: Vec<&str> = details["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds[..2],
        ["invitation_delivered", "invitation_sent"],
        "{kinds:?}"
    );
}

#[tokio::test]
async fn smtp_down_then_up_delivers_exactly_once_sqlite() {
    smtp_down_then_up(Backend::Sqlite).await;
}

#[tokio::test]
async fn smtp_down_then_up_delivers_exactly_once_postgres() {
    smtp_down_then_up(Backend::Postgres).await;
}

on_both!(
    only_an_expired_invitation_fills_the_next_one,
    |app: TestApp| async move {
        app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        // Zwicker's invitation expired: sending again starts from it, and says from when.
        let zwicker = app.contact_named("Zwicker").await.id;
        let (status, form) = app.call("invitation_form", json!({ "id": zwicker })).await;
        assert_eq!(status, StatusCode::OK, "{form}");
        assert!(
            !form["initial"]["profiles"].as_array().unwrap().is_empty(),
            "{form}"
        );
        assert!(form["reused_from"]["fr"].is_string(), "{form}");
        // Doiron's was retracted on purpose: the next one starts empty.
        let doiron = app.contact_named("Doiron").await.id.to_string();
        let (status, _) = app
            .call_form("retract_invitation", &[("id", &doiron)])
            .await;
        assert_eq!(status, StatusCode::OK);
        let (status, form) = app
            .call(
                "invitation_form",
                json!({ "id": doiron.parse::<i32>().unwrap() }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{form}");
        assert_eq!(form["initial"], json!({ "profiles": [], "message": "" }));
        assert_eq!(form["reused_from"], Value::Null);
    }
);

on_both!(
    the_mailbox_shows_a_member_their_organisations_emails_only,
    |app: TestApp| async move {
        let (status, _) = app.call_form("sent_mail", &[]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        // A message of the administrator's own, with a link in it on a line of its own.
        let decoy = format!("{}/invitation/not-the-link", app.base);
        let (status, body) = app
            .invite("Landry", &["GEC_CASE"], &format!("Voir :\n{decoy}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let link = app.link_sent_to("annie.landry@vallee.example.org").await;
        assert_ne!(link, decoy);
        let token = token_of(&link);
        assert_eq!(token.len(), 43, "{link}");
        assert!(app.open_link(&token).await["Valid"].is_object());

        // A member of another organisation sees none of it; of this one, all of it.
        let other = app.another_browser();
        other.sign_in("multi@example.org", "demo-multi-2026").await;
        let (status, mail) = other.call_form("sent_mail", &[]).await;
        assert_eq!(status, StatusCode::OK, "{mail}");
        let to_landry = |mail: &Value| {
            mail.as_array()
                .unwrap()
                .iter()
                .any(|m| m["to"] == "annie.landry@vallee.example.org")
        };
        assert!(!to_landry(&mail), "{mail}");
        let a = app
            .contact_named("Landry")
            .await
            .organization_id
            .to_string();
        other
            .post_form("switch_organization", &[("organization_id", &a)], &[])
            .await;
        let (_, mail) = other.call_form("sent_mail", &[]).await;
        assert!(to_landry(&mail), "{mail}");
    }
);

on_both!(
    one_link_accepted_by_eight_requests_at_once_opens_one_account,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        let (status, body) = app.invite("Landry", &["GEC_CASE"], "").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let token = token_of(&app.link_sent_to("annie.landry@vallee.example.org").await);
        let accounts_before = account::Entity::find().count(&app.db).await.unwrap();
        let tasks: Vec<_> = (0..8)
            .map(|n| {
                let (invitee, token) = (app.another_browser(), token.clone());
                tokio::spawn(async move {
                    let res = invitee
                        .accept_with_new_account(&token, &format!("landry{n}@example.net"))
                        .await;
                    location(&res)
                })
            })
            .collect();
        let mut landed = Vec::new();
        for task in tasks {
            landed.push(task.await.unwrap());
        }
        landed.sort();
        // One request accepts the link; the seven others land on its page, which says it was
        // used (none meets an error, however their writes interleave).
        let mut expected = vec![format!("/invitation/{token}"); 7];
        expected.push("/organization/contacts?welcome=1".to_string());
        assert_eq!(landed, expected);
        assert_eq!(
            account::Entity::find().count(&app.db).await.unwrap(),
            accounts_before + 1,
            "one account opened"
        );
        assert!(app.contact_named("Landry").await.account_id.is_some());
    }
);

on_both!(
    a_new_account_is_the_invited_addresses_and_says_nothing_of_other_emails,
    |app: TestApp| async move {
        app.sign_in("admin@example.org", "demo-admin-2026").await;
        // Someone opened an account of Landry's address before.
        let hash = db::auth::hash_password("landry-pass-2026").unwrap();
        db::auth::demo_account(
            "annie.landry@vallee.example.org",
            Some(hash),
            app.clock.now(),
        )
        .insert(&app.db)
        .await
        .unwrap();
        app.invite("Gallant", &["EFO_USER"], "").await;
        app.invite("Landry", &["EFO_USER"], "").await;
        let gallant = token_of(&app.link_sent_to("denise.gallant@vallee.example.org").await);
        let landry = token_of(&app.link_sent_to("annie.landry@vallee.example.org").await);

        // Naming an email that has an account changes nothing: the account opened is the
        // invited address's.
        let invitee = app.another_browser();
        let res = invitee
            .accept_with_new_account(&gallant, "viewer@example.org")
            .await;
        assert_eq!(location(&res), "/organization/contacts?welcome=1");
        let (_, session) = invitee.call_form("current_session", &[]).await;
        assert_eq!(session["login"], "denise.gallant@vallee.example.org");
        assert_eq!(
            app.contact_named("Gallant").await.account_id,
            app.account("denise.gallant@vallee.example.org")
                .await
                .map(|a| a.id)
        );

        // The invited address has an account: the person is told to sign in with it…
        let other = app.another_browser();
        let res = other.accept_with_new_account(&landry, "").await;
        assert_eq!(
            location(&res),
            format!("/invitation/{landry}?error=account_exists")
        );
        assert_eq!(app.contact_named("Landry").await.account_id, None);
        let page = other
            .client
            .get(format!("{}{}", app.base, location(&res)))
            .send()
            .await
            .unwrap();
        assert!(
            visible_text(&page.text().await.unwrap()).contains("existe déjà pour cette adresse"),
            "the page says why"
        );
        // …and does.
        let res = other
            .post_form(
                "accept_invitation",
                &[
                    ("token", &landry),
                    ("email", "annie.landry@vallee.example.org"),
                    ("password", "landry-pass-2026"),
                ],
                &[],
            )
            .await;
        assert_eq!(location(&res), "/organization/contacts?welcome=1");
    }
);
