//! The organisation's activity log reads its events newest first, a page at a time: an index
//! on the organisation and the moment serves that order without sorting the organisation's
//! events.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ContactEvent {
    Table,
    OrganizationId,
    At,
    Id,
}

const INDEX: &str = "idx_contact_event_org_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name(INDEX)
                .table(ContactEvent::Table)
                .col(ContactEvent::OrganizationId)
                .col(ContactEvent::At)
                .col(ContactEvent::Id)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name(INDEX)
                .table(ContactEvent::Table)
                .to_owned(),
        )
        .await
    }
}
