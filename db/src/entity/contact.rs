use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organization_id: i32,
    pub last_name: String,
    pub first_name: String,
    /// `last_name` folded for search and sorting (see `crate::text::fold`).
    pub last_name_key: String,
    pub first_name_key: String,
    pub email: String,
    pub email_key: String,
    pub title: String,
    pub phone: String,
    pub phone_ext: String,
    pub cell_phone: String,
    pub language: Language,
    pub active: bool,
    pub is_primary: bool,
    pub office_location: String,
    pub fte_hundredths: Option<i32>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub position_type: String,
    pub account_id: Option<i32>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// The language a contact prefers for the portal's emails.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(2))")]
pub enum Language {
    #[default]
    #[sea_orm(string_value = "fr")]
    Fr,
    #[sea_orm(string_value = "en")]
    En,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::OrganizationId",
        to = "super::organization::Column::Id"
    )]
    Organization,
    /// The identity account linked to the contact (portal access), when linked.
    #[sea_orm(
        belongs_to = "super::account::Entity",
        from = "Column::AccountId",
        to = "super::account::Column::Id"
    )]
    Account,
}

impl Related<super::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl Related<super::account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Account.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
