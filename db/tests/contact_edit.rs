//! Writing contacts on a real database (SQLite, and PostgreSQL when `TEST_DATABASE_URL` is
//! set): the one-primary transaction, the version check, what deactivation ends, and the
//! history rows written with each change.

use chrono::Utc;
use db::Error;
use db::contacts::edit::{self, ContactData};
use db::entity::{contact, contact_profile, invitation};
use sea_orm::{ActiveEnum, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[macro_use]
mod common;

use common::run;

fn new_person() -> ContactData {
    ContactData {
        last_name: "Boutilier".into(),
        first_name: "Élise".into(),
        email: "elise.boutilier@example.org".into(),
        language: contact::Language::Fr,
        active: true,
        office_location: "KENTVILLE".into(),
        fte_hundredths: Some(50),
        position_type: "COUNSELLOR".into(),
        ..Default::default()
    }
}

on_both!(create_records_a_history_entry, |w| async move {
    let created = edit::create(&w.db, w.org, w.admin, &new_person(), Utc::now())
        .await
        .unwrap();
    assert_eq!(created.version, 1);
    assert_eq!(created.last_name_key, "boutilier");
    let events = w.events(created.id).await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind.to_value(), "created");
    assert_eq!(events[0].actor_id, Some(w.admin));
    assert!(
        events[0].changes.contains("\"Boutilier\""),
        "{}",
        events[0].changes
    );
    let history = edit::history(&w.db, w.org, created.id).await.unwrap();
    assert_eq!(history[0].actor.as_deref(), Some("admin@example.org"));
});

on_both!(an_email_is_used_once_per_organisation, |w| async move {
    let taken = ContactData {
        email: "Nadine.Doiron@vallee.example.org".into(),
        ..new_person()
    };
    let before = contact::Entity::find().count(&w.db).await.unwrap();
    let err = edit::create(&w.db, w.org, w.admin, &taken, Utc::now()).await;
    assert!(matches!(err, Err(Error::DuplicateEmail)), "{err:?}");
    assert_eq!(contact::Entity::find().count(&w.db).await.unwrap(), before);
});

on_both!(
    making_a_contact_primary_unsets_the_previous_one,
    |w| async move {
        let doiron = w.contact("Doiron").await;
        let arsenault = w.contact("Arsenault").await;
        assert_eq!(w.primaries().await, vec!["Arsenault"]);
        let data = ContactData {
            is_primary: true,
            ..ContactData::from(&doiron)
        };
        edit::update(
            &w.db,
            w.org,
            w.admin,
            doiron.id,
            doiron.version,
            &data,
            Utc::now(),
        )
        .await
        .unwrap();
        assert_eq!(w.primaries().await, vec!["Doiron"]);
        let previous = w.contact("Arsenault").await;
        assert_eq!(previous.version, arsenault.version + 1);
        let kinds: Vec<String> = w
            .events(arsenault.id)
            .await
            .into_iter()
            .map(|e| e.kind.to_value())
            .collect();
        assert_eq!(kinds, vec!["no_longer_primary"]);
        let kinds: Vec<String> = w
            .events(doiron.id)
            .await
            .into_iter()
            .map(|e| e.kind.to_value())
            .collect();
        // After the demo world's invitation of her.
        assert_eq!(kinds, vec!["invitation_sent", "made_primary"]);
        // A new contact made primary takes over too.
        let new = ContactData {
            is_primary: true,
            ..new_person()
        };
        edit::create(&w.db, w.org, w.admin, &new, Utc::now())
            .await
            .unwrap();
        assert_eq!(w.primaries().await, vec!["Boutilier"]);
    }
);

on_both!(
    the_primary_contact_stays_primary_and_active,
    |w| async move {
        let arsenault = w.contact("Arsenault").await;
        let unset = ContactData {
            is_primary: false,
            ..ContactData::from(&arsenault)
        };
        let err = edit::update(
            &w.db,
            w.org,
            w.admin,
            arsenault.id,
            arsenault.version,
            &unset,
            Utc::now(),
        )
        .await;
        assert!(matches!(err, Err(Error::PrimaryRequired)), "{err:?}");
        let deactivate = ContactData {
            active: false,
            ..ContactData::from(&arsenault)
        };
        let err = edit::update(
            &w.db,
            w.org,
            w.admin,
            arsenault.id,
            arsenault.version,
            &deactivate,
            Utc::now(),
        )
        .await;
        assert!(matches!(err, Err(Error::PrimaryInactive)), "{err:?}");
        let unchanged = w.contact("Arsenault").await;
        assert_eq!(unchanged, arsenault);
        assert!(w.events(arsenault.id).await.is_empty());
    }
);

