//! Changing an organisation's contacts: creating and saving them with the version check, the
//! one-primary rule, what deactivation ends (a pending invitation, portal access), and the
//! contact's history written in the same transaction as each change.

use crate::Error;
use crate::entity::contact::Language;
use crate::entity::contact_event::Kind;
use crate::entity::invitation::Status;
use crate::entity::{
    account, contact, contact_event, contact_profile, invitation, office_location, organization,
    security_profile,
};
use crate::text::{email_key, name_key};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, SqlErr,
};
use serde::{Deserialize, Serialize};

/// What a contact's details form saves, already validated by the caller.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactData {
    pub last_name: String,
    pub first_name: String,
    pub email: String,
    pub title: String,
    pub phone: String,
    pub phone_ext: String,
    pub cell_phone: String,
    pub language: Language,
    pub active: bool,
    pub is_primary: bool,
    /// An office code of the organisation, or empty.
    pub office_location: String,
    pub fte_hundredths: Option<i32>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub position_type: String,
}

impl From<&contact::Model> for ContactData {
    fn from(c: &contact::Model) -> Self {
        Self {
            last_name: c.last_name.clone(),
            first_name: c.first_name.clone(),
            email: c.email.clone(),
            title: c.title.clone(),
            phone: c.phone.clone(),
            phone_ext: c.phone_ext.clone(),
            cell_phone: c.cell_phone.clone(),
            language: c.language,
            active: c.active,
            is_primary: c.is_primary,
            office_location: c.office_location.clone(),
            fte_hundredths: c.fte_hundredths,
            start_date: c.start_date,
            end_date: c.end_date,
            position_type: c.position_type.clone(),
        }
    }
}

impl ContactData {
    /// Each field as the history records it, by the id of the form control that edits it, in
    /// the form's order.
    pub fn recorded(&self) -> [(&'static str, String); 15] {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        [
            ("last_name", self.last_name.clone()),
            ("first_name", self.first_name.clone()),
            ("email", self.email.clone()),
            ("title", self.title.clone()),
            ("phone", self.phone.clone()),
            ("phone_ext", self.phone_ext.clone()),
            ("cell_phone", self.cell_phone.clone()),
            ("language", self.language.to_value()),
            ("active", self.active.to_string()),
            ("is_primary", self.is_primary.to_string()),
            ("office_location", self.office_location.clone()),
            (
                "fte",
                self.fte_hundredths
                    .map(|h| format!("{}.{:02}", h / 100, h % 100))
                    .unwrap_or_default(),
            ),
            ("start_date", date(self.start_date)),
            ("position_type", self.position_type.clone()),
            ("end_date", date(self.end_date)),
        ]
    }

    fn apply(&self, m: &mut contact::ActiveModel) {
        m.last_name = Set(self.last_name.clone());
        m.first_name = Set(self.first_name.clone());
        m.last_name_key = Set(name_key(&self.last_name));
        m.first_name_key = Set(name_key(&self.first_name));
        m.email = Set(self.email.clone());
        m.email_key = Set(email_key(&self.email));
        m.title = Set(self.title.clone());
        m.phone = Set(self.phone.clone());
        m.phone_ext = Set(self.phone_ext.clone());
        m.cell_phone = Set(self.cell_phone.clone());
        m.language = Set(self.language);
        m.active = Set(self.active);
        m.is_primary = Set(self.is_primary);
        m.office_location = Set(self.office_location.clone());
        m.fte_hundredths = Set(self.fte_hundredths);
        m.start_date = Set(self.start_date);
        m.end_date = Set(self.end_date);
        m.position_type = Set(self.position_type.clone());
    }
}

/// One field of a change, as the history keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub from: String,
    pub to: String,
}

pub(crate) fn change(field: &str, from: impl Into<String>, to: impl Into<String>) -> Change {
    Change {
        field: field.into(),
        from: from.into(),
        to: to.into(),
    }
}

