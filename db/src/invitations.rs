//! Portal invitations: sending one (with the profiles to grant on acceptance), resending,
//! accepting by the link's token, and expiry. Each writes the invitation, the email (to the
//! outbox) and the contact's history in one transaction.

use crate::Error;
use crate::contacts::edit::{self, ContactData, change, claim, profile_codes, record};
use crate::entity::contact::Language;
use crate::entity::contact_event::Kind;
use crate::entity::invitation::Status;
use crate::entity::{
    account, contact, contact_profile, invitation, invitation_profile, organization,
    security_profile,
};
use crate::outbox::{self, Mail};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use rand::TryRngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, SqlErr,
};
use sha2::{Digest, Sha256};

/// How long an invitation's link works.
pub const VALID_FOR: Duration = Duration::days(30);

/// Longest token accepted from a link (a real one has 43 characters).
const MAX_TOKEN_LEN: usize = 128;

/// A fresh link token and the hash the database keeps of it.
#[derive(Clone, Debug)]
pub struct NewToken {
    /// 32 random bytes from the operating system, base64url without padding.
    pub token: String,
    pub hash: String,
}

/// Draws a token from the operating system's random source.
pub fn new_token() -> Result<NewToken, Error> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|err| Error::Random(err.to_string()))?;
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    Ok(NewToken { token, hash })
}

/// The hex SHA-256 of a token: what the database stores and looks up.
pub fn hash_token(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

/// Whether an administrator of `administered_modules` may grant `profile`: only the profiles
/// of the modules whose admin profile they hold.
pub fn may_grant(administered_modules: &[String], profile: &security_profile::Model) -> bool {
    administered_modules.contains(&profile.module)
}

/// The grant rule on a set of profiles: one profile of a module outside
/// `administered_modules` refuses the whole set, naming the first such module in catalogue
/// order.
pub fn check_grant(
    administered_modules: &[String],
    profiles: &[security_profile::Model],
) -> Result<(), Error> {
    match profiles
        .iter()
        .find(|p| !may_grant(administered_modules, p))
    {
        Some(p) => Err(Error::NotGrantable {
            module: p.module.clone(),
        }),
        None => Ok(()),
    }
}

/// The check that every path granting, keeping or re-issuing profiles goes through (sending,
/// adding with access, sending again, opening and accepting a link): may `actor` grant each of
/// `profile_ids` in the organisation, by the modules it administers there now? Returns the
/// profiles in catalogue order; an unknown id is [`Error::NotFound`], a profile of another
/// module [`Error::NotGrantable`].
pub async fn grantable_by<C: ConnectionTrait>(
    db: &C,
    actor: i32,
    organization_id: i32,
    profile_ids: &[i32],
) -> Result<Vec<security_profile::Model>, Error> {
    let mut wanted = profile_ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let profiles = security_profile::Entity::find()
        .filter(security_profile::Column::Id.is_in(wanted.iter().copied()))
        .order_by_asc(security_profile::Column::SortOrder)
        .all(db)
        .await?;
    if profiles.len() != wanted.len() {
        return Err(Error::NotFound);
    }
    let modules = crate::auth::administered_modules(db, actor, organization_id).await?;
    check_grant(&modules, &profiles)?;
    Ok(profiles)
}

/// What an administrator asks for: the profiles to grant on acceptance and an optional extra
/// message. Sending checks that the administrator may grant each profile.
#[derive(Clone, Debug, Default)]
pub struct Invite {
    pub profile_ids: Vec<i32>,
    pub message: String,
}

/// What an invitation email is written from.
#[derive(Clone, Debug)]
pub struct InvitationMail<'a> {
    pub contact: &'a contact::Model,
    pub organization: &'a organization::Model,
    /// The link's token (only ever in the email).
    pub token: &'a str,
    pub expires_at: DateTime<Utc>,
    pub message: &'a str,
    /// The login of the administrator who sent it.
    pub sender: &'a str,
}

