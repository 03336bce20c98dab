//! The server side of the details form: every call re-checks who calls, that they administer
//! the organisation they act for (for writes), that the contact is the organisation's, and
//! every field, with the same parsing the browser runs.

use crate::contacts::dto::{
    ChangeItem, ContactDetails, FormSettings, HistoryItem, HistoryKind, OfficeChoice, SavedContact,
};
use crate::contacts::form::{ContactInput, FormRules, ValidContact};
use crate::domain::{ContactId, Fte, Language, Localized, localized_date_time};
use crate::error::{AppError, Field, ValidationCode};
use crate::server::{Call, Caller, admin, member};
use db::DatabaseConnection;
use db::contacts::edit::{self as store, ContactData};
use db::entity::contact;
use db::entity::contact_event::Kind as EventKind;

async fn settings(
    db: &DatabaseConnection,
    caller: &Caller,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<FormSettings, AppError> {
    let org = &caller.membership.organization;
    let offices = store::office_locations(db, org.id).await?;
    let primary = store::primary(db, org.id).await?.map(|p| {
        (
            ContactId(p.id),
            format!("{}, {}", p.last_name, p.first_name),
        )
    });
    let today = now
        .with_timezone(&chrono_tz::America::Halifax)
        .date_naive()
        .to_string();
    Ok(FormSettings {
        requires_job: org.provides_case_management,
        office_locations: offices
            .into_iter()
            .map(|o| OfficeChoice {
                code: o.code,
                name: o.name,
            })
            .collect(),
        primary,
        today,
        can_edit: caller.membership.is_admin(),
    })
}

/// What the « Ajouter une personne-ressource » form needs. Administrators only.
#[tracing::instrument(name = "new_contact_form", skip_all)]
pub async fn new_form() -> Result<FormSettings, AppError> {
    let Call {
        caller, db, now, ..
    } = admin().await?;
    settings(&db, &caller, now).await
}

fn input_of(c: &contact::Model) -> ContactInput {
    ContactInput {
        last_name: c.last_name.clone(),
        first_name: c.first_name.clone(),
        email: c.email.clone(),
        title: c.title.clone(),
        phone: c.phone.clone(),
        phone_ext: c.phone_ext.clone(),
        cell_phone: c.cell_phone.clone(),
        language: Language::from(c.language).code().into(),
        active: c.active,
        is_primary: c.is_primary,
        office_location: c.office_location.clone(),
        fte: c
            .fte_hundredths
            .and_then(Fte::from_hundredths)
            .map(|f| f.to_string())
            .unwrap_or_default(),
        start_date: c.start_date.map(|d| d.to_string()).unwrap_or_default(),
        end_date: c.end_date.map(|d| d.to_string()).unwrap_or_default(),
        position_type: c.position_type.clone(),
    }
}

/// One contact of the organisation acted for, with its history; any member may read it.
#[tracing::instrument(name = "get_contact", skip_all, fields(id = id.0))]
pub async fn details(id: ContactId) -> Result<ContactDetails, AppError> {
    let id = id.0;
    let Call {
        caller, db, now, ..
    } = member().await?;
    let org = caller.organization_id();
    let c = store::find(&db, org, id).await?;
    let (pending_invitation, _) = store::access_at_stake(&db, &c).await?;
    let user_id = match c.account_id {
        Some(account) => Some(db::auth::account(&db, account).await?.email),
        None => None,
    };
    let settings = settings(&db, &caller, now).await?;
    // Sending again applies the rule sending does: this administrator may grant them all.
    let (resend_until, resend_blocked_by) = match db::invitations::resendable(&db, &c).await? {
        None => (None, None),
        Some((_, profiles)) => {
            match db::invitations::grantable_by(&db, caller.account_id, org, &profiles).await {
                Ok(_) => (
                    Some(crate::domain::localized_date(
                        now + db::invitations::VALID_FOR,
                    )),
                    None,
                ),
                Err(db::Error::NotGrantable { module }) => (None, Some(module)),
                Err(err) => return Err(err.into()),
            }
        }
    };
    let offices = settings.office_locations.clone();
    let profiles = db::contacts::profile_catalogue(&db).await?;
    let readable = |field: &str, raw: String| -> Localized {
        match field {
            "office_location" => offices
                .iter()
                .find(|o| o.code == raw)
                .map(|o| Localized {
                    fr: o.name.clone(),
                    en: o.name.clone(),
                })
                .unwrap_or(Localized {
                    fr: raw.clone(),
                    en: raw,
                }),
            "profiles" => {
                let labels = |fr: bool| {
                    raw.split(',')
                        .filter(|code| !code.is_empty())
                        .map(|code| {
                            profiles
                                .iter()
                                .find(|p| p.code == code)
                                .map(|p| if fr { &p.label_fr } else { &p.label_en })
                                .map_or(code.to_string(), String::clone)
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                Localized {
                    fr: labels(true),
                    en: labels(false),
                }
            }
            _ => Localized {
                fr: raw.clone(),
                en: raw,
            },
        }
    };
    let history = store::history(&db, org, id)
        .await?
        .into_iter()
        .map(|entry| HistoryItem {
            at: localized_date_time(entry.at),
            kind: history_kind(entry.kind),
            actor: entry.actor,
            changes: entry
                .changes
                .into_iter()
                .map(|ch| ChangeItem {
                    from: readable(&ch.field, ch.from),
                    to: readable(&ch.field, ch.to),
                    field: ch.field,
                })
                .collect(),
        })
        .collect();
    Ok(ContactDetails {
        id: ContactId(c.id),
        version: c.version,
        input: input_of(&c),
        user_id,
        pending_invitation,
        is_self: c.id == caller.membership.contact_id,
        resend_until,
        resend_blocked_by,
        history,
        settings,
    })
}

/// Parses the form with the organisation's rules.
pub async fn validate(
    db: &DatabaseConnection,
    caller: &Caller,
    input: &ContactInput,
) -> Result<ContactData, AppError> {
    let offices: Vec<String> = store::office_locations(db, caller.organization_id())
        .await?
        .into_iter()
        .map(|o| o.code)
        .collect();
    let valid = input
        .parse(FormRules {
            requires_job: caller.membership.organization.provides_case_management,
            office_locations: &offices,
        })
        .map_err(AppError::Validation)?;
    Ok(data_of(valid))
}

fn data_of(v: ValidContact) -> ContactData {
    let date = |d: Option<crate::domain::IsoDate>| {
        d.and_then(|d| chrono::NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()))
    };
    ContactData {
        last_name: v.last_name,
        first_name: v.first_name,
        email: v.email.as_str().to_string(),
        title: v.title,
        phone: v.phone.map(|p| p.to_string()).unwrap_or_default(),
        phone_ext: v.phone_ext,
        cell_phone: v.cell_phone.map(|p| p.to_string()).unwrap_or_default(),
        language: v.language.into(),
        active: v.active,
        is_primary: v.is_primary,
        office_location: v.office_location,
        fte_hundredths: v.fte.map(Fte::hundredths),
        start_date: date(v.start_date),
        end_date: date(v.end_date),
        position_type: v.position_type,
    }
}

/// Adds a contact without portal access. Administrators only. Returns its id.
#[tracing::instrument(name = "create_contact", skip_all)]
pub async fn create(input: ContactInput) -> Result<ContactId, AppError> {
    let Call {
        caller, db, now, ..
    } = admin().await?;
    let data = validate(&db, &caller, &input).await?;
    let created =
        store::create(&db, caller.organization_id(), caller.account_id, &data, now).await?;
    Ok(ContactId(created.id))
}

/// Saves a contact's details, if still at `version`. Administrators only. Returns the new
/// version, and whether a new email retracted the contact's pending invitation.
#[tracing::instrument(name = "update_contact", skip_all, fields(id = id.0))]
pub async fn update(
    id: ContactId,
    version: i32,
    input: ContactInput,
) -> Result<SavedContact, AppError> {
    let id = id.0;
    let Call {
        caller, db, now, ..
    } = admin().await?;
    let current = store::find(&db, caller.organization_id(), id).await?;
    let data = validate(&db, &caller, &input).await?;
    if current.id == caller.membership.contact_id && current.active && !data.active {
        return Err(AppError::invalid(
            Field::Active,
            ValidationCode::SelfDeactivation,
        ));
    }
    let saved = store::update(
        &db,
        caller.organization_id(),
        caller.account_id,
        id,
        version,
        &data,
        now,
    )
    .await?;
    Ok(SavedContact {
        version: saved.contact.version,
        invitation_retracted: saved.invitation_retracted,
    })
}

/// Retracts the contact's pending invitation. Administrators only.
#[tracing::instrument(name = "retract_invitation", skip_all, fields(id = id.0))]
pub async fn retract(id: ContactId) -> Result<(), AppError> {
    let id = id.0;
    let Call {
        caller, db, now, ..
    } = admin().await?;
    store::retract_invitation(&db, caller.organization_id(), caller.account_id, id, now).await?;
    Ok(())
}

/// Removes the contact's portal access. Administrators only, and never their own.
#[tracing::instrument(name = "remove_access", skip_all, fields(id = id.0))]
pub async fn remove_access(id: ContactId) -> Result<(), AppError> {
    let id = id.0;
    let Call {
        caller, db, now, ..
    } = admin().await?;
    let contact = store::find(&db, caller.organization_id(), id).await?;
    if contact.id == caller.membership.contact_id {
        return Err(AppError::invalid(
            Field::Profile,
            ValidationCode::SelfAccessRemoval,
        ));
    }
    store::remove_access(&db, caller.organization_id(), caller.account_id, id, now).await?;
    Ok(())
}

/// The history kind the browser shows, for the one the database records.
fn history_kind(kind: EventKind) -> HistoryKind {
    match kind {
        EventKind::Created => HistoryKind::Created,
        EventKind::Updated => HistoryKind::Updated,
        EventKind::Deactivated => HistoryKind::Deactivated,
        EventKind::Reactivated => HistoryKind::Reactivated,
        EventKind::MadePrimary => HistoryKind::MadePrimary,
        EventKind::NoLongerPrimary => HistoryKind::NoLongerPrimary,
        EventKind::InvitationRetracted => HistoryKind::InvitationRetracted,
        EventKind::AccessRemoved => HistoryKind::AccessRemoved,
        EventKind::InvitationSent => HistoryKind::InvitationSent,
        EventKind::InvitationResent => HistoryKind::InvitationResent,
        EventKind::InvitationDelivered => HistoryKind::InvitationDelivered,
        EventKind::InvitationFailed => HistoryKind::InvitationFailed,
        EventKind::InvitationAccepted => HistoryKind::InvitationAccepted,
        EventKind::InvitationExpired => HistoryKind::InvitationExpired,
    }
}
