//! Several instances of the app on one PostgreSQL database, as behind a load balancer: each
//! has its own connection pool, mail worker and expiry task, and they share nothing but the
//! database.

use crate::helpers::*;
use db::entity::contact_event::{self, Kind};
use db::entity::{account, contact, invitation, organization, outbox_message, security_profile};
use db::testing::SmtpSink as Sink;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use std::time::Duration;

const INVITATIONS: usize = 8;

/// `browser` (its cookies) talking to the instance `instance`.
fn on_instance(browser: &TestApp, instance: &TestApp) -> TestApp {
    TestApp {
        base: instance.base.clone(),
        client: browser.client.clone(),
        db: instance.db.clone(),
        clock: instance.clock.clone(),
        state: instance.state.clone(),
    }
}

async fn events_of_kind(db: &db::DatabaseConnection, kind: Kind) -> u64 {
    contact_event::Entity::find()
        .filter(contact_event::Column::Kind.eq(kind))
        .count(db)
        .await
        .unwrap()
}

async fn pending_mail(db: &db::DatabaseConnection) -> u64 {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Status.eq(outbox_message::Status::Pending))
        .count(db)
        .await
        .unwrap()
}

/// How many of the received emails went to each address.
fn recipients(sink: &Sink) -> HashMap<String, usize> {
    let mut seen = HashMap::new();
    for message in sink.received() {
        let to = message
            .lines()
            .find_map(|l| l.strip_prefix("To: "))
            .unwrap_or_default()
            .to_string();
        *seen.entry(to).or_insert(0) += 1;
    }
    seen
}

#[tokio::test]
async fn two_instances_share_sessions_and_send_each_email_and_expiry_once() {
    let Some(url) = fresh_database_url(Backend::Postgres).await else {
        return;
    };
    let sink = Sink::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let smtp = format!("smtp://{}", listener.local_addr().unwrap());
    sink.serve(listener);

    // Started at the same moment on an empty database: they take turns to migrate and seed,
    // and both start.
    let configure = |config: &mut Config| config.smtp_url = Some(smtp.clone());
    let (a, b) = tokio::join!(
        spawn_instance(url.clone(), "target/site", configure),
        spawn_instance(url.clone(), "target/site", configure),
    );
    let vallee = organization::Entity::find()
        .filter(organization::Column::Name.eq("Services d'emploi de la Vallée"))
        .all(&a.db)
        .await
        .unwrap();
    assert_eq!(vallee.len(), 1, "the demo world is seeded once");
    let admins = account::Entity::find()
        .filter(account::Column::LoginKey.eq("admin@example.org"))
        .count(&a.db)
        .await
        .unwrap();
    assert_eq!(admins, 1);

    // One session, whichever instance a request reaches: signed in through A, served by B,
    // signed out through B, refused by A.
    let signed_in = a.sign_in("admin@example.org", "demo-admin-2026").await;
    assert_eq!(signed_in.status(), StatusCode::FOUND);
    let on_b = on_instance(&a, &b);
    assert!(on_b.names(json!({})).await.contains(&"Arsenault".into()));
    on_b.post_form("sign_out", &[], &[]).await;
    let (status, _) = a.list(json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    a.sign_in("admin@example.org", "demo-admin-2026").await;

    // Invitations sent through both instances, to contacts of A with an email, no access and
    // no invitation yet: each email is delivered once, though both mail workers run.
    let invited = invitation::Entity::find().all(&a.db).await.unwrap();
    let invitable: Vec<contact::Model> = contact::Entity::find()
        .filter(contact::Column::OrganizationId.eq(vallee[0].id))
        .filter(contact::Column::AccountId.is_null())
        .filter(contact::Column::Active.eq(true))
        .filter(contact::Column::Email.ne(""))
        .order_by_asc(contact::Column::Id)
        .all(&a.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| invited.iter().all(|i| i.contact_id != c.id))
        .take(INVITATIONS)
        .collect();
    assert_eq!(invitable.len(), INVITATIONS, "the demo world has enough");
    let efo_user = security_profile::Entity::find()
        .filter(security_profile::Column::Code.eq("EFO_USER"))
        .one(&a.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let on_b = on_instance(&a, &b);
    for (n, contact) in invitable.iter().enumerate() {
        let through = if n % 2 == 0 { &a } else { &on_b };
        let (status, body) = through
            .call(
                "send_invitation",
                json!({ "id": contact.id, "invite": { "profiles": [efo_user], "message": "" } }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    wait_for("every invitation delivered", async || {
        pending_mail(&a.db).await == 0 && sink.received().len() >= INVITATIONS
    })
    .await;
    // Several more rounds of both workers: nothing is sent twice.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let seen = recipients(&sink);
    for contact in &invitable {
        assert_eq!(seen.get(&contact.email), Some(&1), "{seen:?}");
    }
    assert_eq!(sink.received().len(), INVITATIONS, "{seen:?}");
    assert_eq!(
        events_of_kind(&a.db, Kind::InvitationDelivered).await,
        INVITATIONS as u64
    );

    // A month later, both instances' expiry tasks run at the same moment: each pending
    // invitation expires once, with one history line and one notice to its sender.
    let pending = invitation::Entity::find()
        .filter(invitation::Column::Status.eq(invitation::Status::Pending))
        .count(&a.db)
        .await
        .unwrap();
    // The demo world's pending invitations expire too.
    assert!(pending > INVITATIONS as u64, "{pending}");
    let expired_before = events_of_kind(&a.db, Kind::InvitationExpired).await;
    a.clock.advance(chrono::Duration::days(31));
    b.clock.advance(chrono::Duration::days(31));
    let (by_a, by_b) = tokio::join!(
        app::invitations::server::expire_due(&a.state),
        app::invitations::server::expire_due(&b.state),
    );
    // Each instance's own periodic task may have taken some at that moment too.
    assert!(by_a.unwrap() + by_b.unwrap() <= pending as usize);
    let still_pending = invitation::Entity::find()
        .filter(invitation::Column::Status.eq(invitation::Status::Pending))
        .count(&a.db)
        .await
        .unwrap();
    assert_eq!(still_pending, 0);
    assert_eq!(
        events_of_kind(&a.db, Kind::InvitationExpired).await - expired_before,
        pending
    );
    let notices = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq(db::outbox::kind::INVITATION_EXPIRED))
        .count(&a.db)
        .await
        .unwrap();
    assert_eq!(notices, pending);
    wait_for("every notice delivered", async || {
        pending_mail(&a.db).await == 0 && sink.received().len() >= INVITATIONS + pending as usize
    })
    .await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(sink.received().len(), INVITATIONS + pending as usize);
    let attempts: Vec<i32> = outbox_message::Entity::find()
        .all(&a.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.attempts)
        .collect();
    assert!(attempts.iter().all(|&n| n == 1), "{attempts:?}");
}
