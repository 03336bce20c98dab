//! The server side of the details form: every call re-checks who calls, that they administer
//! the organisation they act for (for writes), that the contact is the organisation's, and
//! every field, with the same parsing the browser runs.

use crate::contacts::dto::{
    ChangeItem, ChangeValue, Changed, ContactDetails, FormSettings, HistoryItem, HistoryKind,
    IdentityAccount, InvitationState, OfficeChoice, SavedContact,
};
use crate::contacts::form::{ContactInput, FormRules, ValidContact};
use crate::domain::{ContactId, Fte, Language, Localized, localized_date_time, localized_day};
use crate::error::{AppError, Field, ValidationCode};
use crate::server::{Call, Caller, admin, member};
use db::ActiveEnum;
use db::DatabaseConnection;
use db::contacts::edit::{self as store, ContactData};
use db::entity::contact_event::Kind as EventKind;
use db::entity::invitation::Status as InvitationStatus;
use db::entity::{contact, security_profile};

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

impl From<ContactData> for ContactInput {
    fn from(c: ContactData) -> Self {
        Self {
            last_name: c.last_name,
            first_name: c.first_name,
            email: c.email,
            title: c.title,
            phone: c.phone,
            phone_ext: c.phone_ext,
            cell_phone: c.cell_phone,
            language: Language::from(c.language).code().into(),
            active: c.active,
            is_primary: c.is_primary,
            office_location: c.office_location,
            fte: c
                .fte_hundredths
                .and_then(Fte::from_hundredths)
                .map(|f| f.to_string())
                .unwrap_or_default(),
            start_date: c.start_date.map(|d| d.to_string()).unwrap_or_default(),
            end_date: c.end_date.map(|d| d.to_string()).unwrap_or_default(),
            position_type: c.position_type,
        }
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
    let identity = match c.account_id {
        Some(account) => {
            let account = db::auth::account(&db, account).await?;
            Some(IdentityAccount {
                user_id: account.username,
                email: account.identity_email,
            })
        }
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
    let profiles = db::contacts::profile_catalogue(&db).await?;
    let history = store::history(&db, org, id)
        .await?
        .into_iter()
        .map(|entry| {
            Ok(HistoryItem {
                at: localized_date_time(entry.at),
                kind: history_kind(entry.kind)?,
                actor: entry.actor,
                changes: entry
                    .changes
                    .into_iter()
                    .map(|change| read_change(change, &settings.office_locations, &profiles))
                    .collect::<Result<_, _>>()?,
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(ContactDetails {
        id: ContactId(c.id),
        version: c.version,
        input: ContactData::from(&c).into(),
        identity,
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
    Ok(valid.into())
}

impl From<ValidContact> for ContactData {
    fn from(v: ValidContact) -> Self {
        let date = |d: Option<crate::domain::IsoDate>| {
            d.and_then(|d| {
                chrono::NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
            })
        };
        Self {
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

/// A recorded change as the browser shows it: which field, and its values as the user reads
/// them (an office's name, profiles' labels). A change the history cannot have recorded is an
/// error, never dropped.
pub(super) fn read_change(
    change: store::Change,
    offices: &[OfficeChoice],
    profiles: &[security_profile::Model],
) -> Result<ChangeItem, AppError> {
    let unreadable = || AppError::from(db::Error::History(format!("unreadable change {change:?}")));
    let field = match change.field.as_str() {
        "access" => Changed::Access,
        "invitation" => Changed::Invitation,
        "message" => Changed::Field(Field::Message),
        other => Changed::Field(Field::from_control_id(other).ok_or_else(unreadable)?),
    };
    let text = |text: String| {
        ChangeValue::Text(Localized {
            fr: text.clone(),
            en: text,
        })
    };
    let value =
        |raw: &str| -> Option<ChangeValue> {
            if raw.is_empty() {
                return Some(ChangeValue::Empty);
            }
            Some(match field {
                Changed::Access | Changed::Field(Field::Active | Field::Primary) => {
                    ChangeValue::Flag(raw.parse().ok()?)
                }
                Changed::Invitation => ChangeValue::Invitation(
                    match InvitationStatus::try_from_value(&raw.to_string()).ok()? {
                        InvitationStatus::Pending => InvitationState::Pending,
                        InvitationStatus::Retracted => InvitationState::Retracted,
                        InvitationStatus::Expired => InvitationState::Expired,
                        InvitationStatus::Accepted => return None,
                    },
                ),
                Changed::Field(Field::Language) => ChangeValue::Language(
                    contact::Language::try_from_value(&raw.to_string())
                        .ok()?
                        .into(),
                ),
                Changed::Field(Field::PositionType) => ChangeValue::Position(raw.to_string()),
                Changed::Field(Field::Fte) => {
                    let fte = Fte::parse(raw).ok()?;
                    ChangeValue::Formatted(Localized {
                        fr: fte.written(Language::Fr),
                        en: fte.written(Language::En),
                    })
                }
                Changed::Field(Field::StartDate | Field::EndDate) => ChangeValue::Formatted(
                    localized_day(chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()?),
                ),
                Changed::Field(Field::OfficeLocation) => text(
                    offices
                        .iter()
                        .find(|o| o.code == raw)
                        .map_or_else(|| raw.to_string(), |o| o.name.clone()),
                ),
                Changed::Field(Field::Profiles) => {
                    let labels = |label: fn(&security_profile::Model) -> &String| {
                        raw.split(',')
                            .filter(|code| !code.is_empty())
                            .map(|code| {
                                profiles
                                    .iter()
                                    .find(|p| p.code == code)
                                    .map_or_else(|| code.to_string(), |p| label(p).clone())
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    ChangeValue::Text(Localized {
                        fr: labels(|p| &p.label_fr),
                        en: labels(|p| &p.label_en),
                    })
                }
                Changed::Field(_) => text(raw.to_string()),
            })
        };
    Ok(ChangeItem {
        from: value(&change.from).ok_or_else(unreadable)?,
        to: value(&change.to).ok_or_else(unreadable)?,
        field,
    })
}

/// The history kind the browser shows, for the one the database records (the same code).
pub(super) fn history_kind(kind: EventKind) -> Result<HistoryKind, AppError> {
    HistoryKind::from_code(&kind.to_value())
        .ok_or_else(|| db::Error::History(format!("unknown kind {kind:?}")).into())
}

/// The kind the database records, for the one the browser names.
pub(super) fn event_kind(kind: HistoryKind) -> Result<EventKind, AppError> {
    EventKind::try_from_value(&kind.code().to_string())
        .map_err(|_| db::Error::History(format!("unknown kind {kind:?}")).into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::form::FORM_ORDER;

    /// One table: the history names each field of the form by its control's id, in the
    /// form's order, so that its labels are the form's and its lines read top to bottom.
    #[test]
    fn every_kind_the_database_records_has_its_name_in_the_browser() {
        use db::Iterable;
        let recorded: Vec<EventKind> = EventKind::iter().collect();
        assert_eq!(recorded.len(), HistoryKind::ALL.len());
        for kind in recorded {
            assert_eq!(event_kind(history_kind(kind).unwrap()).unwrap(), kind);
        }
    }

    #[test]
    fn the_history_records_the_form_fields_in_form_order() {
        let recorded = ContactData::default().recorded().map(|(name, _)| name);
        assert_eq!(recorded, FORM_ORDER.map(Field::control_id));
    }
}