/// What a notice to the inviting administrator is written from.
#[derive(Clone, Debug)]
pub struct NoticeMail<'a> {
    pub contact: &'a contact::Model,
    pub organization: &'a organization::Model,
    /// The administrator's login: where the notice goes.
    pub to: &'a str,
    /// The administrator's language in that organisation.
    pub language: Language,
    pub at: DateTime<Utc>,
}

/// An invitation just sent, with its token (which is not stored).
#[derive(Clone, Debug)]
pub struct Sent {
    pub invitation: invitation::Model,
    pub token: String,
}

/// A second pending invitation for the same contact: the database refused it.
fn refused(err: DbErr) -> Error {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => Error::Conflict("pending invitation"),
        _ => Error::Db(err),
    }
}

async fn login_of<C: ConnectionTrait>(db: &C, account_id: i32) -> Result<String, Error> {
    Ok(account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .map(|a| a.login())
        .unwrap_or_default())
}

/// Creates the invitation of `contact` (active, without access, without a pending
/// invitation), its email and its history entry, within the caller's transaction.
async fn invite_in<C: ConnectionTrait>(
    txn: &C,
    contact: &contact::Model,
    actor: i32,
    invite: &Invite,
    now: DateTime<Utc>,
    compose: impl FnOnce(&InvitationMail) -> Mail,
) -> Result<Sent, Error> {
    if !contact.active {
        return Err(Error::Conflict("inactive contact"));
    }
    if contact.account_id.is_some() {
        return Err(Error::Conflict("already has access"));
    }
    if invite.profile_ids.is_empty() {
        return Err(Error::Conflict("no profile"));
    }
    let known = grantable_by(txn, actor, contact.organization_id, &invite.profile_ids).await?;
    let token = new_token()?;
    let invitation = invitation::ActiveModel {
        contact_id: Set(contact.id),
        status: Set(Status::Pending),
        sent_at: Set(now),
        expires_at: Set(now + VALID_FOR),
        token_hash: Set(token.hash),
        message: Set(invite.message.clone()),
        sent_by: Set(Some(actor)),
        closed_by: Set(None),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(refused)?;
    for profile in &known {
        invitation_profile::ActiveModel {
            invitation_id: Set(invitation.id),
            profile_id: Set(profile.id),
        }
        .insert(txn)
        .await?;
    }
    let organization = crate::contacts::organization(txn, contact.organization_id).await?;
    let sender = login_of(txn, actor).await?;
    let mail = compose(&InvitationMail {
        contact,
        organization: &organization,
        token: &token.token,
        expires_at: invitation.expires_at,
        message: &invitation.message,
        sender: &sender,
    });
    outbox::enqueue_invitation(txn, mail, contact, now).await?;
    let mut changes = vec![
        change("email", "", contact.email.clone()),
        change(
            "profiles",
            "",
            profile_codes(txn, &invite.profile_ids).await?,
        ),
    ];
    if !invite.message.is_empty() {
        changes.push(change("message", "", invite.message.clone()));
    }
    record(txn, contact, actor, now, Kind::InvitationSent, &changes).await?;
    Ok(Sent {
        invitation,
        token: token.token,
    })
}

/// Invites the existing contact `contact_id` of the organisation (« Invitation pour le
/// LaMPSS »).
pub async fn send(
    db: &DatabaseConnection,
    organization_id: i32,
    actor: i32,
    contact_id: i32,
    invite: &Invite,
    now: DateTime<Utc>,
    compose: impl FnOnce(&InvitationMail) -> Mail,
) -> Result<Sent, Error> {
    let txn = crate::begin_write(db).await?;
    let contact = claim(&txn, organization_id, contact_id, now).await?;
    let sent = invite_in(&txn, &contact, actor, invite, now, compose).await?;
    txn.commit().await?;
    Ok(sent)
}

/// Adds a contact and invites it, in one transaction (« Ajouter une personne-ressource avec
/// accès au LaMPSS »).
pub async fn create_and_send(
    db: &DatabaseConnection,
    organization_id: i32,
    actor: i32,
    data: &ContactData,
    invite: &Invite,
    now: DateTime<Utc>,
    compose: impl FnOnce(&InvitationMail) -> Mail,
) -> Result<(contact::Model, Sent), Error> {
    let txn = crate::begin_write(db).await?;
    let contact = edit::insert(&txn, organization_id, actor, data, now).await?;
    let sent = invite_in(&txn, &contact, actor, invite, now, compose).await?;
    txn.commit().await?;
    Ok((contact, sent))
}

/// The contact's most recent invitation, with the profiles it grants.
pub async fn latest<C: ConnectionTrait>(
    db: &C,
    contact_id: i32,
) -> Result<Option<(invitation::Model, Vec<i32>)>, Error> {
    let Some(latest) = invitation::Entity::find()
        .filter(invitation::Column::ContactId.eq(contact_id))
        .order_by_desc(invitation::Column::SentAt)
        .order_by_desc(invitation::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let profiles = profile_ids_of(db, latest.id).await?;
    Ok(Some((latest, profiles)))
}

/// The profiles an invitation grants on acceptance.
async fn profile_ids_of<C: ConnectionTrait>(db: &C, invitation_id: i32) -> Result<Vec<i32>, Error> {
    Ok(invitation_profile::Entity::find()
        .filter(invitation_profile::Column::InvitationId.eq(invitation_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.profile_id)
        .collect())
}

/// The contact's invitation that « Renvoyer l'invitation » would send again, with its
/// profiles: its latest one, when pending or expired and the contact is active without
/// access.
pub async fn resendable<C: ConnectionTrait>(
    db: &C,
    contact: &contact::Model,
) -> Result<Option<(invitation::Model, Vec<i32>)>, Error> {
    if !contact.active || contact.account_id.is_some() {
        return Ok(None);
    }
    Ok(latest(db, contact.id)
        .await?
        .filter(|(i, _)| matches!(i.status, Status::Pending | Status::Expired)))
}

/// Sends the contact's pending or expired invitation again: a new token (the old link stops
/// working), a new 30-day window, the same profiles and message. Only an administrator who
/// may grant every one of its profiles sends it again ([`Error::NotGrantable`] otherwise, and
/// nothing is written).
pub async fn resend(
    db: &DatabaseConnection,
    organization_id: i32,
    actor: i32,
    contact_id: i32,
    now: DateTime<Utc>,
    compose: impl FnOnce(&InvitationMail) -> Mail,
) -> Result<Sent, Error> {
    let txn = crate::begin_write(db).await?;
    let contact = claim(&txn, organization_id, contact_id, now).await?;
    let Some((previous, profiles)) = resendable(&txn, &contact).await? else {
        return Err(Error::Conflict("nothing to resend"));
    };
    grantable_by(&txn, actor, contact.organization_id, &profiles).await?;
    let token = new_token()?;
    let mut renewed: invitation::ActiveModel = previous.clone().into();
    renewed.status = Set(Status::Pending);
    renewed.token_hash = Set(token.hash);
    renewed.sent_at = Set(now);
    renewed.expires_at = Set(now + VALID_FOR);
    renewed.sent_by = Set(Some(actor));
    renewed.closed_by = Set(None);
    renewed.closed_at = Set(None);
    let invitation = renewed.update(&txn).await.map_err(refused)?;
    let organization = crate::contacts::organization(&txn, contact.organization_id).await?;
    let sender = login_of(&txn, actor).await?;
    let mail = compose(&InvitationMail {
        contact: &contact,
        organization: &organization,
        token: &token.token,
        expires_at: invitation.expires_at,
        message: &invitation.message,
        sender: &sender,
    });
    outbox::enqueue_invitation(&txn, mail, &contact, now).await?;
    let changes = [
        change("email", "", contact.email.clone()),
        change("profiles", "", profile_codes(&txn, &profiles).await?),
    ];
    record(&txn, &contact, actor, now, Kind::InvitationResent, &changes).await?;
    txn.commit().await?;
    Ok(Sent {
        invitation,
        token: token.token,
    })
}

/// Why a link does not work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Unknown,
    Expired,
    Retracted,
    Used,
    /// Its sender no longer administers the module of one of the profiles it grants (or no
    /// longer acts for the organisation): a current administrator must send it again.
    SenderCannotGrant,
}

/// What an invitation link leads to, before it is accepted.
#[derive(Clone, Debug)]
pub struct Opened {
    pub invitation: invitation::Model,
    /// The profiles it grants.
    pub profile_ids: Vec<i32>,
    pub contact: contact::Model,
    pub organization: organization::Model,
}

/// Finds the invitation of a link, or says why it does not work. A pending invitation past
/// its date is expired even before the periodic task marks it; one whose sender may no longer
/// grant its profiles does not work either.
pub async fn open<C: ConnectionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Result<Opened, Refusal>, Error> {
    if token.is_empty() || token.len() > MAX_TOKEN_LEN {
        return Ok(Err(Refusal::Unknown));
    }
    let Some(invitation) = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(hash_token(token)))
        .one(db)
        .await?
    else {
        return Ok(Err(Refusal::Unknown));
    };
    let refusal = match invitation.status {
        Status::Pending if invitation.expires_at > now => None,
        Status::Pending | Status::Expired => Some(Refusal::Expired),
        Status::Accepted => Some(Refusal::Used),
        Status::Retracted => Some(Refusal::Retracted),
    };
    if let Some(refusal) = refusal {
        return Ok(Err(refusal));
    }
    let Some(contact) = contact::Entity::find_by_id(invitation.contact_id)
        .one(db)
        .await?
    else {
        return Ok(Err(Refusal::Unknown));
    };
    let profile_ids = profile_ids_of(db, invitation.id).await?;
    let Some(sender) = invitation.sent_by else {
        return Ok(Err(Refusal::SenderCannotGrant));
    };
    match grantable_by(db, sender, contact.organization_id, &profile_ids).await {
        Ok(_) => {}
        Err(Error::NotGrantable { .. }) => return Ok(Err(Refusal::SenderCannotGrant)),
        Err(err) => return Err(err),
    }
    let organization = crate::contacts::organization(db, contact.organization_id).await?;
    Ok(Ok(Opened {
        invitation,
        profile_ids,
        contact,
        organization,
    }))
}

/// The language of an administrator's own contact record in the organisation.
async fn language_in<C: ConnectionTrait>(
    db: &C,
    account_id: i32,
    organization_id: i32,
) -> Result<Language, Error> {
    Ok(contact::Entity::find()
        .filter(contact::Column::AccountId.eq(account_id))
        .filter(contact::Column::OrganizationId.eq(organization_id))
        .one(db)
        .await?
        .map(|c| c.language)
        .unwrap_or_default())
}

/// Writes the notice to the administrator who sent `invitation`, if they are known.
async fn notify_sender<C: ConnectionTrait>(
    txn: &C,
    invitation: &invitation::Model,
    contact: &contact::Model,
    kind: &str,
    now: DateTime<Utc>,
    compose: impl FnOnce(&NoticeMail) -> Mail,
) -> Result<(), Error> {
    let Some(sender) = invitation.sent_by else {
        return Ok(());
    };
    let to = login_of(txn, sender).await?;
    if to.is_empty() {
        return Ok(());
    }
    let language = language_in(txn, sender, contact.organization_id).await?;
    let organization = crate::contacts::organization(txn, contact.organization_id).await?;
    let mail = compose(&NoticeMail {
        contact,
        organization: &organization,
        to: &to,
        language,
        at: now,
    });
    outbox::enqueue(txn, mail, kind, contact.organization_id, None, now).await
}

/// Who accepts an invitation.
#[derive(Clone, Debug)]
pub enum Acceptor<'a> {
    /// A signed-in account.
    Account(i32),
    /// A new account of the demo identity provider, opened in the same transaction: a link
    /// that does not work, or that another request used first, opens none.
    New {
        email: &'a str,
        password_hash: String,
    },
}

