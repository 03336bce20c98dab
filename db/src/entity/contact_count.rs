use sea_orm::entity::prelude::*;

/// How many contacts an organisation has, and how many of them are active: what the contacts
/// list says it holds when nothing narrows it, read in one row rather than counted. Written by
/// the database itself (the triggers of the migration `contact_counts`) whenever a contact is
/// added, removed, deactivated or reactivated, and never by the app.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact_count")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organization_id: i32,
    pub contacts: i32,
    pub active_contacts: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
