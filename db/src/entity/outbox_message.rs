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
    /// The organisation the email was written for (none for emails of before it was kept).
    pub organization_id: Option<i32>,
    /// An invitation's link, as the email gives it.
    pub link: Option<String>,
    pub status: Status,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub last_error: String,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

/// Where an email's delivery stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum Status {
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "sent")]
    Sent,
    #[sea_orm(string_value = "failed")]
    Failed,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
