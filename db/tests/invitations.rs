//! Invitations on a real database (SQLite, and PostgreSQL when `TEST_DATABASE_URL` is set):
//! one pending invitation per contact enforced by the database, the email written to the
//! outbox in the same transaction, acceptance, single use, expiry and resending.

use chrono::{Duration, Utc};
use db::Error;
use db::entity::{
    account, contact, contact_event, contact_profile, invitation, outbox_message, security_profile,
};
use db::invitations::{self, InvitationMail, Invite, NoticeMail, Refusal};
use db::outbox::{self, Mail};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait,
    QueryFilter,
};

#[macro_use]
mod common;

use common::{World, run};

fn mail(m: &InvitationMail) -> Mail {
    Mail {
        to: m.contact.email.clone(),
        subject: "Invitation".into(),
        text: format!("/invitation/{}", m.token),
        html: String::new(),
        link: Some(format!("/invitation/{}", m.token)),
    }
}

fn notice(n: &NoticeMail) -> Mail {
    Mail {
        to: n.to.to_string(),
        subject: format!("notice {}", n.contact.last_name),
        text: String::new(),
        html: String::new(),
        link: None,
    }
}

async fn profile(w: &World, code: &str) -> i32 {
    security_profile::Entity::find()
        .filter(security_profile::Column::Code.eq(code))
        .one(&w.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn invite(w: &World) -> Invite {
    Invite {
        profile_ids: vec![profile(w, "EFO_USER").await],
        message: "Bienvenue".into(),
    }
}

/// Invites the contact `id` with the usual request, as the demo admin, at `at`.
async fn send(w: &World, id: i32, at: chrono::DateTime<Utc>) -> invitations::Sent {
    invitations::send(&w.db, w.org, w.admin, id, &invite(w).await, at, mail)
        .await
        .unwrap()
}

async fn outbox_count(w: &World) -> u64 {
    outbox_message::Entity::find().count(&w.db).await.unwrap()
}

async fn new_account(w: &World, email: &str) -> i32 {
    db::auth::demo_account(email, None, Utc::now())
        .insert(&w.db)
        .await
        .unwrap()
        .id
}

/// A contact with no access and no invitation in the demo world.
const UNINVITED: &str = "Gallant";

on_both!(
    sending_writes_invitation_email_and_history_together,
    |w| async move {
        let c = w.contact(UNINVITED).await;
        let before = outbox_count(&w).await;
        let sent = send(&w, c.id, Utc::now()).await;
        assert_eq!(sent.invitation.status, invitation::Status::Pending);
        assert_eq!(
            sent.invitation.token_hash,
            invitations::hash_token(&sent.token)
        );
        assert_eq!(
            sent.invitation.expires_at - sent.invitation.sent_at,
            Duration::days(30)
        );
        assert_eq!(outbox_count(&w).await, before + 1);
        let queued = outbox_message::Entity::find()
            .filter(outbox_message::Column::ContactId.eq(c.id))
            .one(&w.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(queued.status, outbox_message::Status::Pending);
        assert!(queued.text_body.contains(&sent.token));
        let kinds: Vec<String> = w
            .events(c.id)
            .await
            .into_iter()
            .map(|e| e.kind.to_value())
            .collect();
        assert!(kinds.contains(&"invitation_sent".to_string()), "{kinds:?}");
    }
);

on_both!(a_failed_invitation_leaves_no_email_behind, |w| async move {
    let c = w.contact(UNINVITED).await;
    let before = outbox_count(&w).await;
    let unknown = Invite {
        profile_ids: vec![999_999],
        message: String::new(),
    };
    let err = invitations::send(&w.db, w.org, w.admin, c.id, &unknown, Utc::now(), mail)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound), "{err:?}");
    assert_eq!(outbox_count(&w).await, before);
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::ContactId.eq(c.id))
        .count(&w.db)
        .await
        .unwrap();
    assert_eq!(invitations, 0);
});

