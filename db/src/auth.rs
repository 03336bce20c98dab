//! The demo identity provider's accounts, and what an account may do in an organisation: the
//! organisations it acts for (through an active contact linked to it) and the modules it
//! administers there.

use crate::Error;
use crate::entity::{account, contact, contact_profile, organization, security_profile};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::sync::{LazyLock, OnceLock};

/// Runs an argon2 computation on the threads kept for it, one per core, in turn: a flood of
/// sign-ins waits its turn rather than taking the memory (19 MiB a hash, which each thread's
/// allocator keeps for the next) and the processor of the other requests.
pub async fn argon2<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Error> {
    type Job = Box<dyn FnOnce() + Send>;
    static QUEUE: LazyLock<std::sync::mpsc::Sender<Job>> = LazyLock::new(|| {
        let (queue, jobs) = std::sync::mpsc::channel::<Job>();
        let jobs = std::sync::Arc::new(std::sync::Mutex::new(jobs));
        for n in 0..std::thread::available_parallelism().map_or(2, |n| n.get()) {
            let jobs = jobs.clone();
            let _ = std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || {
                    loop {
                        let job = match jobs.lock() {
                            Ok(jobs) => jobs.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                });
        }
        queue
    });
    let (done, result) = tokio::sync::oneshot::channel();
    QUEUE
        .send(Box::new(move || {
            let _ = done.send(work());
        }))
        .map_err(|e| Error::Hash(e.to_string()))?;
    result.await.map_err(|e| Error::Hash(e.to_string()))
}

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, Error> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Hash(e.to_string()))
}

fn verify(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash nobody's password matches, verified when the email is unknown so that a wrong email
/// and a wrong password take the same time.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password, never valid").unwrap_or_default())
}

/// What a password sign-in of the demo identity provider came to.
#[derive(Debug)]
pub enum PasswordSignIn {
    /// The email and password are this account's.
    Account(account::Model),
    /// No account has this email and password (which one is wrong is not said to the
    /// person). `account` is the account whose email was typed, when there is one: its
    /// organisations' activity logs record the failure.
    Refused { account: Option<i32> },
    /// Too many failures of this email or from this address lately: the password was not
    /// checked ([`crate::throttle`]).
    MustWait,
}

