use sea_orm::entity::prelude::*;

/// An identity account: someone who signs in, through OpenID Connect or (in development) the
/// demo identity provider.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The unique key the account signs in by: `<issuer>#<subject>` for OpenID Connect, the
    /// folded email for the demo identity provider (see `crate::auth::login_key`).
    pub login_key: String,
    /// Only accounts of the demo identity provider have one.
    pub password_hash: Option<String>,
    /// The identity account's email, as the provider last gave it.
    pub identity_email: Option<String>,
    pub email_verified: bool,
    /// The provider's user identifier (preferred username, else subject).
    pub username: String,
    /// `username` folded, for searching.
    pub username_key: String,
    pub created_at: DateTimeUtc,
}

impl Model {
    /// How the account is named to people: its email, else its user identifier.
    pub fn login(&self) -> String {
        self.identity_email
            .clone()
            .unwrap_or_else(|| self.username.clone())
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
