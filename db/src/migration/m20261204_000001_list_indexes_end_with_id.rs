//! The indexes that order the contacts list end with the contact's id, as the list's order
//! does (last name, first name, then id), so that PostgreSQL reads a page in index order
//! without sorting the rows of equal names. SQLite's index entries end with the row id, which
//! is the contact's id: nothing to do there.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Contact {
    Table,
    OrganizationId,
    Active,
    LastNameKey,
    FirstNameKey,
    Id,
}

/// Each index that orders the list, by name, with the columns before the names.
const INDEXES: [(&str, &[Contact]); 2] = [
    ("idx_contact_org_sort", &[Contact::OrganizationId]),
    (
        "idx_contact_org_active_sort",
        &[Contact::OrganizationId, Contact::Active],
    ),
];

/// Builds the list's indexes again, ending with the id or not.
async fn rebuild(m: &SchemaManager<'_>, with_id: bool) -> Result<(), DbErr> {
    if m.get_database_backend() != sea_orm::DbBackend::Postgres {
        return Ok(());
    }
    for (name, leading) in INDEXES {
        m.drop_index(Index::drop().name(name).table(Contact::Table).to_owned())
            .await?;
        let mut index = Index::create();
        index.name(name).table(Contact::Table);
        for column in leading {
            index.col(*column);
        }
        index.col(Contact::LastNameKey).col(Contact::FirstNameKey);
        if with_id {
            index.col(Contact::Id);
        }
        m.create_index(index.to_owned()).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        rebuild(m, true).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        rebuild(m, false).await
    }
}
