//! Accounts of an external identity provider (OpenID Connect): an account is identified by
//! its provider's issuer and subject, never by its email, and keeps the email and the user
//! identifier the provider last gave.
//!
//! The account's former `email` column becomes `login_key`, the unique key an account signs
//! in by: the folded email for the demo identity provider, `<issuer>#<subject>` for OpenID
//! Connect (an issuer has no fragment, so the two parts are never ambiguous). Renaming keeps
//! the column's unique constraint on both databases, which SQLite could not otherwise move
//! without rebuilding the table its foreign keys point at.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Account {
    Table,
    Email,
    LoginKey,
    IdentityEmail,
    EmailVerified,
    Username,
    UsernameKey,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement. The columns are added and filled before the
        // rename, so that no statement names a column another one renamed: SQLite runs these
        // statements on the pool's connections one by one, outside a transaction.
        for column in [
            // The identity account's email as its provider last gave it (none when it gives
            // none).
            string_len_null(Account::IdentityEmail, 254),
            boolean(Account::EmailVerified).default(false).take(),
            // The provider's user identifier (preferred username, else subject): the « User
            // ID » of a contact's details; and folded, for searching it.
            string_len(Account::Username, 255).default("").take(),
            string_len(Account::UsernameKey, 255).default("").take(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Account::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        // The demo identity provider's accounts: their login is their email.
        m.exec_stmt(
            Query::update()
                .table(Account::Table)
                .value(Account::IdentityEmail, Expr::col(Account::Email))
                .value(Account::EmailVerified, true)
                .value(Account::Username, Expr::col(Account::Email))
                .value(Account::UsernameKey, Expr::col(Account::Email))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_account_username_key")
                .table(Account::Table)
                .col(Account::UsernameKey)
                .to_owned(),
        )
        .await?;
        // An issuer URL and a subject of up to 255 characters; SQLite does not bound text.
        if m.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            m.alter_table(
                Table::alter()
                    .table(Account::Table)
                    .modify_column(ColumnDef::new(Account::Email).string_len(1024))
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Account::Table)
                .rename_column(Account::Email, Account::LoginKey)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_account_username_key")
                .table(Account::Table)
                .to_owned(),
        )
        .await?;
        for column in [
            Account::UsernameKey,
            Account::Username,
            Account::EmailVerified,
            Account::IdentityEmail,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Account::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Account::Table)
                .rename_column(Account::LoginKey, Account::Email)
                .to_owned(),
        )
        .await
    }
}
