//! The schema, the seed and the list query on a real database: each test runs on a fresh
//! SQLite file and again on a fresh PostgreSQL database when `TEST_DATABASE_URL` is set.

use db::contacts::{ListQuery, list};
use db::entity::{contact, invitation, organization};
use db::testing::{Backend, fresh_database_url};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

macro_rules! on_both {
    ($name:ident, $body:expr) => {
        db::on_both!($name, run, $body);
    };
}

async fn run<F, Fut>(backend: Backend, body: F)
where
    F: FnOnce(db::DatabaseConnection) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let Some(url) = fresh_database_url(backend).await else {
        return;
    };
    let db = db::open_with_demo(&url).await.expect("open and seed");
    body(db).await;
}

async fn org_id(db: &db::DatabaseConnection, name: &str) -> i32 {
    organization::Entity::find()
        .filter(organization::Column::Name.eq(name))
        .one(db)
        .await
        .unwrap()
        .expect("demo organisation")
        .id
}

const A: &str = "Services d'emploi de la Vallée";
const B: &str = "Centre communautaire de la Rivière";

fn query(org: i32) -> ListQuery {
    ListQuery {
        organization_id: org,
        active_only: true,
        page_size: 10,
        ..Default::default()
    }
}

async fn names(db: &db::DatabaseConnection, q: &ListQuery) -> Vec<String> {
    list(db, q)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|i| i.contact.last_name)
        .collect()
}

on_both!(seed_matches_the_demo_contract, |db| async move {
    let a = org_id(&db, A).await;
    let b = org_id(&db, B).await;
    let count = |org: i32| {
        contact::Entity::find()
            .filter(contact::Column::OrganizationId.eq(org))
            .count(&db)
    };
    assert!(count(a).await.unwrap() >= 34);
    assert!(count(b).await.unwrap() >= 5);
    for org in [a, b] {
        let primaries = contact::Entity::find()
            .filter(contact::Column::OrganizationId.eq(org))
            .filter(contact::Column::IsPrimary.eq(true))
            .count(&db)
            .await
            .unwrap();
        assert_eq!(primaries, 1, "one primary contact per organisation");
    }
    // Seeding again changes nothing.
    assert!(
        !db::seed::seed_if_empty(&db, chrono::Utc::now())
            .await
            .unwrap()
    );
    assert!(count(a).await.unwrap() < 41);
});

on_both!(active_list_puts_the_primary_first, |db| async move {
    let a = org_id(&db, A).await;
    let page = list(&db, &query(a)).await.unwrap();
    assert_eq!(page.total, 29);
    assert_eq!(page.items.len(), 10);
    assert_eq!(page.items[0].contact.last_name, "Arsenault");
    assert!(page.items[0].contact.is_primary);
    let rest: Vec<String> = page.items[1..]
        .iter()
        .map(|i| i.contact.last_name_key.clone())
        .collect();
    let mut sorted = rest.clone();
    sorted.sort();
    assert_eq!(rest, sorted, "then by last name");
});

on_both!(
    all_contacts_are_ordered_by_last_name_accents_included,
    |db| async move {
        let a = org_id(&db, A).await;
        let q = ListQuery {
            active_only: false,
            ..query(a)
        };
        let page = list(&db, &q).await.unwrap();
        assert_eq!(page.total, 34);
        assert_eq!(page.items[0].contact.last_name, "Abel");
        assert!(!page.items[0].contact.active);
        // Four pages of ten: the last holds four.
        let last = list(
            &db,
            &ListQuery {
                page: 3,
                ..q.clone()
            },
        )
        .await
        .unwrap();
        assert_eq!(last.items.len(), 4);
        // « Hébert » sorts among the H's, « d'Entremont » among the D's.
        let all = names(
            &db,
            &ListQuery {
                page_size: 100,
                ..q.clone()
            },
        )
        .await;
        let pos = |n: &str| all.iter().position(|x| x == n).unwrap();
        assert!(pos("Gaudet") < pos("Hébert") && pos("Hébert") < pos("Landry"));
        assert!(pos("Cyr") < pos("d'Entremont") && pos("d'Entremont") < pos("Doiron"));
    }
);

