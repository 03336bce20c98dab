//! Invitations by email: the outbox every email is written to in the same transaction as
//! what it announces, and which the mail worker delivers (and retries) from.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxMessage {
    Table,
    Id,
    Recipient,
    Subject,
    TextBody,
    HtmlBody,
    Kind,
    ContactId,
    Status,
    Attempts,
    NextAttemptAt,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum Contact {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(OutboxMessage::Table)
                .col(pk_auto(OutboxMessage::Id))
                .col(string_len(OutboxMessage::Recipient, 320))
                .col(string_len(OutboxMessage::Subject, 300))
                .col(text(OutboxMessage::TextBody))
                .col(text(OutboxMessage::HtmlBody))
                .col(string_len(OutboxMessage::Kind, 40))
                .col(integer_null(OutboxMessage::ContactId))
                .col(string_len(OutboxMessage::Status, 16))
                .col(integer(OutboxMessage::Attempts).default(0))
                .col(timestamp_with_time_zone(OutboxMessage::NextAttemptAt))
                .col(text(OutboxMessage::LastError).default(""))
                .col(timestamp_with_time_zone(OutboxMessage::CreatedAt))
                .col(timestamp_with_time_zone_null(OutboxMessage::SentAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(OutboxMessage::Table, OutboxMessage::ContactId)
                        .to(Contact::Table, Contact::Id),
                )
                .to_owned(),
        )
        .await?;
        // The worker's query: what is due, oldest first.
        m.create_index(
            Index::create()
                .name("idx_outbox_due")
                .table(OutboxMessage::Table)
                .col(OutboxMessage::Status)
                .col(OutboxMessage::NextAttemptAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(OutboxMessage::Table).to_owned())
            .await
    }
}
