//! The folded name keys compare by code point on PostgreSQL as they do on SQLite.
//!
//! A last- or first-name search is a prefix of the folded key, read as a range of the index
//! that orders the list (`key >= prefix AND key < prefix || U+10FFFF`). That range holds
//! exactly the keys that start with the prefix only in code-point order: under a linguistic
//! collation (`en_US.UTF-8`, `fr_CA.UTF-8`…) digits and letters interleave otherwise, and a
//! database's default collation is whatever its server was installed with. SQLite compares
//! text by its bytes, which for UTF-8 is code-point order already.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const KEYS: [&str; 2] = ["last_name_key", "first_name_key"];

/// Gives both keys `collation` on PostgreSQL (which rebuilds the indexes on them in its
/// order); nothing to do on SQLite.
async fn collate(m: &SchemaManager<'_>, collation: &str) -> Result<(), DbErr> {
    if m.get_database_backend() != sea_orm::DbBackend::Postgres {
        return Ok(());
    }
    for key in KEYS {
        m.get_connection()
            .execute_unprepared(&format!(
                r#"ALTER TABLE contact ALTER COLUMN {key} TYPE varchar(100) COLLATE "{collation}""#
            ))
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        collate(m, "C").await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        collate(m, "default").await
    }
}
