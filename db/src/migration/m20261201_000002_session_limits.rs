//! Sessions are kept under a hash of their id, with the moment they began.
//!
//! The cookie's id is a bearer credential: the table keeps its SHA-256 only, so that reading
//! the table (a backup, a report, a leaked dump) does not let anyone act as the person. The
//! start of the session bounds how long it may last however active it is. The sessions kept
//! under their plain ids are deleted: everyone signs in again once.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Session {
    Table,
    StartedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.exec_stmt(Query::delete().from_table(Session::Table).to_owned())
            .await?;
        // Every row is written with its start from now on; the default only fills the
        // column of an empty table.
        m.alter_table(
            Table::alter()
                .table(Session::Table)
                .add_column(
                    timestamp_with_time_zone(Session::StartedAt).default("1970-01-01T00:00:00Z"),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.exec_stmt(Query::delete().from_table(Session::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Session::Table)
                .drop_column(Session::StartedAt)
                .to_owned(),
        )
        .await
    }
}