on_both!(search_ignores_case_and_accents, |db| async move {
    let a = org_id(&db, A).await;
    let by_last = names(
        &db,
        &ListQuery {
            last_name: "leblanc".into(),
            ..query(a)
        },
    )
    .await;
    assert_eq!(by_last, ["LeBlanc"]);
    let by_first = list(
        &db,
        &ListQuery {
            first_name: "eve".into(),
            ..query(a)
        },
    )
    .await
    .unwrap();
    assert_eq!(by_first.items.len(), 1);
    assert_eq!(by_first.items[0].contact.first_name, "Ève");
    let by_email = names(
        &db,
        &ListQuery {
            email: "THERIAULT@".into(),
            ..query(a)
        },
    )
    .await;
    assert_eq!(by_email, ["Thériault"]);
    let by_user = names(
        &db,
        &ListQuery {
            user_id: "Luc.LeBlanc@example.net".into(),
            ..query(a)
        },
    )
    .await;
    assert_eq!(by_user, ["LeBlanc"]);
    let partial_user = names(
        &db,
        &ListQuery {
            user_id: "luc.leblanc".into(),
            ..query(a)
        },
    )
    .await;
    assert!(partial_user.is_empty(), "the user ID matches exactly");
    for wildcard in ["%", "_", "\\", "'; DROP TABLE contact; --"] {
        let found = names(
            &db,
            &ListQuery {
                last_name: wildcard.into(),
                ..query(a)
            },
        )
        .await;
        assert!(found.is_empty(), "{wildcard:?} is text, not a pattern");
        let found = names(
            &db,
            &ListQuery {
                email: wildcard.into(),
                ..query(a)
            },
        )
        .await;
        assert!(found.is_empty(), "{wildcard:?} in email");
    }
});

on_both!(lists_never_cross_organisations, |db| async move {
    let a = org_id(&db, A).await;
    let b = org_id(&db, B).await;
    let all_a = names(
        &db,
        &ListQuery {
            active_only: false,
            page_size: 100,
            ..query(a)
        },
    )
    .await;
    let all_b = names(
        &db,
        &ListQuery {
            active_only: false,
            page_size: 100,
            ..query(b)
        },
    )
    .await;
    assert!(all_b.contains(&"Pettipas".to_string()));
    assert!(!all_a.contains(&"Pettipas".to_string()));
    assert!(!all_b.contains(&"Arsenault".to_string()));
});

on_both!(
    access_and_profile_filters_use_real_grants,
    |db| async move {
        let a = org_id(&db, A).await;
        let with_access = list(
            &db,
            &ListQuery {
                with_access: true,
                page_size: 100,
                ..query(a)
            },
        )
        .await
        .unwrap();
        assert!(
            with_access
                .items
                .iter()
                .all(|i| i.contact.account_id.is_some())
        );
        assert_eq!(with_access.total, 8);
        let catalogue = db::contacts::profile_catalogue(&db).await.unwrap();
        let gec_admin = catalogue.iter().find(|p| p.code == "GEC_ADMIN").unwrap().id;
        let admins = names(
            &db,
            &ListQuery {
                profile_id: Some(gec_admin),
                ..query(a)
            },
        )
        .await;
        assert_eq!(admins, ["Arsenault"]);
    }
);

on_both!(
    at_most_one_pending_invitation_per_contact,
    |db| async move {
        let doiron = contact::Entity::find()
            .filter(contact::Column::LastName.eq("Doiron"))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let now = chrono::Utc::now();
        let second = invitation::ActiveModel {
            contact_id: Set(doiron.id),
            status: Set(invitation::Status::Pending),
            sent_at: Set(now),
            expires_at: Set(now + chrono::Days::new(30)),
            token_hash: Set("another-token-hash".into()),
            message: Set(String::new()),
            ..Default::default()
        };
        assert!(
            second.clone().insert(&db).await.is_err(),
            "a second pending invitation is refused"
        );
        let retracted = invitation::ActiveModel {
            status: Set(invitation::Status::Retracted),
            ..second
        };
        assert!(retracted.insert(&db).await.is_ok(), "a closed one is not");
    }
);

