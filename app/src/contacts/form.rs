//! The contact details form: what it sends, and the one set of parsing rules that both the
//! browser (instant field errors) and the server (the check that counts) run on it.

use super::dto::{EMAIL_MAX, Language, NAME_MAX};
use crate::error::{Field, FieldError, ValidationCode};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest title.
pub const TITLE_MAX: usize = 150;
/// Longest phone extension, in digits.
pub const EXTENSION_MAX: usize = 6;
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
    pub fte: String,
    /// `YYYY-MM-DD`, as a date input gives it, or empty.
    pub start_date: String,
    pub end_date: String,
    /// One of [`POSITION_TYPES`], or empty.
    pub position_type: String,
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

/// Whether two emails are one address for an invitation's link: the same once trimmed and
/// compared without regard to letter case (the rule the server applies when a new email
/// retracts a pending invitation).
pub fn same_address(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// An email address: one `@`, a local part and a domain of dotted labels, no spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(text: &str) -> Result<Self, ValidationCode> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ValidationCode::Required);
        }
        if text.chars().count() > EMAIL_MAX {
            return Err(ValidationCode::TooLong);
        }
        let (local, domain) = text.split_once('@').ok_or(ValidationCode::InvalidEmail)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels
                .last()
                .is_some_and(|tld| tld.chars().all(char::is_alphabetic) && tld.len() >= 2);
        if local_ok && domain_ok {
            Ok(Self(text.to_string()))
        } else {
            Err(ValidationCode::InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A North-American (NANP) phone number, with the extension typed after it, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneNumber {
    /// Ten digits: area code, exchange, line.
    digits: String,
    extension: Option<String>,
}

const EXTENSION_MARKERS: [&str; 5] = ["poste", "ext.", "ext", "x", "#"];

impl PhoneNumber {
    /// Reads « (902) 555-1212 », "902.555.1212", "+1 902 555 1212", "902-555-1212 x 42",
    /// « 902 555-1212 poste 42 ».
    pub fn parse(text: &str) -> Result<Self, ValidationCode> {
        let lower = text.trim().to_lowercase();
        let (number, extension) = match EXTENSION_MARKERS
            .iter()
            .filter_map(|m| lower.find(m).map(|at| (at, m.len())))
            .min()
        {
            Some((at, len)) => (&lower[..at], Some(&lower[at + len..])),
            None => (lower.as_str(), None),
        };
        let number = number.trim();
        if number.is_empty()
            || !number
                .chars()
                .all(|c| c.is_ascii_digit() || " -.()+".contains(c))
            || number.rfind('+').is_some_and(|at| at != 0)
        {
            return Err(ValidationCode::InvalidPhone);
        }
        let mut digits: String = number.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 11 && digits.starts_with('1') {
            digits.remove(0);
        } else if number.starts_with('+') {
            return Err(ValidationCode::InvalidPhone);
        }
        let b = digits.as_bytes();
        if b.len() != 10 || !(b'2'..=b'9').contains(&b[0]) || !(b'2'..=b'9').contains(&b[3]) {
            return Err(ValidationCode::InvalidPhone);
        }
        let extension = match extension {
            Some(ext) => Some(
                parse_extension(ext.trim_start_matches([' ', '.', ':']))
                    .map_err(|_| ValidationCode::InvalidPhone)?,
            ),
            None => None,
        };
        Ok(Self { digits, extension })
    }

    /// The extension typed after the number.
    pub fn extension(&self) -> Option<&str> {
        self.extension.as_deref()
    }
}

impl fmt::Display for PhoneNumber {
    /// « (902) 555-1212 », without the extension.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.digits;
        write!(f, "({}) {}-{}", &d[..3], &d[3..6], &d[6..])
    }
}

fn parse_extension(text: &str) -> Result<String, ValidationCode> {
    let text = text.trim();
    if text.is_empty() || text.len() > EXTENSION_MAX || !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(ValidationCode::InvalidExtension);
    }
    Ok(text.to_string())
}

/// A full-time equivalent from 0 to 1 with at most two decimals (« 0,75 » or "0.75").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fte(u8);

impl Fte {
    pub fn parse(text: &str) -> Result<Self, ValidationCode> {
        let text = text.trim().replace(',', ".");
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty())
            || !digits(whole)
            || !digits(fraction)
            || fraction.len() > 2
            || whole.len() > 3
        {
            return Err(ValidationCode::InvalidFte);
        }
        let whole: u32 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| ValidationCode::InvalidFte)?
        };
        let fraction: u32 = format!("{fraction:0<2}")
            .parse()
            .map_err(|_| ValidationCode::InvalidFte)?;
        let hundredths = whole * 100 + fraction;
        if hundredths > 100 {
            return Err(ValidationCode::InvalidFte);
        }
        Ok(Self(hundredths as u8))
    }

    pub fn from_hundredths(hundredths: i32) -> Option<Self> {
        u8::try_from(hundredths)
            .ok()
            .filter(|h| *h <= 100)
            .map(Self)
    }

    pub fn hundredths(self) -> i32 {
        i32::from(self.0)
    }
}