on_both!(
    the_database_refuses_a_second_pending_invitation,
    |w| async move {
        // Doiron already has a pending invitation: another one is refused by the unique index,
        // even written directly.
        let doiron = w.contact("Doiron").await;
        let now = Utc::now();
        let second = invitation::ActiveModel {
            contact_id: Set(doiron.id),
            status: Set(invitation::Status::Pending),
            sent_at: Set(now),
            expires_at: Set(now + Duration::days(30)),
            token_hash: Set("x".repeat(64)),
            message: Set(String::new()),
            sent_by: Set(Some(w.admin)),
            closed_by: Set(None),
            closed_at: Set(None),
            ..Default::default()
        }
        .insert(&w.db)
        .await;
        assert!(second.is_err());
        let before = outbox_count(&w).await;
        let err = invitations::send(
            &w.db,
            w.org,
            w.admin,
            doiron.id,
            &invite(&w).await,
            now,
            mail,
        )
        .await
        .unwrap_err();
        assert!(matches!(err, Error::Conflict(_)), "{err:?}");
        assert_eq!(outbox_count(&w).await, before);
    }
);

on_both!(accepting_links_grants_and_is_single_use, |w| async move {
    let c = w.contact(UNINVITED).await;
    let efo_user = profile(&w, "EFO_USER").await;
    let sent = send(&w, c.id, Utc::now()).await;
    let invitee = new_account(&w, "invitee@example.org").await;
    let before = outbox_count(&w).await;
    let linked = invitations::accept(&w.db, &sent.token, invitee, Utc::now(), notice)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(linked.account_id, Some(invitee));
    let granted: Vec<i32> = contact_profile::Entity::find()
        .filter(contact_profile::Column::ContactId.eq(c.id))
        .all(&w.db)
        .await
        .unwrap()
        .into_iter()
        .map(|g| g.profile_id)
        .collect();
    assert_eq!(granted, vec![efo_user]);
    // The sender is told.
    assert_eq!(outbox_count(&w).await, before + 1);
    let told = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq(outbox::kind::INVITATION_ACCEPTED))
        .one(&w.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(told.recipient, "admin@example.org");
    // The link works once.
    let other = new_account(&w, "someone.else@example.org").await;
    let again = invitations::accept(&w.db, &sent.token, other, Utc::now(), notice)
        .await
        .unwrap();
    assert_eq!(again.unwrap_err(), Refusal::Used);
    let unknown = invitations::accept(&w.db, "not-a-token", other, Utc::now(), notice)
        .await
        .unwrap();
    assert_eq!(unknown.unwrap_err(), Refusal::Unknown);
    let still = contact::Entity::find_by_id(c.id)
        .one(&w.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still.account_id, Some(invitee));
});