on_both!(sessions_round_trip_and_expire, |db| async move {
    use db::session_store::{SeaOrmStore, SessionLimits, session_key};
    use sea_orm::EntityTrait;
    use tower_sessions::session::{Id, Record};
    use tower_sessions::session_store::{ExpiredDeletion, SessionStore};
    let clock = db::Clock::default();
    let limits = SessionLimits {
        idle: chrono::Duration::minutes(30),
        lifetime: chrono::Duration::hours(2),
    };
    let store = SeaOrmStore::new(db.clone(), clock.clone(), limits);
    let mut record = Record {
        id: Id::default(),
        data: [("account_id".to_string(), serde_json::json!(7))]
            .into_iter()
            .collect(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::days(14),
    };
    store.create(&mut record).await.unwrap();
    let loaded = store.load(&record.id).await.unwrap().expect("stored");
    assert_eq!(loaded.data, record.data);
    // Kept under the hash of its id only.
    let rows = db::entity::session::Entity::find().all(&db).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].id, session_key(&record.id));
    assert_ne!(rows[0].id, record.id.to_string());

    // Loading it extends it; half an hour without does not.
    clock.advance(chrono::Duration::minutes(20));
    assert!(store.load(&record.id).await.unwrap().is_some());
    clock.advance(chrono::Duration::minutes(20));
    assert!(store.load(&record.id).await.unwrap().is_some());
    clock.advance(chrono::Duration::minutes(31));
    assert!(
        store.load(&record.id).await.unwrap().is_none(),
        "idle sessions do not load"
    );
    store.delete_expired().await.unwrap();
    assert!(
        db::entity::session::Entity::find()
            .all(&db)
            .await
            .unwrap()
            .is_empty()
    );
    store.save(&record).await.unwrap();
    assert!(store.load(&record.id).await.unwrap().is_some());
    store.delete(&record.id).await.unwrap();
    assert!(store.load(&record.id).await.unwrap().is_none());
});

on_both!(
    failed_sign_ins_make_the_next_ones_wait_longer_and_longer,
    |db| async move {
        use db::auth::{PasswordSignIn, authenticate};
        use std::net::IpAddr;
        let t0 = chrono::Utc::now();
        let minutes = |m: i64| t0 + chrono::Duration::minutes(m);
        let home: IpAddr = "192.0.2.1".parse().unwrap();
        let office: IpAddr = "198.51.100.9".parse().unwrap();
        let try_as = async |email: &str, password: &str, from: IpAddr, at| match authenticate(
            &db,
            email,
            password,
            Some(from),
            at,
        )
        .await
        .unwrap()
        {
            PasswordSignIn::Account(_) => "in",
            PasswordSignIn::Refused { .. } => "refused",
            PasswordSignIn::MustWait => "wait",
        };
        let (admin, right) = ("admin@example.org", "demo-admin-2026");
        for _ in 0..5 {
            assert_eq!(try_as(admin, "guess", home, t0).await, "refused");
        }
        // The sixth waits, even with the right password, from anywhere, however it is typed.
        assert_eq!(try_as(admin, right, home, t0).await, "wait");
        assert_eq!(
            try_as(" ADMIN@example.org", right, office, t0).await,
            "wait"
        );
        // An email nobody has is counted the same: the wait says nothing of accounts.
        for _ in 0..5 {
            assert_eq!(
                try_as("nobody@example.org", "guess", office, t0).await,
                "refused"
            );
        }
        assert_eq!(
            try_as("nobody@example.org", "guess", office, t0).await,
            "wait"
        );
        // A minute after the fifth failure, one more try; then two minutes, then four.
        assert_eq!(try_as(admin, "guess", home, minutes(1)).await, "refused");
        assert_eq!(try_as(admin, right, home, minutes(2)).await, "wait");
        assert_eq!(try_as(admin, "guess", home, minutes(3)).await, "refused");
        assert_eq!(try_as(admin, right, home, minutes(6)).await, "wait");
        // The right password once its turn comes signs in, and forgives the email's failures.
        assert_eq!(try_as(admin, right, home, minutes(7)).await, "in");
        for _ in 0..5 {
            assert_eq!(try_as(admin, "guess", home, minutes(7)).await, "refused");
        }
        assert_eq!(try_as(admin, right, home, minutes(7)).await, "wait");
        // A quarter of an hour later, old failures no longer count.
        assert_eq!(try_as(admin, right, home, minutes(23)).await, "in");

        // One address trying many emails: 20 failures, then it waits, whatever the email.
        let prober: IpAddr = "203.0.113.5".parse().unwrap();
        for n in 0..20 {
            let email = format!("person{n}@example.org");
            assert_eq!(
                try_as(&email, "guess", prober, minutes(30)).await,
                "refused"
            );
        }
        assert_eq!(
            try_as(
                "viewer@example.org",
                "demo-viewer-2026",
                prober,
                minutes(30)
            )
            .await,
            "wait"
        );
        assert_eq!(
            try_as("viewer@example.org", "demo-viewer-2026", home, minutes(30)).await,
            "in"
        );

        // Sixteen guesses sent at once check no more passwords than the limit lets through.
        let at = minutes(60);
        let mut guesses = tokio::task::JoinSet::new();
        for _ in 0..16 {
            let db = db.clone();
            guesses.spawn(async move {
                authenticate(&db, "efo.admin@example.org", "guess", Some(office), at).await
            });
        }
        let burst = guesses.join_all().await;
        let checked = burst
            .iter()
            .filter(|r| matches!(r, Ok(PasswordSignIn::Refused { .. })))
            .count();
        let waited = burst
            .iter()
            .filter(|r| matches!(r, Ok(PasswordSignIn::MustWait)))
            .count();
        assert!(
            checked <= 5 && checked + waited == 16,
            "{checked} checked, {waited} waited"
        );
        // What the table keeps names no email.
        let kept = db::entity::sign_in_failure::Entity::find()
            .all(&db)
            .await
            .unwrap();
        assert!(kept.iter().all(|f| !f.key.contains("example")), "{kept:?}");
    }
);

