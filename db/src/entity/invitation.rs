use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contact_id: i32,
    /// `pending`, `accepted`, `retracted` or `expired`.
    pub status: String,
    pub sent_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    /// Hex SHA-256 of the link's token; the token itself is never stored.
    pub token_hash: String,
    pub message: String,
    pub sent_by: Option<i32>,
    pub closed_by: Option<i32>,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