/// Checks `email` and `password`, typed from `address`, after the failures of either have
/// been waited for ([`crate::throttle`]).
pub async fn authenticate<C: ConnectionTrait>(
    db: &C,
    email: &str,
    password: &str,
    address: Option<std::net::IpAddr>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PasswordSignIn, Error> {
    let Some(attempt) = crate::throttle::attempt(db, email, address, now).await? else {
        return Ok(PasswordSignIn::MustWait);
    };
    let found = account::Entity::find()
        .filter(account::Column::LoginKey.eq(crate::text::email_key(email)))
        .one(db)
        .await?;
    let hash = found
        .as_ref()
        .and_then(|a| a.password_hash.as_deref())
        .unwrap_or_else(|| decoy_hash());
    let (hash, password) = (hash.to_owned(), password.to_owned());
    let ok = argon2(move || verify(&hash, &password)).await?;
    let found_id = found
        .as_ref()
        .filter(|a| a.password_hash.is_some())
        .map(|a| a.id);
    match found.filter(|a| ok && a.password_hash.is_some()) {
        Some(account) => {
            attempt.succeeded(db).await?;
            Ok(PasswordSignIn::Account(account))
        }
        None => Ok(PasswordSignIn::Refused { account: found_id }),
    }
}

/// An organisation the account acts for, and what it may do there.
#[derive(Clone, Debug)]
pub struct Membership {
    pub organization: organization::Model,
    /// The account's own contact record in that organisation.
    pub contact_id: i32,
    /// The profiles granted to that contact.
    pub profiles: Vec<security_profile::Model>,
}

impl Membership {
    /// Whether the account holds an administrator profile in this organisation.
    pub fn is_admin(&self) -> bool {
        self.profiles.iter().any(|p| p.is_admin)
    }

    /// The modules whose profiles this account may grant: those it holds the admin profile of.
    pub fn administered_modules(&self) -> Vec<String> {
        modules_administered(&self.profiles)
    }
}

/// The modules of the admin profiles among `profiles`, sorted, each once.
fn modules_administered(profiles: &[security_profile::Model]) -> Vec<String> {
    let mut modules: Vec<String> = profiles
        .iter()
        .filter(|p| p.is_admin)
        .map(|p| p.module.clone())
        .collect();
    modules.sort();
    modules.dedup();
    modules
}

/// The modules `account_id` administers in the organisation, as its own active contact there
/// holds them now; none when it does not act for the organisation.
pub async fn administered_modules<C: ConnectionTrait>(
    db: &C,
    account_id: i32,
    organization_id: i32,
) -> Result<Vec<String>, Error> {
    let Some(own) = contact::Entity::find()
        .filter(contact::Column::AccountId.eq(account_id))
        .filter(contact::Column::OrganizationId.eq(organization_id))
        .filter(contact::Column::Active.eq(true))
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    Ok(modules_administered(&profiles_of(db, own.id).await?))
}

/// The profiles granted to a contact, in catalogue order.
async fn profiles_of<C: ConnectionTrait>(
    db: &C,
    contact_id: i32,
) -> Result<Vec<security_profile::Model>, Error> {
    Ok(grants_of(db, vec![contact_id])
        .await?
        .into_iter()
        .map(|(_, profile)| profile)
        .collect())
}

/// The profiles granted to `contacts`, each with its contact's id, in catalogue order: one
/// query, the grants joined to the catalogue.
pub(crate) async fn grants_of<C: ConnectionTrait>(
    db: &C,
    contacts: Vec<i32>,
) -> Result<Vec<(i32, security_profile::Model)>, Error> {
    if contacts.is_empty() {
        return Ok(Vec::new());
    }
    Ok(contact_profile::Entity::find()
        .filter(contact_profile::Column::ContactId.is_in(contacts))
        .find_also_related(security_profile::Entity)
        .order_by_asc(security_profile::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(grant, profile)| Some((grant.contact_id, profile?)))
        .collect())
}

/// Every organisation the account acts for: those where an active contact is linked to it and
/// the organisation itself is not inactive. Ordered by organisation name.
pub async fn memberships<C: ConnectionTrait>(
    db: &C,
    account_id: i32,
) -> Result<Vec<Membership>, Error> {
    Ok(account_and_memberships(db, account_id).await?.1)
}

/// The account, read with its active contacts (none when it acts for no organisation, or does
/// not exist), and its [`memberships`]. Two queries, whatever the number of organisations: the
/// contacts with their organisations and the account, then their grants.
pub async fn account_and_memberships<C: ConnectionTrait>(
    db: &C,
    account_id: i32,
) -> Result<(Option<account::Model>, Vec<Membership>), Error> {
    let rows = contact::Entity::find()
        .filter(contact::Column::AccountId.eq(account_id))
        .filter(contact::Column::Active.eq(true))
        .find_also_related(organization::Entity)
        .find_also_related(account::Entity)
        .all(db)
        .await?;
    let account = rows.iter().find_map(|(_, _, account)| account.clone());
    let contacts: Vec<(contact::Model, organization::Model)> = rows
        .into_iter()
        .filter_map(|(c, organization, _)| Some((c, organization.filter(|o| !o.inactive)?)))
        .collect();
    let grants = grants_of(db, contacts.iter().map(|(c, _)| c.id).collect()).await?;
    let mut out: Vec<Membership> = contacts
        .into_iter()
        .map(|(c, organization)| Membership {
            organization,
            contact_id: c.id,
            profiles: grants
                .iter()
                .filter(|(contact, _)| *contact == c.id)
                .map(|(_, profile)| profile.clone())
                .collect(),
        })
        .collect();
    out.sort_by(|a, b| a.organization.name.cmp(&b.organization.name));
    Ok((account, out))
}

/// The account, by id.
pub async fn account<C: ConnectionTrait>(db: &C, id: i32) -> Result<account::Model, Error> {
    account::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

/// A new account of the demo identity provider, whose login is its (folded) email.
pub fn demo_account(
    email: &str,
    password_hash: Option<String>,
    now: chrono::DateTime<chrono::Utc>,
) -> account::ActiveModel {
    use sea_orm::ActiveValue::Set;
    let email = crate::text::email_key(email);
    account::ActiveModel {
        login_key: Set(email.clone()),
        password_hash: Set(password_hash),
        identity_email: Set(Some(email.clone())),
        email_verified: Set(true),
        username: Set(email.clone()),
        username_key: Set(email),
        created_at: Set(now),
        ..Default::default()
    }
}

/// Opens an account of the demo identity provider (an invitee without one), with the hash of
/// its password. Its email is stored folded; an email already taken is
/// [`Error::AccountExists`].
pub(crate) async fn insert_account<C: ConnectionTrait>(
    db: &C,
    email: &str,
    password_hash: String,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<account::Model, Error> {
    use sea_orm::{ActiveModelTrait, SqlErr};
    demo_account(email, Some(password_hash), now)
        .insert(db)
        .await
        .map_err(|err| match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => Error::AccountExists,
            _ => Error::Db(err),
        })
}

/// Who an OpenID Connect provider says signed in, from a verified ID token (and its userinfo).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The provider's issuer URL, as its ID tokens name it.
    pub issuer: String,
    /// The provider's stable identifier of the person.
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    /// The preferred username, else the subject.
    pub username: String,
}

impl Identity {
    /// The key the account of this identity signs in by: issuer and subject, never the email.
    pub fn login_key(&self) -> String {
        format!("{}#{}", self.issuer, self.subject)
    }

    /// The user identifier folded as the « Identifiant de l'utilisateur » filter folds what is
    /// typed into it (`crate::contacts::ListQuery::user_id`), so that the two meet.
    fn username_key(&self) -> String {
        crate::text::email_key(&self.username)
    }
}

/// The account of `identity`, if it has one, with the email and user identifier the provider
/// gives now (refreshed at each sign-in).
pub async fn identity_account<C: ConnectionTrait>(
    db: &C,
    identity: &Identity,
) -> Result<Option<account::Model>, Error> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel};
    let Some(found) = account::Entity::find()
        .filter(account::Column::LoginKey.eq(identity.login_key()))
        .filter(account::Column::PasswordHash.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let username_key = identity.username_key();
    if found.identity_email == identity.email
        && found.email_verified == identity.email_verified
        && found.username == identity.username
        && found.username_key == username_key
    {
        return Ok(Some(found));
    }
    let mut refreshed = found.into_active_model();
    refreshed.identity_email = Set(identity.email.clone());
    refreshed.email_verified = Set(identity.email_verified);
    refreshed.username = Set(identity.username.clone());
    refreshed.username_key = Set(username_key);
    Ok(Some(refreshed.update(db).await?))
}

/// The account of `identity`, opened when it has none (an invitee accepting with their
/// identity account for the first time).
pub async fn open_identity_account<C: ConnectionTrait>(
    db: &C,
    identity: &Identity,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<account::Model, Error> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    if let Some(account) = identity_account(db, identity).await? {
        return Ok(account);
    }
    Ok(account::ActiveModel {
        login_key: Set(identity.login_key()),
        password_hash: Set(None),
        identity_email: Set(identity.email.clone()),
        email_verified: Set(identity.email_verified),
        username: Set(identity.username.clone()),
        username_key: Set(identity.username_key()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::Identity;

    #[test]
    fn a_user_identifier_is_searched_as_the_filter_folds_it() {
        let identity = Identity {
            issuer: "https://idp.example".into(),
            subject: "s-1".into(),
            email: None,
            email_verified: false,
            username: " Hélène.Roy ".into(),
        };
        assert_eq!(
            identity.username_key(),
            crate::text::email_key("HELENE.ROY")
        );
    }
}