/// Runs `body` on a database opened as production opens it: migrated, without the demo.
async fn run_without_demo<F, Fut>(backend: Backend, body: F)
where
    F: FnOnce(String, db::DatabaseConnection) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let Some(url) = fresh_database_url(backend).await else {
        return;
    };
    let db = db::open(&url).await.expect("open");
    body(url, db).await;
}

// A production database has the security-profile catalogue, so that its administrators can
// grant profiles, and nothing of the demo world.
db::on_both!(
    a_production_database_has_the_profile_catalogue,
    run_without_demo,
    |url, db| async move {
        let codes: Vec<String> = db::contacts::profile_catalogue(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.code)
            .collect();
        assert!(codes.contains(&"GEC_ADMIN".to_string()), "{codes:?}");
        assert!(codes.contains(&"EFO_USER".to_string()), "{codes:?}");
        assert_eq!(organization::Entity::find().count(&db).await.unwrap(), 0);
        // Opening it again does not write the catalogue twice.
        drop(db);
        let db = db::open(&url).await.expect("open again");
        let again = db::contacts::profile_catalogue(&db).await.unwrap();
        assert_eq!(again.len(), codes.len());
    }
);

/// A database made before accounts of OpenID Connect keeps its demo identity provider's
/// accounts: their email becomes their login, their identity account's email and their user
/// ID, and their password still signs them in.
async fn accounts_of_the_earlier_schema_still_sign_in(backend: Backend) {
    use sea_orm::ConnectionTrait;
    use sea_orm_migration::MigratorTrait;
    let Some(url) = fresh_database_url(backend).await else {
        return;
    };
    let connect_url = match backend {
        Backend::Sqlite => format!("{url}?mode=rwc"),
        Backend::Postgres => url.clone(),
    };
    let earlier = sea_orm::Database::connect(connect_url.as_str())
        .await
        .unwrap();
    // The three migrations before the one of OpenID Connect.
    db::migration::Migrator::up(&earlier, Some(3))
        .await
        .unwrap();
    let hash = db::auth::hash_password("earlier-pass-2026").unwrap();
    earlier
        .execute_unprepared(&format!(
            "INSERT INTO account (email, password_hash, created_at) \
             VALUES ('earlier@example.org', '{hash}', '2026-11-01 00:00:00+00:00')"
        ))
        .await
        .unwrap();
    earlier.close().await.unwrap();

    let db = db::open(&url).await.expect("the rest of the migrations");
    let now = chrono::Utc::now();
    let db::auth::PasswordSignIn::Account(account) =
        db::auth::authenticate(&db, "Earlier@Example.org", "earlier-pass-2026", None, now)
            .await
            .unwrap()
    else {
        panic!("the password still signs in");
    };
    assert_eq!(account.login_key, "earlier@example.org");
    assert_eq!(
        account.identity_email.as_deref(),
        Some("earlier@example.org")
    );
    assert!(account.email_verified);
    assert_eq!(account.username, "earlier@example.org");
    assert_eq!(account.username_key, "earlier@example.org");
    assert_eq!(account.login(), "earlier@example.org");
}

#[tokio::test]
async fn accounts_of_the_earlier_schema_still_sign_in_sqlite() {
    accounts_of_the_earlier_schema_still_sign_in(Backend::Sqlite).await;
}

#[tokio::test]
async fn accounts_of_the_earlier_schema_still_sign_in_postgres() {
    accounts_of_the_earlier_schema_still_sign_in(Backend::Postgres).await;
}

