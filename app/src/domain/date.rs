//! Dates: the calendar dates a form sends, and moments as people read them in each language,
//! on the Nova Scotia calendar.

#[cfg(feature = "ssr")]
use super::Localized;
use crate::error::ValidationCode;
use std::fmt;

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

/// Formats a date as the list shows it, in both languages, on the Nova Scotia calendar:
/// « 01 sept. 2023 » and "Sep 1, 2023".
#[cfg(feature = "ssr")]
pub fn localized_date(at: chrono::DateTime<chrono::Utc>) -> Localized {
    let local = at.with_timezone(&chrono_tz::America::Halifax).date_naive();
    Localized {
        fr: local
            .format_localized("%d %b %Y", chrono::Locale::fr_FR)
            .to_string(),
        en: local
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