impl fmt::Display for Fte {
    /// "1", "0.8", "0.75".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            100 => write!(f, "1"),
            0 => write!(f, "0"),
            h if h % 10 == 0 => write!(f, "0.{}", h / 10),
            h => write!(f, "0.{h:02}"),
        }
    }
}

/// A calendar date as a date input sends it: `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct IsoDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl IsoDate {
    pub fn parse(text: &str) -> Result<Self, ValidationCode> {
        let text = text.trim();
        let b = text.as_bytes();
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || !text
                .chars()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        {
            return Err(ValidationCode::InvalidDate);
        }
        let number = |range: std::ops::Range<usize>| text[range].parse::<u16>().unwrap_or(0);
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        if !(1900..=2999).contains(&year) || day == 0 || day > days {
            return Err(ValidationCode::InvalidDate);
        }
        Ok(Self {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
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
                "fr" => Ok(Language::Fr),
                "en" => Ok(Language::En),
                "" => Err(ValidationCode::Required),
                _ => Err(ValidationCode::UnknownOption),
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
        if !c.0.is_empty() {
            // Sorted by the form's order, so the summary reads top to bottom.
            c.0.sort_by_key(|e| FORM_ORDER.iter().position(|f| *f == e.field));
            return Err(c.0);
        }
        match (
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
        ) {
            (
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
            ) => Ok(ValidContact {
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
            }),
            // Every `None` above pushed an error, so this is never reached.
            _ => Err(vec![FieldError::new(
                Field::LastName,
                ValidationCode::Required,
            )]),
        }
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
    fn emails() {
        for ok in [
            "a@b.ca",
            " luc.leblanc@example.org ",
            "o'neil+news@mail.gov.ns.ca",
            "élise@exemple.québec",
        ] {
            assert!(EmailAddress::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "plain",
            "a@b",
            "a@@b.ca",
            "a b@c.ca",
            ".a@b.ca",
            "a..b@c.ca",
            "a@-b.ca",
            "a@b.c",
            "a@b.123",
            "<script>@x.ca",
            "a\u{0}@b.ca",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            EmailAddress::parse(&format!("{}@example.org", "a".repeat(300))),
            Err(ValidationCode::TooLong)
        );
    }

    #[test]
    fn phones() {
        for (text, shown, ext) in [
            ("(902) 555-1212", "(902) 555-1212", None),
            ("902.555.1212", "(902) 555-1212", None),
            ("+1 902 555 1212", "(902) 555-1212", None),
            ("19025551212", "(902) 555-1212", None),
            ("902-555-1212 x 42", "(902) 555-1212", Some("42")),
            ("902 555-1212 poste 7", "(902) 555-1212", Some("7")),
            ("902-555-1212 ext. 123456", "(902) 555-1212", Some("123456")),
        ] {
            let p = PhoneNumber::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(p.to_string(), shown, "{text}");
            assert_eq!(p.extension(), ext, "{text}");
        }
        for bad in [
            "555-1212",
            "(102) 555-1212",
            "902-155-1212",
            "+44 20 7946 0958",
            "902-555-12120",
            "902-555-1212 x",
            "902-555-1212 x 1234567",
            "902-555-1212; DROP TABLE contact",
            "9O2-555-1212",
            "902+555+1212",
        ] {
            assert_eq!(
                PhoneNumber::parse(bad),
                Err(ValidationCode::InvalidPhone),
                "{bad}"
            );
        }
    }

    #[test]
    fn ftes() {
        for (text, hundredths, shown) in [
            ("1", 100, "1"),
            ("0", 0, "0"),
            ("0.5", 50, "0.5"),
            ("0,75", 75, "0.75"),
            (".8", 80, "0.8"),
            ("1.00", 100, "1"),
            (" 0.05 ", 5, "0.05"),
        ] {
            let fte = Fte::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(fte.hundredths(), hundredths, "{text}");
            assert_eq!(fte.to_string(), shown, "{text}");
        }
        for bad in [
            "",
            ".",
            "1.01",
            "2",
            "-0.5",
            "0.333",
            "abc",
            "1e0",
            "0.5.5",
            "99999999999",
        ] {
            assert_eq!(Fte::parse(bad), Err(ValidationCode::InvalidFte), "{bad}");
        }
        assert_eq!(Fte::from_hundredths(101), None);
    }

    #[test]
    fn dates() {
        assert_eq!(
            IsoDate::parse("2024-02-29").map(|d| d.to_string()),
            Ok("2024-02-29".into())
        );
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "2023-04-31",
            "2023-1-01",
            "01/09/2023",
            "1800-01-01",
            "2023-00-10",
            "２０２３-01-01",
            "",
        ] {
            assert_eq!(
                IsoDate::parse(bad),
                Err(ValidationCode::InvalidDate),
                "{bad}"
            );
        }
        assert!(IsoDate::parse("2023-09-01").unwrap() < IsoDate::parse("2023-10-01").unwrap());
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