on_both!(expiry_marks_notifies_and_refuses_the_link, |w| async move {
    let c = w.contact(UNINVITED).await;
    let sent_at = Utc::now();
    let sent = send(&w, c.id, sent_at).await;
    let later = sent_at + Duration::days(31);
    // Past its date the link is refused before the periodic task runs…
    let invitee = new_account(&w, "late@example.org").await;
    let refused = invitations::accept(&w.db, &sent.token, invitee, later, notice)
        .await
        .unwrap();
    assert_eq!(refused.unwrap_err(), Refusal::Expired);
    // …and the task marks it, records it and tells the sender, once.
    let before = outbox_count(&w).await;
    assert!(invitations::expire_due(&w.db, later, notice).await.unwrap() >= 1);
    assert_eq!(
        invitations::expire_due(&w.db, later, notice).await.unwrap(),
        0
    );
    let marked = invitation::Entity::find_by_id(sent.invitation.id)
        .one(&w.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(marked.status, invitation::Status::Expired);
    assert!(outbox_count(&w).await > before);
    let events: Vec<contact_event::Model> = w.events(c.id).await;
    assert!(
        events
            .iter()
            .any(|e| e.kind.to_value() == "invitation_expired" && e.actor_id.is_none())
    );
    let unchanged = contact::Entity::find_by_id(c.id)
        .one(&w.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unchanged.account_id, None);
});

on_both!(
    resending_voids_the_old_link_and_keeps_profiles,
    |w| async move {
        let c = w.contact(UNINVITED).await;
        let sent_at = Utc::now() - Duration::days(40);
        let first = send(&w, c.id, sent_at).await;
        let now = Utc::now();
        invitations::expire_due(&w.db, now, notice).await.unwrap();
        let second = invitations::resend(&w.db, w.org, w.admin, c.id, now, mail)
            .await
            .unwrap();
        assert_ne!(first.token, second.token);
        assert_eq!(second.invitation.status, invitation::Status::Pending);
        // A new 30-day window (PostgreSQL keeps microseconds).
        let window = second.invitation.expires_at - now;
        assert!(
            (window - Duration::days(30)).num_milliseconds().abs() <= 1,
            "{window}"
        );
        assert_eq!(second.invitation.message, "Bienvenue");
        let (_, profiles) = invitations::latest(&w.db, c.id).await.unwrap().unwrap();
        assert_eq!(profiles, vec![profile(&w, "EFO_USER").await]);
        let invitee = new_account(&w, "resent@example.org").await;
        let old = invitations::accept(&w.db, &first.token, invitee, now, notice)
            .await
            .unwrap();
        assert_eq!(old.unwrap_err(), Refusal::Unknown);
        let new = invitations::accept(&w.db, &second.token, invitee, now, notice)
            .await
            .unwrap();
        assert!(new.is_ok());
    }
);

on_both!(outbox_retries_then_delivers_once, |w| async move {
    let c = w.contact(UNINVITED).await;
    let now = Utc::now();
    send(&w, c.id, now).await;
    let due = outbox::due(&w.db, now, 100).await.unwrap();
    let id = *due.last().unwrap();
    let taken = outbox::take(&w.db, id, now).await.unwrap().unwrap();
    // Taken: nobody else takes it meanwhile.
    assert!(outbox::take(&w.db, id, now).await.unwrap().is_none());
    outbox::attempt_failed(&w.db, &taken, "connection refused", now)
        .await
        .unwrap();
    assert!(!outbox::due(&w.db, now, 100).await.unwrap().contains(&id));
    let retry_at = now + outbox::backoff(1);
    let again = outbox::take(&w.db, id, retry_at).await.unwrap().unwrap();
    assert_eq!(again.attempts, 2);
    outbox::delivered(&w.db, &again, retry_at).await.unwrap();
    let sent = outbox_message::Entity::find_by_id(id)
        .one(&w.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sent.status, outbox_message::Status::Sent);
    assert!(
        outbox::take(&w.db, id, retry_at + Duration::hours(1))
            .await
            .unwrap()
            .is_none()
    );
    let delivered = w
        .events(c.id)
        .await
        .into_iter()
        .filter(|e| e.kind.to_value() == "invitation_delivered")
        .count();
    assert_eq!(delivered, 1);
});

on_both!(
    delivered_and_abandoned_emails_are_deleted_after_thirty_days,
    |w| async move {
        let start = Utc::now();
        for name in [UNINVITED, "Bourque", "Chiasson"] {
            let c = w.contact(name).await;
            send(&w, c.id, start).await;
        }
        let ids = outbox::due(&w.db, start, 100).await.unwrap();
        let [delivered, abandoned, waiting] = ids[ids.len() - 3..] else {
            panic!("three emails queued: {ids:?}");
        };
        let message = outbox::take(&w.db, delivered, start)
            .await
            .unwrap()
            .unwrap();
        outbox::delivered(&w.db, &message, start).await.unwrap();
        let mut message = outbox::take(&w.db, abandoned, start)
            .await
            .unwrap()
            .unwrap();
        message.attempts = outbox::MAX_ATTEMPTS;
        outbox::attempt_failed(&w.db, &message, "mailbox unavailable", start)
            .await
            .unwrap();
        let before = outbox_count(&w).await;

        let day_29 = start + Duration::days(29);
        assert_eq!(outbox::purge(&w.db, day_29).await.unwrap(), 0);
        assert_eq!(outbox_count(&w).await, before);

        let day_31 = start + Duration::days(31);
        assert_eq!(outbox::purge(&w.db, day_31).await.unwrap(), 2);
        assert_eq!(outbox_count(&w).await, before - 2);
        for gone in [delivered, abandoned] {
            let found = outbox_message::Entity::find_by_id(gone).one(&w.db).await;
            assert!(found.unwrap().is_none(), "message {gone} deleted");
        }
        let due = outbox::due(&w.db, day_31, 100).await.unwrap();
        assert!(due.contains(&waiting), "an email still to deliver is kept");
    }
);

on_both!(demo_admins_grant_their_modules_profiles, |w| async move {
    let modules = |email: &'static str| {
        let db = w.db.clone();
        async move {
            let id = account::Entity::find()
                .filter(account::Column::LoginKey.eq(email))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .id;
            let memberships = db::auth::memberships(&db, id).await.unwrap();
            memberships[0].administered_modules()
        }
    };
    assert_eq!(modules("admin@example.org").await, vec!["EFO", "GEC"]);
    assert_eq!(modules("efo.admin@example.org").await, vec!["EFO"]);
    assert!(modules("viewer@example.org").await.is_empty());
    let catalogue = db::contacts::profile_catalogue(&w.db).await.unwrap();
    let grantable = |modules: &[String]| -> Vec<String> {
        catalogue
            .iter()
            .filter(|p| invitations::may_grant(modules, p))
            .map(|p| p.code.clone())
            .collect()
    };
    let efo_only = grantable(&modules("efo.admin@example.org").await);
    assert_eq!(efo_only, vec!["EFO_ADMIN", "EFO_USER"]);
    let both = grantable(&modules("admin@example.org").await);
    assert!(both.contains(&"GEC_CASE".to_string()) && both.contains(&"EFO_USER".to_string()));
    assert!(
        !both
            .iter()
            .any(|c| c.starts_with("CPEP") || c.starts_with("GA_"))
    );
});

