//! Each email names the organisation it was written for and, for an invitation, its link.
//!
//! The development mailbox shows a signed-in person their organisation's emails only, and its
//! « open link » button takes the link from its own column, never from a line of the text
//! (which holds the administrator's free message too).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxMessage {
    Table,
    OrganizationId,
    Link,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(OutboxMessage::Table)
                .add_column(integer_null(OutboxMessage::OrganizationId))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(OutboxMessage::Table)
                .add_column(text_null(OutboxMessage::Link))
                .to_owned(),
        )
        .await?;
        // The invitations written before name their contact, whose organisation it is.
        m.get_connection()
            .execute_unprepared(
                "UPDATE outbox_message SET organization_id = \
                 (SELECT organization_id FROM contact WHERE contact.id = outbox_message.contact_id) \
                 WHERE contact_id IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [OutboxMessage::Link, OutboxMessage::OrganizationId] {
            m.alter_table(
                Table::alter()
                    .table(OutboxMessage::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