on_both!(a_save_from_an_old_version_is_refused, |w| async move {
    let fraser = w.contact("Fraser").await;
    let first = ContactData {
        title: "Outreach Lead".into(),
        ..ContactData::from(&fraser)
    };
    let saved = edit::update(
        &w.db,
        w.org,
        w.admin,
        fraser.id,
        fraser.version,
        &first,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(saved.contact.version, fraser.version + 1);
    let second = ContactData {
        title: "Something else".into(),
        ..ContactData::from(&fraser)
    };
    let err = edit::update(
        &w.db,
        w.org,
        w.admin,
        fraser.id,
        fraser.version,
        &second,
        Utc::now(),
    )
    .await;
    match err {
        Err(Error::Stale { by, .. }) => assert_eq!(by.as_deref(), Some("admin@example.org")),
        other => panic!("{other:?}"),
    }
    assert_eq!(w.contact("Fraser").await.title, "Outreach Lead");
    let events = w.events(fraser.id).await;
    assert_eq!(events.len(), 1);
    assert!(events[0].changes.contains("Outreach Lead"));
});

on_both!(another_organisations_contact_is_not_found, |w| async move {
    let pettipas = contact::Entity::find()
        .filter(contact::Column::LastName.eq("Pettipas"))
        .one(&w.db)
        .await
        .unwrap()
        .unwrap();
    let data = ContactData {
        title: "Pirate".into(),
        ..ContactData::from(&pettipas)
    };
    let err = edit::update(
        &w.db,
        w.org,
        w.admin,
        pettipas.id,
        pettipas.version,
        &data,
        Utc::now(),
    )
    .await;
    assert!(matches!(err, Err(Error::NotFound)), "{err:?}");
    assert!(
        edit::history(&w.db, w.org, pettipas.id)
            .await
            .unwrap()
            .is_empty()
    );
});

on_both!(
    deactivation_retracts_the_invitation_and_removes_access,
    |w| async move {
        let doiron = w.contact("Doiron").await;
        let off = ContactData {
            active: false,
            ..ContactData::from(&doiron)
        };
        edit::update(
            &w.db,
            w.org,
            w.admin,
            doiron.id,
            doiron.version,
            &off,
            Utc::now(),
        )
        .await
        .unwrap();
        let pending = invitation::Entity::find()
            .filter(invitation::Column::ContactId.eq(doiron.id))
            .filter(invitation::Column::Status.eq("pending"))
            .count(&w.db)
            .await
            .unwrap();
        assert_eq!(pending, 0);
        let events = w.events(doiron.id).await;
        let last = events.last().unwrap();
        assert_eq!(last.kind.to_value(), "deactivated");
        assert!(last.changes.contains("retracted"), "{}", last.changes);

        let leblanc = w.contact("LeBlanc").await;
        assert!(leblanc.account_id.is_some());
        let off = ContactData {
            active: false,
            ..ContactData::from(&leblanc)
        };
        edit::update(
            &w.db,
            w.org,
            w.admin,
            leblanc.id,
            leblanc.version,
            &off,
            Utc::now(),
        )
        .await
        .unwrap();
        let after = w.contact("LeBlanc").await;
        assert!(!after.active);
        assert_eq!(after.account_id, None);
        let grants = contact_profile::Entity::find()
            .filter(contact_profile::Column::ContactId.eq(leblanc.id))
            .count(&w.db)
            .await
            .unwrap();
        assert_eq!(grants, 0);

        // Reactivating brings the contact back, without access.
        let on = ContactData {
            active: true,
            ..ContactData::from(&after)
        };
        edit::update(
            &w.db,
            w.org,
            w.admin,
            after.id,
            after.version,
            &on,
            Utc::now(),
        )
        .await
        .unwrap();
        let kinds: Vec<String> = w
            .events(leblanc.id)
            .await
            .into_iter()
            .map(|e| e.kind.to_value())
            .collect();
        assert_eq!(kinds, vec!["deactivated", "reactivated"]);
    }
);

on_both!(concurrent_saves_one_wins, |w| async move {
    let fraser = w.contact("Fraser").await;
    let save = |title: &'static str| {
        let db = w.db.clone();
        let data = ContactData {
            title: title.into(),
            ..ContactData::from(&fraser)
        };
        let (org, admin, id, version) = (w.org, w.admin, fraser.id, fraser.version);
        tokio::spawn(
            async move { edit::update(&db, org, admin, id, version, &data, Utc::now()).await },
        )
    };
    let (a, b) = (save("A"), save("B"));
    let results = [a.await.unwrap(), b.await.unwrap()];
    let won = results.iter().filter(|r| r.is_ok()).count();
    let stale = results
        .iter()
        .filter(|r| matches!(r, Err(Error::Stale { .. })))
        .count();
    assert_eq!((won, stale), (1, 1), "{results:?}");
    assert_eq!(w.events(fraser.id).await.len(), 1);
});

