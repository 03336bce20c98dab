//! The contact details form: what it sends, and the one set of parsing rules that both the
//! browser (instant field errors) and the server (the check that counts) run on it.

use crate::domain::limits::{EMAIL_MAX, NAME_MAX, TITLE_MAX};
use crate::domain::{EmailAddress, Fte, IsoDate, Language, PhoneNumber, parse_extension};
use crate::error::{Field, FieldError, ValidationCode};
use serde::{Deserialize, Serialize};

/// The position types a contact can hold (« Type de poste »), as stored.
pub const POSITION_TYPES: [&str; 6] = [
    "MANAGER",
    "COORDINATOR",
    "COUNSELLOR",
    "CASE_MANAGER",
    "ADMIN",
    "OTHER",
];

/// The form's fields exactly as typed (all text, so that anything deserialises and then gets
/// a clear message).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactInput {
    pub last_name: String,
    pub first_name: String,
    pub email: String,
    pub title: String,
    pub phone: String,
    pub phone_ext: String,
    pub cell_phone: String,
    /// `fr` or `en`.
    pub language: String,
    pub active: bool,
    pub is_primary: bool,
    /// An office code of the organisation, or empty.
    pub office_location: String,
    /// « 0,5 » or "0.5" (either language's way reads).
    pub fte: String,
    /// `YYYY-MM-DD` or `JJ-MM-AAAA` (see [`IsoDate::parse`]), or empty.
    pub start_date: String,
    pub end_date: String,
    /// One of [`POSITION_TYPES`], or empty.
    pub position_type: String,
}

impl ContactInput {
    /// The same values with the FTE and dates written as `language` writes them (« 0,5 »,
    /// « 30-11-2026 »), where they read as an FTE or a date; anything else is left as typed.
    pub fn written(mut self, language: Language) -> Self {
        if let Ok(fte) = Fte::parse(&self.fte) {
            self.fte = fte.written(language);
        }
        for date in [&mut self.start_date, &mut self.end_date] {
            if let Ok(parsed) = IsoDate::parse(date) {
                *date = parsed.written(language);
            }
        }
        self
    }
}

impl ContactInput {
    /// « Nom, Prénom », as the list and its messages name the contact.
    pub fn listed_name(&self) -> String {
        format!("{}, {}", self.last_name.trim(), self.first_name.trim())
    }
}

/// The contact as it was before the form changed it: what decides which questions saving
/// asks first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Before {
    pub active: bool,
    pub primary: bool,
    pub has_access: bool,
    pub pending_invitation: bool,
    pub email: String,
    /// « Nom, Prénom » of the organisation's primary contact, when it is another contact.
    pub other_primary: Option<String>,
}

impl Before {
    /// A contact being added.
    pub fn new_contact(other_primary: Option<String>) -> Self {
        Self {
            active: true,
            other_primary,
            ..Self::default()
        }
    }
}

/// What saving a contact's details asks to confirm first, in the order the confirmation says
/// it. The same in the browser's dialog and on the page that confirms before the WebAssembly
/// has loaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Question {
    /// « Cela désactivera … ».
    Deactivate,
    /// « Son invitation au LaMPSS en attente sera retirée. »
    DeactivateRetracts,
    /// « Son accès au LaMPSS sera supprimé … »
    DeactivateRemovesAccess,
    /// « Cela réactivera … ».
    Reactivate,
    /// A new email retracts the pending invitation.
    EmailRetracts,
    /// « … deviendra la principale personne-ressource … à la place de {previous} ».
    Primary { previous: Option<String> },
}

/// The questions saving `draft` over `before` asks, if any.
pub fn questions(before: &Before, draft: &ContactInput) -> Vec<Question> {
    let mut asked = Vec::new();
    if before.active && !draft.active {
        asked.push(Question::Deactivate);
        if before.pending_invitation {
            asked.push(Question::DeactivateRetracts);
        }
        if before.has_access {
            asked.push(Question::DeactivateRemovesAccess);
        }
    } else if !before.active && draft.active {
        asked.push(Question::Reactivate);
    } else if before.pending_invitation && !crate::domain::same_address(&before.email, &draft.email)
    {
        asked.push(Question::EmailRetracts);
    }
    if draft.is_primary && !before.primary {
        asked.push(Question::Primary {
            previous: before.other_primary.clone(),
        });
    }
    asked
}

/// What the organisation asks of its contacts' details.
#[derive(Clone, Copy, Debug)]
pub struct FormRules<'a> {
    /// The organisation provides Nova Scotia Works case management: office location,
    /// position type and FTE are required.
    pub requires_job: bool,
    /// The organisation's office codes.
    pub office_locations: &'a [String],
}