fn diff(before: &ContactData, after: &ContactData) -> Vec<Change> {
    before
        .recorded()
        .into_iter()
        .zip(after.recorded())
        .filter(|((_, from), (_, to))| from != to)
        .map(|((field, from), (_, to))| change(field, from, to))
        .collect()
}

/// Writes an entry of the contact's history; `actor` is none when the system acted.
pub(crate) async fn record<C: ConnectionTrait>(
    db: &C,
    contact: &contact::Model,
    actor: impl Into<Option<i32>>,
    at: DateTime<Utc>,
    kind: Kind,
    changes: &[Change],
) -> Result<(), Error> {
    contact_event::ActiveModel {
        contact_id: Set(contact.id),
        organization_id: Set(contact.organization_id),
        actor_id: Set(actor.into()),
        at: Set(at),
        kind: Set(kind),
        changes: Set(serde_json::to_string(changes).map_err(|err| Error::History(err.to_string()))?),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A unique index refused the write: another write of the same moment took the email or made
/// another contact primary (a taken email found before the write is [`Error::DuplicateEmail`]).
fn refused(err: DbErr) -> Error {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => Error::Conflict("contact"),
        _ => Error::Db(err),
    }
}

/// Refuses an email another contact of the organisation already has (compared as
/// [`email_key`] folds it), `except` the contact being saved.
async fn check_email_free<C: ConnectionTrait>(
    txn: &C,
    organization_id: i32,
    email: &str,
    except: Option<i32>,
) -> Result<(), Error> {
    let mut taken = contact::Entity::find()
        .filter(contact::Column::OrganizationId.eq(organization_id))
        .filter(contact::Column::EmailKey.eq(email_key(email)));
    if let Some(id) = except {
        taken = taken.filter(contact::Column::Id.ne(id));
    }
    if taken.count(txn).await? > 0 {
        Err(Error::DuplicateEmail)
    } else {
        Ok(())
    }
}

/// The contact `id` of the organisation; another organisation's contact is not found.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    organization_id: i32,
    id: i32,
) -> Result<contact::Model, Error> {
    contact::Entity::find_by_id(id)
        .filter(contact::Column::OrganizationId.eq(organization_id))
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

/// The organisation's primary contact, if it has one.
pub async fn primary<C: ConnectionTrait>(
    db: &C,
    organization_id: i32,
) -> Result<Option<contact::Model>, Error> {
    Ok(contact::Entity::find()
        .filter(contact::Column::OrganizationId.eq(organization_id))
        .filter(contact::Column::IsPrimary.eq(true))
        .one(db)
        .await?)
}

/// The organisation's offices, by name.
pub async fn office_locations<C: ConnectionTrait>(
    db: &C,
    organization_id: i32,
) -> Result<Vec<office_location::Model>, Error> {
    Ok(office_location::Entity::find()
        .filter(office_location::Column::OrganizationId.eq(organization_id))
        .order_by_asc(office_location::Column::Name)
        .all(db)
        .await?)
}

/// Unsets the organisation's primary contact (other than `except`), recording it.
async fn demote_primary<C: ConnectionTrait>(
    db: &C,
    organization_id: i32,
    except: Option<i32>,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let Some(previous) = primary(db, organization_id)
        .await?
        .filter(|p| Some(p.id) != except)
    else {
        return Ok(());
    };
    contact::Entity::update_many()
        .col_expr(contact::Column::IsPrimary, Expr::value(false))
        .col_expr(
            contact::Column::Version,
            Expr::col(contact::Column::Version).add(1),
        )
        .col_expr(contact::Column::UpdatedAt, Expr::value(now))
        .filter(contact::Column::Id.eq(previous.id))
        .exec(db)
        .await?;
    record(
        db,
        &previous,
        actor,
        now,
        Kind::NoLongerPrimary,
        &[change("is_primary", "true", "false")],
    )
    .await
}

/// The codes of these profiles, in catalogue order, comma-separated: how the history keeps
/// a set of profiles.
pub(crate) async fn profile_codes<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
) -> Result<String, Error> {
    let codes: Vec<String> = security_profile::Entity::find()
        .filter(security_profile::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(security_profile::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.code)
        .collect();
    Ok(codes.join(","))
}

/// Retracts the contact's pending invitation, if any: its link stops working at once.
async fn retract_pending<C: ConnectionTrait>(
    db: &C,
    contact: &contact::Model,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<Option<Change>, Error> {
    let retracted = invitation::Entity::update_many()
        .col_expr(invitation::Column::Status, Expr::value(Status::Retracted))
        .col_expr(invitation::Column::ClosedBy, Expr::value(actor))
        .col_expr(invitation::Column::ClosedAt, Expr::value(now))
        .filter(invitation::Column::ContactId.eq(contact.id))
        .filter(invitation::Column::Status.eq(Status::Pending))
        .exec(db)
        .await?;
    Ok((retracted.rows_affected > 0).then(|| {
        change(
            "invitation",
            Status::Pending.to_value(),
            Status::Retracted.to_value(),
        )
    }))
}

/// Removes the contact's security profiles and unlinks its identity account (the caller
/// saves the unlinked contact). Its sessions for the organisation end with their next
/// request, which re-checks the membership.
async fn revoke_access<C: ConnectionTrait>(
    db: &C,
    contact: &contact::Model,
) -> Result<Vec<Change>, Error> {
    let mut changes = Vec::new();
    let granted: Vec<i32> = contact_profile::Entity::find()
        .filter(contact_profile::Column::ContactId.eq(contact.id))
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.profile_id)
        .collect();
    if !granted.is_empty() {
        let codes = profile_codes(db, &granted).await?;
        contact_profile::Entity::delete_many()
            .filter(contact_profile::Column::ContactId.eq(contact.id))
            .exec(db)
            .await?;
        changes.push(change("profiles", codes, ""));
    }
    if contact.account_id.is_some() {
        changes.push(change("access", "true", "false"));
    }
    Ok(changes)
}

/// The modules of the administrator profiles granted to the contacts that meet `contacts`.
async fn admin_modules<C: ConnectionTrait>(
    db: &C,
    contacts: sea_orm::Condition,
) -> Result<Vec<String>, Error> {
    let contacts = sea_orm::sea_query::Query::select()
        .column(contact::Column::Id)
        .from(contact::Entity)
        .cond_where(contacts)
        .to_owned();
    let mut modules: Vec<String> = security_profile::Entity::find()
        .filter(security_profile::Column::IsAdmin.eq(true))
        .filter(
            security_profile::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(contact_profile::Column::ProfileId)
                    .from(contact_profile::Entity)
                    .and_where(contact_profile::Column::ContactId.in_subquery(contacts))
                    .to_owned(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.module)
        .collect();
    modules.sort();
    modules.dedup();
    Ok(modules)
}

/// Whether ending `contact`'s access (removing it, or deactivating the contact) is `actor`'s
/// to do: a person who administers a module is an administrator of that module's business,
/// whose access only another administrator of that module ends; and no module of the
/// organisation is left without an active administrator with access, as the organisation
/// is never left without its primary contact. Takes the organisation's row lock first, so
/// that two administrators removing each other at the same moment cannot both succeed.
async fn check_admin_removal<C: ConnectionTrait>(
    db: &C,
    contact: &contact::Model,
    actor: i32,
) -> Result<(), Error> {
    use sea_orm::Condition;
    if contact.account_id.is_none() {
        return Ok(());
    }
    let held = admin_modules(db, Condition::all().add(contact::Column::Id.eq(contact.id))).await?;
    if held.is_empty() {
        return Ok(());
    }
    let administered = admin_modules(
        db,
        Condition::all()
            .add(contact::Column::OrganizationId.eq(contact.organization_id))
            .add(contact::Column::AccountId.eq(actor)),
    )
    .await?;
    if let Some(module) = held.iter().find(|m| !administered.contains(m)) {
        return Err(Error::AdministersOtherModule {
            module: module.clone(),
        });
    }
    organization::Entity::update_many()
        .col_expr(
            organization::Column::Name,
            Expr::col(organization::Column::Name),
        )
        .filter(organization::Column::Id.eq(contact.organization_id))
        .exec(db)
        .await?;
    let others = admin_modules(
        db,
        Condition::all()
            .add(contact::Column::OrganizationId.eq(contact.organization_id))
            .add(contact::Column::Id.ne(contact.id))
            .add(contact::Column::Active.eq(true))
            .add(contact::Column::AccountId.is_not_null()),
    )
    .await?;
    match held.into_iter().find(|m| !others.contains(m)) {
        Some(module) => Err(Error::LastModuleAdmin { module }),
        None => Ok(()),
    }
}

/// Ends what a deactivated contact had: its pending invitation and its portal access.
async fn end_access<C: ConnectionTrait>(
    db: &C,
    contact: &contact::Model,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<Vec<Change>, Error> {
    let mut changes: Vec<Change> = retract_pending(db, contact, actor, now)
        .await?
        .into_iter()
        .collect();
    changes.extend(revoke_access(db, contact).await?);
    Ok(changes)
}

/// Claims the contact for a change (its version goes up, so a form opened before is stale)
/// and returns it as it is now; another organisation's contact is not found.
pub(crate) async fn claim<C: ConnectionTrait>(
    db: &C,
    organization_id: i32,
    id: i32,
    now: DateTime<Utc>,
) -> Result<contact::Model, Error> {
    claim_at(db, organization_id, id, None, now).await
}

/// [`claim`], and when `version` is given, only if the contact is still at that version: a
/// change based on an older one changes nothing and gets [`Error::Stale`], which names who
/// changed the contact since and when. The claim comes before any read, so that two changes
/// of one contact queue for its write lock rather than deadlock.
async fn claim_at<C: ConnectionTrait>(
    db: &C,
    organization_id: i32,
    id: i32,
    version: Option<i32>,
    now: DateTime<Utc>,
) -> Result<contact::Model, Error> {
    let mut claim = contact::Entity::update_many()
        .col_expr(
            contact::Column::Version,
            Expr::col(contact::Column::Version).add(1),
        )
        .col_expr(contact::Column::UpdatedAt, Expr::value(now))
        .filter(contact::Column::Id.eq(id))
        .filter(contact::Column::OrganizationId.eq(organization_id));
    if let Some(version) = version {
        claim = claim.filter(contact::Column::Version.eq(version));
    }
    if claim.exec(db).await?.rows_affected == 0 {
        // Not found if the contact is not the organisation's; else its version has moved on.
        let current = find(db, organization_id, id).await?;
        let (by, at) = last_change(db, &current).await?;
        return Err(Error::Stale { by, at });
    }
    find(db, organization_id, id).await
}

/// Retracts the contact's pending invitation (« Invitation au LaMPSS retirée »). A contact
/// with no pending invitation (e.g. retracted by someone else meanwhile) is a conflict.
pub async fn retract_invitation(
    db: &DatabaseConnection,
    organization_id: i32,
    actor: i32,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let txn = crate::begin_write(db).await?;
    let contact = claim(&txn, organization_id, id, now).await?;
    let Some(change) = retract_pending(&txn, &contact, actor, now).await? else {
        return Err(Error::Conflict("no pending invitation"));
    };
    record(
        &txn,
        &contact,
        actor,
        now,
        Kind::InvitationRetracted,
        &[change],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes the contact's portal access (« Supprimer l'accès au LaMPSS »): profiles cleared,
/// identity account unlinked. A contact without access is a conflict.
pub async fn remove_access(
    db: &DatabaseConnection,
    organization_id: i32,
    actor: i32,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let txn = crate::begin_write(db).await?;
    let contact = claim(&txn, organization_id, id, now).await?;
    if contact.account_id.is_none() {
        return Err(Error::Conflict("no portal access"));
    }
    check_admin_removal(&txn, &contact, actor).await?;
    let changes = revoke_access(&txn, &contact).await?;
    contact::Entity::update_many()
        .col_expr(contact::Column::AccountId, Expr::value(Option::<i32>::None))
        .filter(contact::Column::Id.eq(contact.id))
        .exec(&txn)
        .await?;
    record(&txn, &contact, actor, now, Kind::AccessRemoved, &changes).await?;
    txn.commit().await?;
    Ok(())
}

/// What deactivating the contact would also end: (has a pending invitation, has access).
pub async fn access_at_stake<C: ConnectionTrait>(
    db: &C,
    contact: &contact::Model,
) -> Result<(bool, bool), Error> {
    let pending = invitation::Entity::find()
        .filter(invitation::Column::ContactId.eq(contact.id))
        .filter(invitation::Column::Status.eq(Status::Pending))
        .one(db)
        .await?
        .is_some();
    Ok((pending, contact.account_id.is_some()))
}

fn check_primary(data: &ContactData) -> Result<(), Error> {
    if data.is_primary && !data.active {
        return Err(Error::PrimaryInactive);
    }
    Ok(())
}

/// Adds a contact to the organisation. Making it primary unsets the previous primary contact
/// in the same transaction.
pub async fn create(
    db: &DatabaseConnection,
    organization_id: i32,
    actor: i32,
    data: &ContactData,
    now: DateTime<Utc>,
) -> Result<contact::Model, Error> {
    let txn = crate::begin_write(db).await?;
    let created = insert(&txn, organization_id, actor, data, now).await?;
    txn.commit().await?;
    Ok(created)
}

/// Adds the contact within the caller's transaction, with its history entry.
pub(crate) async fn insert<C: ConnectionTrait>(
    txn: &C,
    organization_id: i32,
    actor: i32,
    data: &ContactData,
    now: DateTime<Utc>,
) -> Result<contact::Model, Error> {
    check_primary(data)?;
    check_email_free(txn, organization_id, &data.email, None).await?;
    if data.is_primary {
        demote_primary(txn, organization_id, None, actor, now).await?;
    }
    let mut model = contact::ActiveModel {
        organization_id: Set(organization_id),
        account_id: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    data.apply(&mut model);
    let created = model.insert(txn).await.map_err(refused)?;
    let changes: Vec<Change> = data
        .recorded()
        .into_iter()
        // What the contact has: unchecked boxes and empty fields are left out.
        .filter(|(_, value)| !value.is_empty() && value != "false")
        .map(|(field, value)| change(field, "", value))
        .collect();
    record(txn, &created, actor, now, Kind::Created, &changes).await?;
    Ok(created)
}

/// A contact just saved.
#[derive(Clone, Debug)]
pub struct Saved {
    /// As saved: its version is one more than the form's.
    pub contact: contact::Model,
    /// Its pending invitation was retracted because its email changed: the link had gone to
    /// the old address.
    pub invitation_retracted: bool,
}

/// Whether two emails are one address for an invitation's link: the same once trimmed and
/// compared without regard to letter case.
fn same_address(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Saves the contact `id`, provided it is still at `version` (else [`Error::Stale`] names who
/// changed it and when). A new email retracts the contact's pending invitation in the same
/// transaction (its link went to the old address); its profiles and message stay on it for a
/// later invitation.
pub async fn update(
    db: &DatabaseConnection,
    organization_id: i32,
    actor: i32,
    id: i32,
    version: i32,
    data: &ContactData,
    now: DateTime<Utc>,
) -> Result<Saved, Error> {
    check_primary(data)?;
    let txn = crate::begin_write(db).await?;
    let before = claim_at(&txn, organization_id, id, Some(version), now).await?;
    if before.is_primary && !data.is_primary {
        return Err(Error::PrimaryRequired);
    }
    check_email_free(&txn, organization_id, &data.email, Some(id)).await?;
    if data.is_primary && !before.is_primary {
        demote_primary(&txn, organization_id, Some(id), actor, now).await?;
    }
    let mut changes = diff(&ContactData::from(&before), data);
    let deactivating = before.active && !data.active;
    let mut model: contact::ActiveModel = before.clone().into();
    data.apply(&mut model);
    model.updated_at = Set(now);
    let mut invitation_retracted = false;
    if deactivating {
        check_admin_removal(&txn, &before, actor).await?;
        changes.extend(end_access(&txn, &before, actor, now).await?);
        model.account_id = Set(None);
    } else if !same_address(&before.email, &data.email)
        && let Some(retracted) = retract_pending(&txn, &before, actor, now).await?
    {
        changes.push(retracted);
        invitation_retracted = true;
    }
    let saved = model.update(&txn).await.map_err(refused)?;
    let kind = if deactivating {
        Kind::Deactivated
    } else if !before.active && data.active {
        Kind::Reactivated
    } else if data.is_primary && !before.is_primary {
        Kind::MadePrimary
    } else {
        Kind::Updated
    };
    if !changes.is_empty() {
        record(&txn, &saved, actor, now, kind, &changes).await?;
    }
    txn.commit().await?;
    Ok(Saved {
        contact: saved,
        invitation_retracted,
    })
}

/// Who last changed the contact (their login, when known) and when.
async fn last_change<C: ConnectionTrait>(
    db: &C,
    contact: &contact::Model,
) -> Result<(Option<String>, DateTime<Utc>), Error> {
    let event = contact_event::Entity::find()
        .filter(contact_event::Column::ContactId.eq(contact.id))
        .filter(contact_event::Column::Kind.is_not_in(Kind::SIGN_IN))
        .order_by_desc(contact_event::Column::At)
        .order_by_desc(contact_event::Column::Id)
        .one(db)
        .await?;
    let Some(event) = event else {
        return Ok((None, contact.updated_at));
    };
    let by = match event.actor_id {
        Some(actor) => account::Entity::find_by_id(actor)
            .one(db)
            .await?
            .map(|a| a.login()),
        None => None,
    };
    Ok((by, event.at))
}

/// One entry of a contact's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub kind: Kind,
    /// The login of the account that acted; none when the system did.
    pub actor: Option<String>,
    pub changes: Vec<Change>,
}

/// The contact's history, newest first (its sign-ins are the activity log's).
pub async fn history<C: ConnectionTrait>(
    db: &C,
    organization_id: i32,
    id: i32,
) -> Result<Vec<HistoryEntry>, Error> {
    let events = contact_event::Entity::find()
        .filter(contact_event::Column::ContactId.eq(id))
        .filter(contact_event::Column::OrganizationId.eq(organization_id))
        .filter(contact_event::Column::Kind.is_not_in(Kind::SIGN_IN))
        .order_by_desc(contact_event::Column::At)
        .order_by_desc(contact_event::Column::Id)
        .all(db)
        .await?;
    let actor_ids: Vec<i32> = events.iter().filter_map(|e| e.actor_id).collect();
    let actors: std::collections::HashMap<i32, String> = account::Entity::find()
        .filter(account::Column::Id.is_in(actor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.login()))
        .collect();
    events
        .into_iter()
        .map(|e| {
            Ok(HistoryEntry {
                at: e.at,
                actor: e.actor_id.and_then(|id| actors.get(&id).cloned()),
                changes: serde_json::from_str(&e.changes)
                    .map_err(|err| Error::History(err.to_string()))?,
                kind: e.kind,
            })
        })
        .collect()
}
