//! Schema migrations: the only way the schema is created or changed, on SQLite and PostgreSQL.

use sea_orm_migration::prelude::*;

mod m20261127_000001_initial;
mod m20261128_000001_contact_history;
mod m20261128_000002_outbox;
mod m20261130_000001_identity_accounts;
mod m20261201_000001_name_keys_in_code_point_order;
mod m20261201_000002_session_limits;
mod m20261201_000003_outbox_organization_and_link;
mod m20261202_000001_sign_in_failures;
mod m20261203_000001_activity_log;
mod m20261204_000001_list_indexes_end_with_id;
mod m20261205_000001_contact_counts;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_initial::Migration),
            Box::new(m20261128_000001_contact_history::Migration),
            Box::new(m20261128_000002_outbox::Migration),
            Box::new(m20261130_000001_identity_accounts::Migration),
            Box::new(m20261201_000001_name_keys_in_code_point_order::Migration),
            Box::new(m20261201_000002_session_limits::Migration),
            Box::new(m20261201_000003_outbox_organization_and_link::Migration),
            Box::new(m20261202_000001_sign_in_failures::Migration),
            Box::new(m20261203_000001_activity_log::Migration),
            Box::new(m20261204_000001_list_indexes_end_with_id::Migration),
            Box::new(m20261205_000001_contact_counts::Migration),
        ]
    }
}