/// A [`ContactInput`] that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidContact {
    pub last_name: String,
    pub first_name: String,
    pub email: EmailAddress,
    pub title: String,
    pub phone: Option<PhoneNumber>,
    pub phone_ext: String,
    pub cell_phone: Option<PhoneNumber>,
    pub language: Language,
    pub active: bool,
    pub is_primary: bool,
    pub office_location: String,
    pub fte: Option<Fte>,
    pub start_date: Option<IsoDate>,
    pub end_date: Option<IsoDate>,
    pub position_type: String,
}

/// Collects the errors of one form.
struct Checker(Vec<FieldError>);

impl Checker {
    fn check<T>(&mut self, field: Field, result: Result<T, ValidationCode>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(code) => {
                let max = match (code, field) {
                    (ValidationCode::TooLong, Field::LastName | Field::FirstName) => {
                        Some(NAME_MAX as u32)
                    }
                    (ValidationCode::TooLong, Field::Title) => Some(TITLE_MAX as u32),
                    (ValidationCode::TooLong, Field::Email) => Some(EMAIL_MAX as u32),
                    _ => None,
                };
                self.0.push(FieldError { field, code, max });
                None
            }
        }
    }
}

fn text(value: &str, max: usize, required: bool) -> Result<String, ValidationCode> {
    let value = value.trim();
    if value.is_empty() && required {
        Err(ValidationCode::Required)
    } else if value.chars().count() > max {
        Err(ValidationCode::TooLong)
    } else if value.chars().any(char::is_control) {
        Err(ValidationCode::InvalidText)
    } else {
        Ok(value.to_string())
    }
}

/// An optional value: empty is `None` (or `Required`), anything else must parse.
fn optional<T>(
    value: &str,
    required: bool,
    parse: impl FnOnce(&str) -> Result<T, ValidationCode>,
) -> Result<Option<T>, ValidationCode> {
    if value.trim().is_empty() {
        if required {
            Err(ValidationCode::Required)
        } else {
            Ok(None)
        }
    } else {
        parse(value).map(Some)
    }
}

fn choice(value: &str, options: &[&str], required: bool) -> Result<String, ValidationCode> {
    let value = value.trim();
    if value.is_empty() {
        return if required {
            Err(ValidationCode::Required)
        } else {
            Ok(String::new())
        };
    }
    if options.contains(&value) {
        Ok(value.to_string())
    } else {
        Err(ValidationCode::UnknownOption)
    }
}

impl ContactInput {
    /// Checks every field; all the problems found, in the form's order.
    pub fn parse(&self, rules: FormRules<'_>) -> Result<ValidContact, Vec<FieldError>> {
        let mut c = Checker(Vec::new());
        let last_name = c.check(Field::LastName, text(&self.last_name, NAME_MAX, true));
        let first_name = c.check(Field::FirstName, text(&self.first_name, NAME_MAX, true));
        let email = c.check(Field::Email, EmailAddress::parse(&self.email));
        let title = c.check(Field::Title, text(&self.title, TITLE_MAX, false));
        let phone = c.check(
            Field::Phone,
            optional(&self.phone, false, PhoneNumber::parse),
        );
        let typed_ext = c.check(
            Field::PhoneExt,
            optional(&self.phone_ext, false, parse_extension),
        );
        let phone_ext = match (&phone, typed_ext) {
            (Some(None), Some(Some(_))) => {
                c.check::<()>(Field::PhoneExt, Err(ValidationCode::InvalidExtension));
                None
            }
            (Some(phone), Some(typed)) => Some(
                typed
                    .or_else(|| phone.as_ref().and_then(|p| p.extension().map(String::from)))
                    .unwrap_or_default(),
            ),
            _ => None,
        };
        let cell_phone = c.check(
            Field::CellPhone,
            optional(&self.cell_phone, false, |text| {
                PhoneNumber::parse(text).and_then(|p| match p.extension() {
                    Some(_) => Err(ValidationCode::InvalidPhone),
                    None => Ok(p),
                })
            }),
        );
        let language = c.check(
            Field::Language,
            match self.language.trim() {
                "" => Err(ValidationCode::Required),
                code => [Language::Fr, Language::En]
                    .into_iter()
                    .find(|language| language.code() == code)
                    .ok_or(ValidationCode::UnknownOption),
            },
        );
        if self.is_primary && !self.active {
            c.check::<()>(Field::Active, Err(ValidationCode::PrimaryInactive));
        }
        let offices: Vec<&str> = rules.office_locations.iter().map(String::as_str).collect();
        let office_location = c.check(
            Field::OfficeLocation,
            choice(&self.office_location, &offices, rules.requires_job),
        );
        let fte = c.check(
            Field::Fte,
            optional(&self.fte, rules.requires_job, Fte::parse),
        );
        let start_date = c.check(
            Field::StartDate,
            optional(&self.start_date, false, IsoDate::parse),
        );
        let end_date = c.check(
            Field::EndDate,
            optional(&self.end_date, false, IsoDate::parse),
        );
        if let (Some(Some(start)), Some(Some(end))) = (start_date, end_date)
            && end < start
        {
            c.check::<()>(Field::EndDate, Err(ValidationCode::EndBeforeStart));
        }
        let position_type = c.check(
            Field::PositionType,
            choice(&self.position_type, &POSITION_TYPES, rules.requires_job),
        );
        // Sorted by the form's order, so the summary reads top to bottom.
        let Checker(mut errors) = c;
        errors.sort_by_key(|e| FORM_ORDER.iter().position(|f| *f == e.field));
        // A field without a value has its error among `errors`.
        let (
            Some(last_name),
            Some(first_name),
            Some(email),
            Some(title),
            Some(phone),
            Some(phone_ext),
            Some(cell_phone),
            Some(language),
            Some(office_location),
            Some(fte),
            Some(start_date),
            Some(end_date),
            Some(position_type),
        ) = (
            last_name,
            first_name,
            email,
            title,
            phone,
            phone_ext,
            cell_phone,
            language,
            office_location,
            fte,
            start_date,
            end_date,
            position_type,
        )
        else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidContact {
            last_name,
            first_name,
            email,
            title,
            phone,
            phone_ext,
            cell_phone,
            language,
            active: self.active,
            is_primary: self.is_primary,
            office_location,
            fte,
            start_date,
            end_date,
            position_type,
        })
    }
}