/// [`accept_by`] the signed-in `account_id`.
pub async fn accept(
    db: &DatabaseConnection,
    token: &str,
    account_id: i32,
    now: DateTime<Utc>,
    compose: impl FnOnce(&NoticeMail) -> Mail,
) -> Result<Result<contact::Model, Refusal>, Error> {
    accept_by(db, token, Acceptor::Account(account_id), now, compose).await
}

/// Accepts the invitation of `token` for `acceptor`: the account is linked to the contact,
/// the profiles granted (once [`open`] has checked, in the same transaction, that its sender
/// may still grant them), the invitation used up, the sender notified. Returns the contact,
/// or why the link does not work (then nothing changed, and no account was opened).
pub async fn accept_by(
    db: &DatabaseConnection,
    token: &str,
    acceptor: Acceptor<'_>,
    now: DateTime<Utc>,
    compose: impl FnOnce(&NoticeMail) -> Mail,
) -> Result<Result<contact::Model, Refusal>, Error> {
    let txn = crate::begin_write(db).await?;
    let opened = match open(&txn, token, now).await? {
        Ok(opened) => opened,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let Opened {
        invitation,
        profile_ids: profiles,
        contact,
        ..
    } = opened;
    // Single use, even when two tabs accept at once: only one moves it out of `pending`, and
    // the others, queued behind it, are told it was used before they open an account.
    let used = invitation::Entity::update_many()
        .col_expr(invitation::Column::Status, Expr::value(Status::Accepted))
        .col_expr(invitation::Column::ClosedAt, Expr::value(now))
        .filter(invitation::Column::Id.eq(invitation.id))
        .filter(invitation::Column::Status.eq(Status::Pending))
        .exec(&txn)
        .await?;
    if used.rows_affected == 0 {
        return Ok(Err(Refusal::Used));
    }
    let account_id = match acceptor {
        Acceptor::Account(id) => id,
        Acceptor::New {
            email,
            password_hash,
        } => {
            crate::auth::insert_account(&txn, email, password_hash, now)
                .await?
                .id
        }
    };
    invitation::Entity::update_many()
        .col_expr(invitation::Column::ClosedBy, Expr::value(account_id))
        .filter(invitation::Column::Id.eq(invitation.id))
        .exec(&txn)
        .await?;
    let contact = claim(&txn, contact.organization_id, contact.id, now).await?;
    if !contact.active || contact.account_id.is_some() {
        return Ok(Err(Refusal::Retracted));
    }
    let already_member = contact::Entity::find()
        .filter(contact::Column::OrganizationId.eq(contact.organization_id))
        .filter(contact::Column::AccountId.eq(account_id))
        .one(&txn)
        .await?
        .is_some();
    if already_member {
        return Err(Error::Conflict("account already acts for the organisation"));
    }
    contact::Entity::update_many()
        .col_expr(contact::Column::AccountId, Expr::value(account_id))
        .filter(contact::Column::Id.eq(contact.id))
        .exec(&txn)
        .await?;
    contact_profile::Entity::delete_many()
        .filter(contact_profile::Column::ContactId.eq(contact.id))
        .exec(&txn)
        .await?;
    for profile_id in &profiles {
        contact_profile::ActiveModel {
            contact_id: Set(contact.id),
            profile_id: Set(*profile_id),
        }
        .insert(&txn)
        .await?;
    }
    let login = login_of(&txn, account_id).await?;
    let changes = [
        change("access", "false", "true"),
        change("user_id", "", login),
        change("profiles", "", profile_codes(&txn, &profiles).await?),
    ];
    record(
        &txn,
        &contact,
        account_id,
        now,
        Kind::InvitationAccepted,
        &changes,
    )
    .await?;
    notify_sender(
        &txn,
        &invitation,
        &contact,
        outbox::kind::INVITATION_ACCEPTED,
        now,
        compose,
    )
    .await?;
    txn.commit().await?;
    let linked = contact::Entity::find_by_id(contact.id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Ok(linked))
}

/// Marks every pending invitation past its date as expired, records it in the contact's
/// history and writes the notice to its sender. Returns how many expired.
pub async fn expire_due(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    compose: impl Fn(&NoticeMail) -> Mail,
) -> Result<usize, Error> {
    let due = invitation::Entity::find()
        .filter(invitation::Column::Status.eq(Status::Pending))
        .filter(invitation::Column::ExpiresAt.lte(now))
        .all(db)
        .await?;
    let mut expired = 0;
    for invitation in due {
        let txn = crate::begin_write(db).await?;
        let marked = invitation::Entity::update_many()
            .col_expr(invitation::Column::Status, Expr::value(Status::Expired))
            .col_expr(
                invitation::Column::ClosedAt,
                Expr::value(invitation.expires_at),
            )
            .filter(invitation::Column::Id.eq(invitation.id))
            .filter(invitation::Column::Status.eq(Status::Pending))
            .exec(&txn)
            .await?;
        if marked.rows_affected == 0 {
            continue;
        }
        let Some(contact) = contact::Entity::find_by_id(invitation.contact_id)
            .one(&txn)
            .await?
        else {
            continue;
        };
        let changes = [change(
            "invitation",
            Status::Pending.to_value(),
            Status::Expired.to_value(),
        )];
        record(&txn, &contact, None, now, Kind::InvitationExpired, &changes).await?;
        notify_sender(
            &txn,
            &invitation,
            &contact,
            outbox::kind::INVITATION_EXPIRED,
            now,
            &compose,
        )
        .await?;
        txn.commit().await?;
        expired += 1;
    }
    Ok(expired)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(module: &str) -> security_profile::Model {
        security_profile::Model {
            id: 1,
            code: format!("{module}_USER"),
            label_fr: String::new(),
            label_en: String::new(),
            module: module.into(),
            is_admin: false,
            sort_order: 0,
        }
    }

    #[test]
    fn tokens_are_43_url_safe_characters_and_differ() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_eq!(a.token.len(), 43);
        assert!(
            a.token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_ne!(a.token, b.token);
        assert_eq!(URL_SAFE_NO_PAD.decode(&a.token).unwrap().len(), 32);
    }

    #[test]
    fn only_the_hash_of_a_token_is_kept() {
        let t = new_token().unwrap();
        assert_eq!(t.hash, hash_token(&t.token));
        assert_eq!(t.hash.len(), 64);
        assert!(!t.hash.contains(&t.token));
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn admins_grant_only_the_profiles_of_their_modules() {
        let gec_and_efo = vec!["EFO".to_string(), "GEC".to_string()];
        let efo_only = vec!["EFO".to_string()];
        assert!(may_grant(&gec_and_efo, &profile("GEC")));
        assert!(may_grant(&gec_and_efo, &profile("EFO")));
        assert!(!may_grant(&gec_and_efo, &profile("CPEP")));
        assert!(may_grant(&efo_only, &profile("EFO")));
        assert!(!may_grant(&efo_only, &profile("GEC")));
        assert!(!may_grant(&[], &profile("EFO")));
    }

    #[test]
    fn one_profile_of_another_module_refuses_the_set_naming_it() {
        let efo_only = vec!["EFO".to_string()];
        assert!(check_grant(&efo_only, &[profile("EFO")]).is_ok());
        assert!(check_grant(&efo_only, &[]).is_ok());
        let err = check_grant(&efo_only, &[profile("EFO"), profile("GEC")]).unwrap_err();
        assert!(
            matches!(&err, Error::NotGrantable { module } if module == "GEC"),
            "{err:?}"
        );
    }
}
