//! North-American phone numbers and their extensions.

use super::limits::EXTENSION_MAX;
use crate::error::ValidationCode;
use std::fmt;

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

/// An extension alone: one to [`EXTENSION_MAX`] digits.
pub fn parse_extension(text: &str) -> Result<String, ValidationCode> {
    let text = text.trim();
    if text.is_empty() || text.len() > EXTENSION_MAX || !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(ValidationCode::InvalidExtension);
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