/// The fields in the order the form shows them.
pub const FORM_ORDER: [Field; 15] = [
    Field::LastName,
    Field::FirstName,
    Field::Email,
    Field::Title,
    Field::Phone,
    Field::PhoneExt,
    Field::CellPhone,
    Field::Language,
    Field::Active,
    Field::Primary,
    Field::OfficeLocation,
    Field::Fte,
    Field::StartDate,
    Field::PositionType,
    Field::EndDate,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ContactInput {
        ContactInput {
            last_name: "Comeau".into(),
            first_name: "Élise".into(),
            email: "elise.comeau@example.org".into(),
            language: "fr".into(),
            active: true,
            ..Default::default()
        }
    }

    const OFFICES: [&str; 2] = ["KENTVILLE", "WOLFVILLE"];

    fn rules(requires_job: bool) -> (bool, Vec<String>) {
        (
            requires_job,
            OFFICES.iter().map(|s| s.to_string()).collect(),
        )
    }

    fn parse(input: &ContactInput, requires_job: bool) -> Result<ValidContact, Vec<FieldError>> {
        let (requires_job, offices) = rules(requires_job);
        input.parse(FormRules {
            requires_job,
            office_locations: &offices,
        })
    }

    fn codes(input: &ContactInput, requires_job: bool) -> Vec<(Field, ValidationCode)> {
        parse(input, requires_job)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_minimal_contact_is_valid_where_jobs_are_optional() {
        let ok = parse(&valid(), false).unwrap();
        assert_eq!(ok.email.as_str(), "elise.comeau@example.org");
        assert_eq!(ok.phone, None);
    }

    #[test]
    fn case_management_organisations_require_the_job_fields() {
        assert_eq!(
            codes(&valid(), true),
            vec![
                (Field::OfficeLocation, ValidationCode::Required),
                (Field::Fte, ValidationCode::Required),
                (Field::PositionType, ValidationCode::Required),
            ]
        );
        let full = ContactInput {
            office_location: "KENTVILLE".into(),
            fte: "1".into(),
            position_type: "COUNSELLOR".into(),
            ..valid()
        };
        assert!(parse(&full, true).is_ok());
    }

    #[test]
    fn numbers_and_dates_are_written_in_the_forms_language() {
        let input = ContactInput {
            fte: "0.75".into(),
            start_date: "2026-11-30".into(),
            end_date: "31-12".into(),
            ..valid()
        };
        let french = input.clone().written(Language::Fr);
        assert_eq!(
            (french.fte.as_str(), french.start_date.as_str()),
            ("0,75", "30-11-2026")
        );
        // What does not read as a date stays as typed, to be corrected.
        assert_eq!(french.end_date, "31-12");
        // Either way of writing passes, and both say the same.
        assert_eq!(
            IsoDate::parse(&french.start_date),
            IsoDate::parse(&input.start_date)
        );
        let english = french.written(Language::En);
        assert_eq!(
            (english.fte.as_str(), english.start_date.as_str()),
            ("0.75", "2026-11-30")
        );
    }

    #[test]
    fn every_problem_is_reported_in_form_order() {
        let bad = ContactInput {
            last_name: " ".into(),
            first_name: "x".repeat(101),
            email: "nope".into(),
            title: "t".repeat(151),
            phone: "123".into(),
            cell_phone: "902-555-1212 x 4".into(),
            language: "de".into(),
            active: false,
            is_primary: true,
            office_location: "HALIFAX".into(),
            fte: "1.5".into(),
            start_date: "2024-05-01".into(),
            end_date: "2024-04-30".into(),
            position_type: "CEO".into(),
            ..Default::default()
        };
        assert_eq!(
            codes(&bad, false),
            vec![
                (Field::LastName, ValidationCode::Required),
                (Field::FirstName, ValidationCode::TooLong),
                (Field::Email, ValidationCode::InvalidEmail),
                (Field::Title, ValidationCode::TooLong),
                (Field::Phone, ValidationCode::InvalidPhone),
                (Field::CellPhone, ValidationCode::InvalidPhone),
                (Field::Language, ValidationCode::UnknownOption),
                (Field::Active, ValidationCode::PrimaryInactive),
                (Field::OfficeLocation, ValidationCode::UnknownOption),
                (Field::Fte, ValidationCode::InvalidFte),
                (Field::PositionType, ValidationCode::UnknownOption),
                (Field::EndDate, ValidationCode::EndBeforeStart),
            ]
        );
        let max = parse(&bad, false).unwrap_err()[1].max;
        assert_eq!(max, Some(NAME_MAX as u32));
    }

    #[test]
    fn extensions() {
        let with_ext = ContactInput {
            phone: "902-555-1212 x 42".into(),
            ..valid()
        };
        assert_eq!(parse(&with_ext, false).unwrap().phone_ext, "42");
        let typed = ContactInput {
            phone_ext: "7".into(),
            ..with_ext.clone()
        };
        assert_eq!(parse(&typed, false).unwrap().phone_ext, "7");
        let alone = ContactInput {
            phone_ext: "7".into(),
            ..valid()
        };
        assert_eq!(
            codes(&alone, false),
            vec![(Field::PhoneExt, ValidationCode::InvalidExtension)]
        );
        let letters = ContactInput {
            phone: "9025551212".into(),
            phone_ext: "12a".into(),
            ..valid()
        };
        assert_eq!(
            codes(&letters, false),
            vec![(Field::PhoneExt, ValidationCode::InvalidExtension)]
        );
    }

    #[test]
    fn saving_asks_what_the_change_does() {
        let saved = Before {
            active: true,
            pending_invitation: true,
            has_access: true,
            email: "Elise.Comeau@example.org".into(),
            other_primary: Some("Arsenault, Marie".into()),
            ..Before::default()
        };
        assert_eq!(
            questions(&saved, &valid()),
            vec![],
            "nothing that needs asking"
        );
        let deactivated = ContactInput {
            active: false,
            ..valid()
        };
        assert_eq!(
            questions(&saved, &deactivated),
            vec![
                Question::Deactivate,
                Question::DeactivateRetracts,
                Question::DeactivateRemovesAccess
            ]
        );
        let moved = ContactInput {
            email: "elise@example.org".into(),
            is_primary: true,
            ..valid()
        };
        assert_eq!(
            questions(&saved, &moved),
            vec![
                Question::EmailRetracts,
                Question::Primary {
                    previous: Some("Arsenault, Marie".into())
                }
            ]
        );
        let inactive = Before {
            active: false,
            ..Before::new_contact(None)
        };
        assert_eq!(questions(&inactive, &valid()), vec![Question::Reactivate]);
        let first_primary = ContactInput {
            is_primary: true,
            ..valid()
        };
        assert_eq!(
            questions(&Before::new_contact(None), &first_primary),
            vec![Question::Primary { previous: None }]
        );
    }

    #[test]
    fn control_characters_are_refused() {
        let bad = ContactInput {
            last_name: "Robi\u{0}chaud".into(),
            title: "a\u{7}b".into(),
            ..valid()
        };
        assert_eq!(
            codes(&bad, false),
            vec![
                (Field::LastName, ValidationCode::InvalidText),
                (Field::Title, ValidationCode::InvalidText),
            ]
        );
    }
}