on_both!(
    a_write_that_reads_first_waits_for_another_writer_instead_of_failing,
    |db| async move {
        use sea_orm::ConnectionTrait;
        let a = org_id(&db, A).await;
        let txn = db::begin_write(&db).await.unwrap();
        // The transaction reads…
        let before = organization::Entity::find_by_id(a)
            .one(&txn)
            .await
            .unwrap()
            .unwrap();
        // …another connection writes meanwhile (the mail worker, say)…
        let other = db.clone();
        let meanwhile = tokio::spawn(async move {
            other
                .execute_unprepared("UPDATE contact SET version = version + 1")
                .await
        });
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        // …and the transaction writes what it read: it is not refused (SQLite's
        // `SQLITE_BUSY_SNAPSHOT`) for having read a state that is no longer the latest; the
        // other write queued behind it instead.
        let mut renamed: organization::ActiveModel = before.into();
        renamed.name = Set(format!("{A} (renamed)"));
        renamed.update(&txn).await.expect("the write after a read");
        txn.commit().await.unwrap();
        meanwhile.await.unwrap().expect("the other write, after");
        assert_eq!(org_id(&db, &format!("{A} (renamed)")).await, a);
    }
);

/// What the list says it holds for the organisation `org` (the default view, then everyone),
/// and what counting its rows gives.
async fn totals(db: &db::DatabaseConnection, org: i32) -> ([u64; 2], [u64; 2]) {
    let mut listed = [0; 2];
    let mut counted = [0; 2];
    for (i, active_only) in [true, false].into_iter().enumerate() {
        let q = ListQuery {
            active_only,
            ..query(org)
        };
        listed[i] = list(db, &q).await.unwrap().total;
        let mut rows = contact::Entity::find().filter(contact::Column::OrganizationId.eq(org));
        if active_only {
            rows = rows.filter(contact::Column::Active.eq(true));
        }
        counted[i] = rows.count(db).await.unwrap();
    }
    (listed, counted)
}

on_both!(
    the_whole_lists_total_follows_every_change_of_the_contacts,
    |db| async move {
        let a = org_id(&db, A).await;
        let b = org_id(&db, B).await;
        assert_eq!(totals(&db, a).await, ([29, 34], [29, 34]));
        let (b_before, _) = totals(&db, b).await;
        // A contact added, as any writer would add it.
        let arsenault = contact::Entity::find()
            .filter(contact::Column::OrganizationId.eq(a))
            .filter(contact::Column::IsPrimary.eq(true))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let mut added: contact::ActiveModel = contact::Model {
            id: 0,
            is_primary: false,
            account_id: None,
            email: "nouveau@example.org".into(),
            email_key: "nouveau@example.org".into(),
            ..arsenault
        }
        .into();
        added.id = sea_orm::ActiveValue::NotSet;
        let added = added.insert(&db).await.unwrap();
        assert_eq!(totals(&db, a).await, ([30, 35], [30, 35]));
        // Deactivated, saved again unchanged, reactivated, deactivated, removed.
        let mut edit: contact::ActiveModel = added.clone().into();
        edit.active = Set(false);
        let inactive = edit.update(&db).await.unwrap();
        assert_eq!(totals(&db, a).await, ([29, 35], [29, 35]));
        let mut same: contact::ActiveModel = inactive.clone().into();
        same.active = Set(false);
        same.title = Set("Agente".into());
        same.update(&db).await.unwrap();
        assert_eq!(totals(&db, a).await, ([29, 35], [29, 35]));
        contact::Entity::update_many()
            .col_expr(
                contact::Column::Active,
                sea_orm::sea_query::Expr::value(true),
            )
            .filter(contact::Column::OrganizationId.eq(a))
            .exec(&db)
            .await
            .unwrap();
        assert_eq!(totals(&db, a).await, ([35, 35], [35, 35]));
        contact::Entity::delete_by_id(added.id)
            .exec(&db)
            .await
            .unwrap();
        assert_eq!(totals(&db, a).await, ([34, 34], [34, 34]));
        // Another organisation's counts did not move; a new one starts at zero.
        assert_eq!(totals(&db, b).await.0, b_before);
        let new = organization::ActiveModel {
            name: Set("Nouvel organisme".into()),
            org_type: Set("NPO".into()),
            address: Set(String::new()),
            phone: Set(String::new()),
            inactive: Set(false),
            provides_case_management: Set(false),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
        assert_eq!(totals(&db, new.id).await, ([0, 0], [0, 0]));
    }
);
