//! Failed password sign-ins, counted per typed email and per client address, so that the demo
//! identity provider makes a guesser wait (`crate::auth::authenticate`).
//!
//! An email is kept as a SHA-256 of its folded form: the table never holds what someone typed.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SignInFailure {
    Table,
    Id,
    Key,
    FailedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(SignInFailure::Table)
                .col(pk_auto(SignInFailure::Id))
                .col(string(SignInFailure::Key))
                .col(timestamp_with_time_zone(SignInFailure::FailedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_sign_in_failure_key")
                .table(SignInFailure::Table)
                .col(SignInFailure::Key)
                .col(SignInFailure::FailedAt)
                .to_owned(),
        )
        .await?;
        // Old failures are deleted by age, whatever their key.
        m.create_index(
            Index::create()
                .name("idx_sign_in_failure_failed_at")
                .table(SignInFailure::Table)
                .col(SignInFailure::FailedAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SignInFailure::Table).to_owned())
            .await
    }
}
