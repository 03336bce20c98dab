use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contact_id: i32,
    pub status: Status,
    pub sent_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    /// Hex SHA-256 of the link's token; the token itself is never stored.
    pub token_hash: String,
    pub message: String,
    pub sent_by: Option<i32>,
    pub closed_by: Option<i32>,
    pub closed_at: Option<DateTimeUtc>,
}

/// Where an invitation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum Status {
    /// Sent; its link works until it expires.
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "accepted")]
    Accepted,
    /// Withdrawn by an administrator, or ended by a new email or a deactivation.
    #[sea_orm(string_value = "retracted")]
    Retracted,
    #[sea_orm(string_value = "expired")]
    Expired,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
