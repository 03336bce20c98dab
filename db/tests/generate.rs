//! The benchmark world: its size and mix, the same for the same seed, and a database the app
//! goes on writing to afterwards.

use db::contacts::{ListQuery, list};
use db::entity::{account, contact, invitation, organization};
use db::generate::{Plan, generate};
use db::testing::{Backend, fresh_database_url};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

#[macro_use]
mod common;
use common::{World, run};

const PLAN: Plan = Plan {
    organizations: 12,
    largest: 400,
    seed: 7,
};

async fn names(db: &db::DatabaseConnection) -> Vec<(String, String, bool)> {
    contact::Entity::find()
        .order_by_asc(contact::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.last_name, c.email, c.active))
        .collect()
}

on_both!(
    the_generated_world_has_the_planned_size_and_mix,
    |w: World| async move {
        let db = w.db;
        let now = chrono::Utc::now();
        let written = generate(&db, PLAN, now).await.unwrap();
        assert_eq!(written.organizations, 10);
        assert_eq!(organization::Entity::find().count(&db).await.unwrap(), 12);
        let vallee = organization::Entity::find()
            .filter(organization::Column::Name.eq("Services d'emploi de la Vallée"))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let in_vallee = contact::Entity::find()
            .filter(contact::Column::OrganizationId.eq(vallee.id))
            .count(&db)
            .await
            .unwrap();
        assert_eq!(in_vallee, 400);
        // Each new organisation has 20 to 178 contacts and exactly one primary contact.
        let new_orgs = organization::Entity::find()
            .filter(organization::Column::Id.gt(vallee.id + 1))
            .all(&db)
            .await
            .unwrap();
        for org in &new_orgs {
            let of_org = contact::Column::OrganizationId.eq(org.id);
            let size = contact::Entity::find()
                .filter(of_org.clone())
                .count(&db)
                .await
                .unwrap();
            assert!((20..=178).contains(&size), "{size}");
            let primaries = contact::Entity::find()
                .filter(of_org)
                .filter(contact::Column::IsPrimary.eq(true))
                .count(&db)
                .await
                .unwrap();
            assert_eq!(primaries, 1, "{}", org.name);
        }
        // The mix, within what chance allows on a few thousand contacts.
        let total = written.contacts as f64;
        let inactive = contact::Entity::find()
            .filter(contact::Column::Active.eq(false))
            .count(&db)
            .await
            .unwrap() as f64;
        assert!(
            (0.10..0.20).contains(&(inactive / total)),
            "{inactive}/{total}"
        );
        assert!((0.24..0.36).contains(&(written.accounts as f64 / total)));
        assert!((0.06..0.14).contains(&(written.invitations as f64 / total)));
        let accented = contact::Entity::find()
            .filter(contact::Column::LastName.eq("Thériault"))
            .count(&db)
            .await
            .unwrap();
        assert!(accented > 0);

        // The list reads it, and the app's own writes go on after it (ids not taken).
        let page = list(
            &db,
            &ListQuery {
                organization_id: vallee.id,
                active_only: true,
                page_size: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(page.items.len(), 10);
        assert!(page.total > 300, "{}", page.total);
        let account = db::auth::demo_account("after@example.org", None, now);
        sea_orm::ActiveModelTrait::insert(account, &db)
            .await
            .unwrap();
        assert!(
            account::Entity::find()
                .filter(account::Column::LoginKey.eq("after@example.org"))
                .one(&db)
                .await
                .unwrap()
                .is_some()
        );
        let pending = invitation::Entity::find()
            .filter(invitation::Column::Status.eq(invitation::Status::Pending))
            .count(&db)
            .await
            .unwrap();
        assert!(pending > 0);
    }
);

on_both!(the_same_seed_writes_the_same_world, |w: World| async move {
    let db = w.db;
    generate(&db, PLAN, chrono::Utc::now()).await.unwrap();
    let first = names(&db).await;
    let Some(url) = fresh_database_url(Backend::Sqlite).await else {
        return;
    };
    let again = db::open_with_demo(&url).await.unwrap();
    generate(&again, PLAN, chrono::Utc::now()).await.unwrap();
    assert_eq!(names(&again).await, first);
    let other = Plan { seed: 8, ..PLAN };
    let Some(url) = fresh_database_url(Backend::Sqlite).await else {
        return;
    };
    let different = db::open_with_demo(&url).await.unwrap();
    generate(&different, other, chrono::Utc::now())
        .await
        .unwrap();
    assert_ne!(names(&different).await, first);
});