on_both!(
    a_new_email_retracts_the_pending_invitation,
    |w| async move {
        let pending = |id: i32| {
            let db = w.db.clone();
            async move {
                invitation::Entity::find()
                    .filter(invitation::Column::ContactId.eq(id))
                    .filter(invitation::Column::Status.eq("pending"))
                    .count(&db)
                    .await
                    .unwrap()
            }
        };
        // Doiron has a pending invitation: the same address in other letter case keeps it.
        let doiron = w.contact("Doiron").await;
        assert_eq!(pending(doiron.id).await, 1);
        let recased = ContactData {
            email: format!(" {} ", doiron.email.to_uppercase()),
            ..ContactData::from(&doiron)
        };
        let saved = edit::update(
            &w.db,
            w.org,
            w.admin,
            doiron.id,
            doiron.version,
            &recased,
            Utc::now(),
        )
        .await
        .unwrap();
        assert!(!saved.invitation_retracted);
        assert_eq!(pending(doiron.id).await, 1);
        // Another address retracts it in the same save, and the history says so.
        let moved = ContactData {
            email: "nadine.doiron@example.net".into(),
            ..ContactData::from(&saved.contact)
        };
        let saved = edit::update(
            &w.db,
            w.org,
            w.admin,
            doiron.id,
            saved.contact.version,
            &moved,
            Utc::now(),
        )
        .await
        .unwrap();
        assert!(saved.invitation_retracted);
        assert_eq!(pending(doiron.id).await, 0);
        let retracted = invitation::Entity::find()
            .filter(invitation::Column::ContactId.eq(doiron.id))
            .one(&w.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(retracted.status, invitation::Status::Retracted);
        assert_eq!(retracted.closed_by, Some(w.admin));
        let mut events = w.events(doiron.id).await;
        events.sort_by_key(|e| e.id);
        let last = events.last().unwrap();
        assert_eq!(last.kind.to_value(), "updated");
        assert!(
            last.changes.contains("\"invitation\"") && last.changes.contains("retracted"),
            "{}",
            last.changes
        );
        // Zwicker's invitation expired: a new email leaves it, with its profiles, as it was.
        let zwicker = w.contact("Zwicker").await;
        let before = invitation::Entity::find()
            .filter(invitation::Column::ContactId.eq(zwicker.id))
            .one(&w.db)
            .await
            .unwrap()
            .unwrap();
        let moved = ContactData {
            email: "paul.zwicker@example.net".into(),
            ..ContactData::from(&zwicker)
        };
        let saved = edit::update(
            &w.db,
            w.org,
            w.admin,
            zwicker.id,
            zwicker.version,
            &moved,
            Utc::now(),
        )
        .await
        .unwrap();
        assert!(!saved.invitation_retracted);
        let after = invitation::Entity::find_by_id(before.id)
            .one(&w.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after, before);
    }
);

on_both!(no_module_is_left_without_an_administrator, |w| async move {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    // Sophie Cormier and Marie Arsenault administer EFO. With Marie Arsenault's record
    // inactive (as a direct change of the table could leave it), Sophie Cormier is the
    // last active administrator of EFO: no one ends her access or her record.
    let arsenault = w.contact("Arsenault").await;
    let mut inactive: contact::ActiveModel = arsenault.into();
    inactive.active = Set(false);
    inactive.is_primary = Set(false);
    inactive.update(&w.db).await.unwrap();
    let cormier = w.contact("Cormier").await;
    let grants = contact_profile::Entity::find().count(&w.db).await.unwrap();
    let err = edit::remove_access(&w.db, w.org, w.admin, cormier.id, Utc::now()).await;
    assert!(
        matches!(&err, Err(Error::LastModuleAdmin { module }) if module == "EFO"),
        "{err:?}"
    );
    let deactivate = ContactData {
        active: false,
        ..ContactData::from(&cormier)
    };
    let err = edit::update(
        &w.db,
        w.org,
        w.admin,
        cormier.id,
        cormier.version,
        &deactivate,
        Utc::now(),
    )
    .await;
    assert!(
        matches!(&err, Err(Error::LastModuleAdmin { module }) if module == "EFO"),
        "{err:?}"
    );
    let after = w.contact("Cormier").await;
    assert!(after.active && after.account_id.is_some());
    assert_eq!(after.version, cormier.version);
    assert_eq!(
        contact_profile::Entity::find().count(&w.db).await.unwrap(),
        grants
    );
});
