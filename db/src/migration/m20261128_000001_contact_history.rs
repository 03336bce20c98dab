//! Contact management: each organisation's office locations, the per-contact history, and
//! the rules the database itself enforces — one primary contact per organisation and one
//! contact per email address within an organisation.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OfficeLocation {
    Table,
    Id,
    OrganizationId,
    Code,
    Name,
}

#[derive(DeriveIden)]
enum ContactEvent {
    Table,
    Id,
    ContactId,
    OrganizationId,
    ActorId,
    At,
    Kind,
    Changes,
}

#[derive(DeriveIden)]
enum Organization {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Contact {
    Table,
    Id,
    OrganizationId,
    EmailKey,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(OfficeLocation::Table)
                .col(pk_auto(OfficeLocation::Id))
                .col(integer(OfficeLocation::OrganizationId))
                .col(string_len(OfficeLocation::Code, 40))
                .col(string_len(OfficeLocation::Name, 120))
                .foreign_key(
                    ForeignKey::create()
                        .from(OfficeLocation::Table, OfficeLocation::OrganizationId)
                        .to(Organization::Table, Organization::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_office_location_org_code")
                .table(OfficeLocation::Table)
                .col(OfficeLocation::OrganizationId)
                .col(OfficeLocation::Code)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ContactEvent::Table)
                .col(pk_auto(ContactEvent::Id))
                .col(integer(ContactEvent::ContactId))
                .col(integer(ContactEvent::OrganizationId))
                // Null when the system itself acted (e.g. an invitation that expired).
                .col(integer_null(ContactEvent::ActorId))
                .col(timestamp_with_time_zone(ContactEvent::At))
                .col(string_len(ContactEvent::Kind, 40))
                // JSON: [{"field": "...", "from": "...", "to": "..."}]
                .col(text(ContactEvent::Changes).default("[]"))
                .foreign_key(
                    ForeignKey::create()
                        .from(ContactEvent::Table, ContactEvent::ContactId)
                        .to(Contact::Table, Contact::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ContactEvent::Table, ContactEvent::OrganizationId)
                        .to(Organization::Table, Organization::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ContactEvent::Table, ContactEvent::ActorId)
                        .to(Account::Table, Account::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_contact_event_contact")
                .table(ContactEvent::Table)
                .col(ContactEvent::ContactId)
                .col(ContactEvent::At)
                .to_owned(),
        )
        .await?;

        m.create_index(
            Index::create()
                .name("uq_contact_org_email")
                .table(Contact::Table)
                .col(Contact::OrganizationId)
                .col(Contact::EmailKey)
                .unique()
                .to_owned(),
        )
        .await?;
        // At most one primary contact per organisation (a partial unique index, the same
        // syntax on SQLite and PostgreSQL).
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX uq_contact_one_primary ON contact (organization_id) \
                 WHERE is_primary = TRUE",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("DROP INDEX uq_contact_one_primary")
            .await?;
        m.drop_index(
            Index::drop()
                .name("uq_contact_org_email")
                .table(Contact::Table)
                .to_owned(),
        )
        .await?;
        for table in [
            ContactEvent::Table.into_iden(),
            OfficeLocation::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
