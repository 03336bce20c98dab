use sea_orm::entity::prelude::*;

/// One email, written in the same transaction as what it announces and delivered by the mail
/// worker: `pending` until delivered (`sent`) or given up on (`failed`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_message")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    /// `invitation`, `invitation_accepted` or `invitation_expired`.
    pub kind: String,
    /// The contact whose history records the delivery, for invitations.
    pub contact_id: Option<i32>,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub last_error: String,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
