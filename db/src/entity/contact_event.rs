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
    pub kind: Kind,
    /// JSON list of `{field, from, to}`.
    pub changes: String,
}

/// What a history entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
pub enum Kind {
    #[sea_orm(string_value = "created")]
    Created,
    #[sea_orm(string_value = "updated")]
    Updated,
    #[sea_orm(string_value = "deactivated")]
    Deactivated,
    #[sea_orm(string_value = "reactivated")]
    Reactivated,
    #[sea_orm(string_value = "made_primary")]
    MadePrimary,
    #[sea_orm(string_value = "no_longer_primary")]
    NoLongerPrimary,
    #[sea_orm(string_value = "invitation_retracted")]
    InvitationRetracted,
    #[sea_orm(string_value = "access_removed")]
    AccessRemoved,
    #[sea_orm(string_value = "invitation_sent")]
    InvitationSent,
    #[sea_orm(string_value = "invitation_resent")]
    InvitationResent,
    #[sea_orm(string_value = "invitation_delivered")]
    InvitationDelivered,
    #[sea_orm(string_value = "invitation_failed")]
    InvitationFailed,
    #[sea_orm(string_value = "invitation_accepted")]
    InvitationAccepted,
    #[sea_orm(string_value = "invitation_expired")]
    InvitationExpired,
    /// The contact's account signed in (recorded in each organisation it acts for).
    #[sea_orm(string_value = "signed_in")]
    SignedIn,
    /// A wrong password was typed for the contact's account.
    #[sea_orm(string_value = "sign_in_failed")]
    SignInFailed,
    /// The contact's account switched to acting for this organisation.
    #[sea_orm(string_value = "organization_switched")]
    OrganizationSwitched,
    /// The contact's account signed out.
    #[sea_orm(string_value = "signed_out")]
    SignedOut,
}

impl Kind {
    /// The kinds that record a sign-in of the contact's account, not a change of the contact:
    /// they appear in the organisation's activity log, never in the contact's own history nor
    /// as its last change.
    pub const SIGN_IN: [Kind; 4] = [
        Kind::SignedIn,
        Kind::SignInFailed,
        Kind::OrganizationSwitched,
        Kind::SignedOut,
    ];
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
