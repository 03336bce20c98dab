use sea_orm::entity::prelude::*;

/// One entry of a contact's history, written in the same transaction as the change.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contact_id: i32,
    pub organization_id: i32,
    /// The account that acted; none when the system did.
    pub actor_id: Option<i32>,
    pub at: DateTimeUtc,
    /// e.g. `created`, `updated`, `deactivated`, `reactivated`, `made_primary`.
    pub kind: String,
    /// JSON list of `{field, from, to}`.
    pub changes: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
