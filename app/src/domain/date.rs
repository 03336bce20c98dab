//! Dates: the calendar dates a form sends, and moments as people read them in each language,
//! on the Nova Scotia calendar.

use super::Language;
#[cfg(feature = "ssr")]
use super::Localized;
use crate::error::ValidationCode;
use std::fmt;

/// A calendar date, stored and sent as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct IsoDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl IsoDate {
    /// Reads `YYYY-MM-DD`, or the day first as a French reader writes it: `JJ-MM-AAAA` (each
    /// with `-`, `/` or `.` between the numbers). The year's four digits tell which order.
    pub fn parse(text: &str) -> Result<Self, ValidationCode> {
        let parts: Vec<&str> = text.trim().split(['-', '/', '.']).collect();
        let [first, second, third] = parts[..] else {
            return Err(ValidationCode::InvalidDate);
        };
        let (year, month, day) = match (first.len(), third.len()) {
            (4, 1..=2) => (first, second, third),
            (1..=2, 4) => (third, second, first),
            _ => return Err(ValidationCode::InvalidDate),
        };
        if !(1..=2).contains(&month.len()) {
            return Err(ValidationCode::InvalidDate);
        }
        let number = |digits: &str| -> Result<u16, ValidationCode> {
            if digits.bytes().all(|b| b.is_ascii_digit()) {
                digits.parse().map_err(|_| ValidationCode::InvalidDate)
            } else {
                Err(ValidationCode::InvalidDate)
            }
        };
        let (year, month, day) = (number(year)?, number(month)?, number(day)?);
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

impl IsoDate {
    /// As a form shows it in `language`: « 30-11-2026 » in French, "2026-11-30" in English.
    pub fn written(self, language: Language) -> String {
        match language {
            Language::Fr => format!("{:02}-{:02}-{:04}", self.day, self.month, self.year),
            Language::En => self.to_string(),
        }
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Formats a date as the list shows it, in both languages, on the Nova Scotia calendar:
/// « 01 sept. 2023 » and "Sep 1, 2023".
#[cfg(feature = "ssr")]
pub fn localized_date(at: chrono::DateTime<chrono::Utc>) -> Localized {
    localized_day(at.with_timezone(&chrono_tz::America::Halifax).date_naive())
}

/// A calendar date as the list shows dates: « 01 sept. 2023 » and "Sep 1, 2023".
#[cfg(feature = "ssr")]
pub fn localized_day(day: chrono::NaiveDate) -> Localized {
    Localized {
        fr: day
            .format_localized("%d %b %Y", chrono::Locale::fr_FR)
            .to_string(),
        en: day
            .format_localized("%b %-d, %Y", chrono::Locale::en_US)
            .to_string(),
    }
}

/// A moment as the history shows it, in both languages, Nova Scotia time:
/// « 01 sept. 2023, 14 h 05 » and "Sep 1, 2023, 2:05 p.m.".
#[cfg(feature = "ssr")]
pub fn localized_date_time(at: chrono::DateTime<chrono::Utc>) -> Localized {
    let local = at.with_timezone(&chrono_tz::America::Halifax);
    let date = localized_date(at);
    let (hour, minute) = (
        chrono::Timelike::hour(&local),
        chrono::Timelike::minute(&local),
    );
    let (h12, pm) = (if hour % 12 == 0 { 12 } else { hour % 12 }, hour >= 12);
    Localized {
        fr: format!("{}, {hour} h {minute:02}", date.fr),
        en: format!(
            "{}, {h12}:{minute:02} {}",
            date.en,
            if pm { "p.m." } else { "a.m." }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            IsoDate::parse("2024-02-29").map(|d| d.to_string()),
            Ok("2024-02-29".into())
        );
        // A French reader's order, with the separators people type.
        for (text, iso) in [
            ("30-11-2026", "2026-11-30"),
            ("01/09/2023", "2023-09-01"),
            ("1.9.2023", "2023-09-01"),
            (" 2023-9-1 ", "2023-09-01"),
        ] {
            assert_eq!(
                IsoDate::parse(text).map(|d| d.to_string()),
                Ok(iso.into()),
                "{text}"
            );
        }
        let date = IsoDate::parse("2023-09-01").unwrap();
        assert_eq!(date.written(Language::Fr), "01-09-2023");
        assert_eq!(date.written(Language::En), "2023-09-01");
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "2023-04-31",
            "29-02-2023",
            "09-01-23",
            "2023-001-01",
            "2023-09-01-01",
            "2023/09",
            "+1-09-2023",
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
}

#[cfg(all(test, feature = "ssr"))]
mod localized_tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_read_as_in_each_language() {
        let at = chrono::Utc.with_ymd_and_hms(2023, 9, 1, 15, 0, 0).unwrap();
        let d = localized_date(at);
        assert_eq!(d.fr, "01 sept. 2023");
        assert_eq!(d.en, "Sep 1, 2023");
    }

    #[test]
    fn times_read_as_in_each_language() {
        // 17:05 UTC is 14:05 in Halifax in September (ADT).
        let at = chrono::Utc.with_ymd_and_hms(2023, 9, 1, 17, 5, 0).unwrap();
        let d = localized_date_time(at);
        assert_eq!(d.fr, "01 sept. 2023, 14 h 05");
        assert_eq!(d.en, "Sep 1, 2023, 2:05 p.m.");
    }

    #[test]
    fn dates_follow_the_nova_scotia_calendar() {
        // 02:00 UTC on 2 September is still 1 September in Halifax.
        let at = chrono::Utc.with_ymd_and_hms(2023, 9, 2, 2, 0, 0).unwrap();
        assert_eq!(localized_date(at).fr, "01 sept. 2023");
        let may = chrono::Utc.with_ymd_and_hms(2024, 5, 20, 12, 0, 0).unwrap();
        assert_eq!(localized_date(may).fr, "20 mai 2024");
        assert_eq!(localized_date(may).en, "May 20, 2024");
    }
}
