//! What the database tests share: a freshly migrated and seeded database on each backend,
//! and ways to look into it.

#![allow(dead_code)]

use db::entity::{account, contact, contact_event, organization};
use db::testing::{Backend, fresh_database_url};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

macro_rules! on_both {
    ($name:ident, $body:expr) => {
        db::on_both!($name, run, $body);
    };
}

pub async fn run<F, Fut>(backend: Backend, body: F)
where
    F: FnOnce(World) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let Some(url) = fresh_database_url(backend).await else {
        return;
    };
    let db = db::open_with_demo(&url).await.expect("open and seed");
    let org = organization::Entity::find()
        .filter(organization::Column::Name.eq("Services d'emploi de la Vallée"))
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let admin = account::Entity::find()
        .filter(account::Column::LoginKey.eq("admin@example.org"))
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .id;
    body(World { db, org, admin }).await;
}

pub struct World {
    pub db: db::DatabaseConnection,
    pub org: i32,
    pub admin: i32,
}

impl World {
    pub async fn contact(&self, last_name: &str) -> contact::Model {
        contact::Entity::find()
            .filter(contact::Column::OrganizationId.eq(self.org))
            .filter(contact::Column::LastName.eq(last_name))
            .one(&self.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{last_name}"))
    }

    /// The contact's history, oldest first.
    pub async fn events(&self, id: i32) -> Vec<contact_event::Model> {
        contact_event::Entity::find()
            .filter(contact_event::Column::ContactId.eq(id))
            .order_by_asc(contact_event::Column::Id)
            .all(&self.db)
            .await
            .unwrap()
    }

    pub async fn primaries(&self) -> Vec<String> {
        contact::Entity::find()
            .filter(contact::Column::OrganizationId.eq(self.org))
            .filter(contact::Column::IsPrimary.eq(true))
            .all(&self.db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.last_name)
            .collect()
    }
}