async fn account_id(w: &World, email: &str) -> i32 {
    account::Entity::find()
        .filter(account::Column::LoginKey.eq(email))
        .one(&w.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

on_both!(
    only_an_administrator_of_every_module_sends_again,
    |w| async move {
        let c = w.contact(UNINVITED).await;
        let grants = Invite {
            profile_ids: vec![
                profile(&w, "EFO_USER").await,
                profile(&w, "GEC_ADMIN").await,
            ],
            message: String::new(),
        };
        let now = Utc::now();
        invitations::send(&w.db, w.org, w.admin, c.id, &grants, now, mail)
            .await
            .unwrap();
        let efo_admin = account_id(&w, "efo.admin@example.org").await;
        // Sending it directly would be refused the same way.
        let err = invitations::send(&w.db, w.org, efo_admin, c.id, &grants, now, mail)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::NotGrantable { module } if module == "GEC"),
            "{err:?}"
        );
        let before = (
            outbox_count(&w).await,
            w.events(c.id).await.len(),
            invitation::Entity::find().all(&w.db).await.unwrap(),
            w.contact(UNINVITED).await,
        );
        let err = invitations::resend(&w.db, w.org, efo_admin, c.id, now, mail)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::NotGrantable { module } if module == "GEC"),
            "{err:?}"
        );
        let after = (
            outbox_count(&w).await,
            w.events(c.id).await.len(),
            invitation::Entity::find().all(&w.db).await.unwrap(),
            w.contact(UNINVITED).await,
        );
        assert_eq!(after, before);
        invitations::resend(&w.db, w.org, w.admin, c.id, now, mail)
            .await
            .unwrap();
    }
);

on_both!(
    a_link_stops_working_when_its_sender_may_no_longer_grant,
    |w| async move {
        let c = w.contact(UNINVITED).await;
        let grants = Invite {
            profile_ids: vec![profile(&w, "GEC_CASE").await],
            message: String::new(),
        };
        let sent = invitations::send(&w.db, w.org, w.admin, c.id, &grants, Utc::now(), mail)
            .await
            .unwrap();
        // The sender loses their GEC administrator profile (no one else's to remove through
        // the app: they are the organisation's last administrator of GEC).
        let arsenault = w.contact("Arsenault").await;
        contact_profile::Entity::delete_many()
            .filter(contact_profile::Column::ContactId.eq(arsenault.id))
            .filter(contact_profile::Column::ProfileId.eq(profile(&w, "GEC_ADMIN").await))
            .exec(&w.db)
            .await
            .unwrap();
        let opened = invitations::open(&w.db, &sent.token, Utc::now())
            .await
            .unwrap();
        assert_eq!(opened.unwrap_err(), Refusal::SenderCannotGrant);
        let taker = new_account(&w, "taker@example.net").await;
        let accepted = invitations::accept(&w.db, &sent.token, taker, Utc::now(), notice)
            .await
            .unwrap();
        assert_eq!(accepted.unwrap_err(), Refusal::SenderCannotGrant);
        assert_eq!(w.contact(UNINVITED).await.account_id, None);
        let grants = contact_profile::Entity::find()
            .filter(contact_profile::Column::ContactId.eq(c.id))
            .count(&w.db)
            .await
            .unwrap();
        assert_eq!(grants, 0);
    }
);
