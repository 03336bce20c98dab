//! Email addresses: what one looks like, and when two are the same address.

use super::limits::EMAIL_MAX;
use crate::error::ValidationCode;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
