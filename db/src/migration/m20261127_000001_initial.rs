//! The initial schema: organisations, the security-profile catalogue, identity accounts,
//! contacts with their grants and invitations, and server-side sessions.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organization {
    Table,
    Id,
    Name,
    OrgType,
    Address,
    Phone,
    Inactive,
    ProvidesCaseManagement,
}

#[derive(DeriveIden)]
enum SecurityProfile {
    Table,
    Id,
    Code,
    LabelFr,
    LabelEn,
    Module,
    IsAdmin,
    SortOrder,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    Email,
    PasswordHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Contact {
    Table,
    Id,
    OrganizationId,
    LastName,
    FirstName,
    LastNameKey,
    FirstNameKey,
    Email,
    EmailKey,
    Title,
    Phone,
    PhoneExt,
    CellPhone,
    Language,
    Active,
    IsPrimary,
    OfficeLocation,
    FteHundredths,
    StartDate,
    EndDate,
    PositionType,
    AccountId,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ContactProfile {
    Table,
    ContactId,
    ProfileId,
}

#[derive(DeriveIden)]
enum Invitation {
    Table,
    Id,
    ContactId,
    Status,
    SentAt,
    ExpiresAt,
    TokenHash,
    Message,
    SentBy,
    ClosedBy,
    ClosedAt,
}

#[derive(DeriveIden)]
enum InvitationProfile {
    Table,
    InvitationId,
    ProfileId,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Organization::Table)
                .col(pk_auto(Organization::Id))
                .col(string_len(Organization::Name, 200))
                .col(string_len(Organization::OrgType, 40))
                .col(string_len(Organization::Address, 300))
                .col(string_len(Organization::Phone, 40))
                .col(boolean(Organization::Inactive).default(false))
                .col(boolean(Organization::ProvidesCaseManagement).default(false))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SecurityProfile::Table)
                .col(pk_auto(SecurityProfile::Id))
                .col(string_len_uniq(SecurityProfile::Code, 40))
                .col(string_len(SecurityProfile::LabelFr, 120))
                .col(string_len(SecurityProfile::LabelEn, 120))
                .col(string_len(SecurityProfile::Module, 20))
                .col(boolean(SecurityProfile::IsAdmin).default(false))
                .col(integer(SecurityProfile::SortOrder).default(0))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Account::Table)
                .col(pk_auto(Account::Id))
                .col(string_len_uniq(Account::Email, 254))
                // Null for identity accounts that cannot sign in with a password here.
                .col(string_len_null(Account::PasswordHash, 200))
                .col(timestamp_with_time_zone(Account::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Contact::Table)
                .col(pk_auto(Contact::Id))
                .col(integer(Contact::OrganizationId))
                .col(string_len(Contact::LastName, 100))
                .col(string_len(Contact::FirstName, 100))
                .col(string_len(Contact::LastNameKey, 100))
                .col(string_len(Contact::FirstNameKey, 100))
                .col(string_len(Contact::Email, 254))
                .col(string_len(Contact::EmailKey, 254))
                .col(string_len(Contact::Title, 150).default(""))
                .col(string_len(Contact::Phone, 40).default(""))
                .col(string_len(Contact::PhoneExt, 10).default(""))
                .col(string_len(Contact::CellPhone, 40).default(""))
                .col(string_len(Contact::Language, 2))
                .col(boolean(Contact::Active).default(true))
                .col(boolean(Contact::IsPrimary).default(false))
                .col(string_len(Contact::OfficeLocation, 40).default(""))
                .col(integer_null(Contact::FteHundredths))
                .col(date_null(Contact::StartDate))
                .col(date_null(Contact::EndDate))
                .col(string_len(Contact::PositionType, 40).default(""))
                .col(integer_null(Contact::AccountId))
                .col(integer(Contact::Version).default(1))
                .col(timestamp_with_time_zone(Contact::CreatedAt))
                .col(timestamp_with_time_zone(Contact::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Contact::Table, Contact::OrganizationId)
                        .to(Organization::Table, Organization::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Contact::Table, Contact::AccountId)
                        .to(Account::Table, Account::Id),
                )
                .to_owned(),
        )
        .await?;

        // The list query: one organisation, optionally active only, ordered by the folded
        // last and first names (primary first is a cheap sort over at most one row more).
        m.create_index(
            Index::create()
                .name("idx_contact_org_sort")
                .table(Contact::Table)
                .col(Contact::OrganizationId)
                .col(Contact::LastNameKey)
                .col(Contact::FirstNameKey)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_contact_org_active_sort")
                .table(Contact::Table)
                .col(Contact::OrganizationId)
                .col(Contact::Active)
                .col(Contact::LastNameKey)
                .col(Contact::FirstNameKey)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_contact_org_first_name")
                .table(Contact::Table)
                .col(Contact::OrganizationId)
                .col(Contact::FirstNameKey)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_contact_account")
                .table(Contact::Table)
                .col(Contact::AccountId)
                .to_owned(),
        )
        .await?;
        // One contact record per identity account and organisation.
        m.create_index(
            Index::create()
                .name("uq_contact_org_account")
                .table(Contact::Table)
                .col(Contact::OrganizationId)
                .col(Contact::AccountId)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ContactProfile::Table)
                .col(integer(ContactProfile::ContactId))
                .col(integer(ContactProfile::ProfileId))
                .primary_key(
                    Index::create()
                        .col(ContactProfile::ContactId)
                        .col(ContactProfile::ProfileId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ContactProfile::Table, ContactProfile::ContactId)
                        .to(Contact::Table, Contact::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ContactProfile::Table, ContactProfile::ProfileId)
                        .to(SecurityProfile::Table, SecurityProfile::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_contact_profile_profile")
                .table(ContactProfile::Table)
                .col(ContactProfile::ProfileId)
                .col(ContactProfile::ContactId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Invitation::Table)
                .col(pk_auto(Invitation::Id))
                .col(integer(Invitation::ContactId))
                .col(string_len(Invitation::Status, 20))
                .col(timestamp_with_time_zone(Invitation::SentAt))
                .col(timestamp_with_time_zone(Invitation::ExpiresAt))
                .col(string_len_uniq(Invitation::TokenHash, 64))
                .col(text(Invitation::Message).default(""))
                .col(integer_null(Invitation::SentBy))
                .col(integer_null(Invitation::ClosedBy))
                .col(timestamp_with_time_zone_null(Invitation::ClosedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitation::Table, Invitation::ContactId)
                        .to(Contact::Table, Contact::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitation::Table, Invitation::SentBy)
                        .to(Account::Table, Account::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitation::Table, Invitation::ClosedBy)
                        .to(Account::Table, Account::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_invitation_contact")
                .table(Invitation::Table)
                .col(Invitation::ContactId)
                .col(Invitation::SentAt)
                .to_owned(),
        )
        .await?;
        // At most one pending invitation per contact: a partial unique index, which SQLite
        // and PostgreSQL both support with the same syntax.
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX uq_invitation_one_pending ON invitation (contact_id) \
                 WHERE status = 'pending'",
            )
            .await?;

        m.create_table(
            Table::create()
                .table(InvitationProfile::Table)
                .col(integer(InvitationProfile::InvitationId))
                .col(integer(InvitationProfile::ProfileId))
                .primary_key(
                    Index::create()
                        .col(InvitationProfile::InvitationId)
                        .col(InvitationProfile::ProfileId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(InvitationProfile::Table, InvitationProfile::InvitationId)
                        .to(Invitation::Table, Invitation::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(InvitationProfile::Table, InvitationProfile::ProfileId)
                        .to(SecurityProfile::Table, SecurityProfile::Id),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Session::Table)
                .col(string_len(Session::Id, 64).primary_key())
                .col(text(Session::Data))
                .col(timestamp_with_time_zone(Session::ExpiresAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_session_expires")
                .table(Session::Table)
                .col(Session::ExpiresAt)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Session::Table.into_iden(),
            InvitationProfile::Table.into_iden(),
            Invitation::Table.into_iden(),
            ContactProfile::Table.into_iden(),
            Contact::Table.into_iden(),
            Account::Table.into_iden(),
            SecurityProfile::Table.into_iden(),
            Organization::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
