//! What crosses between browser and server for the activity log: its query as the URL carries
//! it, the query checked, and the lines of a page.

use crate::contacts::dto::{ChangeItem, HistoryKind, MAX_PAGE};
use crate::domain::limits::{EMAIL_MAX, NAME_MAX};
use crate::domain::{ContactId, IsoDate, Localized};
use crate::error::{AppError, Field, FieldError, ValidationCode};
use crate::ui::LiveQuery;
use serde::{Deserialize, Serialize};

/// Lines a page.
pub const PAGE_SIZE: u64 = 25;

/// The log's filters and page exactly as the URL query carries them (all text, so that any
/// URL deserialises and then gets a clear validation message).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityQuery {
    /// The first day, `YYYY-MM-DD` (Nova Scotia calendar), or empty.
    pub from: String,
    /// The last day, included, or empty.
    pub to: String,
    /// A kind of event's code ([`HistoryKind::code`]), or empty for all.
    pub kind: String,
    /// Words of the contact's name.
    pub contact: String,
    /// Text of the email or user ID of the person who acted.
    pub by: String,
    /// One-based; empty means 1.
    pub page: String,
}

/// A checked [`ActivityQuery`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityFilter {
    pub from: Option<IsoDate>,
    pub to: Option<IsoDate>,
    pub kind: Option<HistoryKind>,
    pub contact: String,
    pub by: String,
    /// One-based.
    pub page: u64,
}

/// The query's keys, in URL order.
const KEYS: [&str; 6] = ["from", "to", "kind", "contact", "by", "page"];

impl ActivityQuery {
    /// Reads the query from URL parameters (the last value of a key wins); `clear` resets all.
    pub fn from_params(get_all: impl Fn(&str) -> Vec<String>) -> Self {
        let last = |key: &str| get_all(key).pop().unwrap_or_default();
        if !last("clear").is_empty() {
            return Self::default();
        }
        let [from, to, kind, contact, by, page] = KEYS.map(last);
        Self {
            from,
            to,
            kind,
            contact,
            by,
            page,
        }
    }

    fn values(&self) -> [&String; 6] {
        [
            &self.from,
            &self.to,
            &self.kind,
            &self.contact,
            &self.by,
            &self.page,
        ]
    }

    /// Checks every input; every problem found is returned.
    pub fn parse(&self) -> Result<ActivityFilter, AppError> {
        let mut errors = Vec::new();
        let mut date = |value: &str, field: Field| match value.trim() {
            "" => None,
            text => IsoDate::parse(text)
                .map_err(|code| errors.push(FieldError::new(field, code)))
                .ok(),
        };
        let (from, to) = (date(&self.from, Field::Since), date(&self.to, Field::Until));
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            errors.push(FieldError::new(
                Field::Until,
                ValidationCode::EndBeforeStart,
            ));
        }
        let kind = match self.kind.trim() {
            "" => None,
            code => {
                let kind = HistoryKind::from_code(code);
                if kind.is_none() {
                    errors.push(FieldError::new(Field::Event, ValidationCode::UnknownOption));
                }
                kind
            }
        };
        let mut text = |value: &str, field: Field, max: usize| {
            let value = value.trim();
            if value.chars().count() > max {
                errors.push(FieldError::too_long(field, max));
            }
            value.to_string()
        };
        let contact = text(&self.contact, Field::Contact, NAME_MAX);
        let by = text(&self.by, Field::Actor, EMAIL_MAX);
        let page = match self.page.trim() {
            "" => 1,
            page => match page
                .parse::<u64>()
                .ok()
                .filter(|p| (1..=MAX_PAGE).contains(p))
            {
                Some(page) => page,
                None => {
                    errors.push(FieldError::new(Field::Page, ValidationCode::InvalidPage));
                    1
                }
            },
        };
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        Ok(ActivityFilter {
            from,
            to,
            kind,
            contact,
            by,
            page,
        })
    }
}

impl LiveQuery for ActivityQuery {
    const PATH: &'static str = crate::routes::ACTIVITY;

    /// The same filters on another page.
    fn with_page(&self, page: u64) -> Self {
        Self {
            page: if page <= 1 {
                String::new()
            } else {
                page.to_string()
            },
            ..self.clone()
        }
    }

    /// The query's parameters that are not empty, in URL order (page 1 left out).
    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let query = self.with_page(self.page.trim().parse().unwrap_or(1));
        KEYS.into_iter()
            .zip(query.values())
            .filter(|(_, value)| !value.is_empty())
            .map(|(key, value)| (key, value.clone()))
            .collect()
    }
}

/// One line of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityLine {
    /// Date and time, Nova Scotia time.
    pub at: Localized,
    pub contact: ContactId,
    pub first_name: String,
    pub last_name: String,
    pub kind: HistoryKind,
    /// The login of whoever acted; none when the system did, or for a failed sign-in.
    pub actor: Option<String>,
    pub changes: Vec<ChangeItem>,
}

/// One page of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityPage {
    /// Events matching the filters, on every page.
    pub total: u64,
    /// One-based.
    pub page: u64,
    pub page_count: u64,
    pub lines: Vec<ActivityLine>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> ActivityQuery {
        ActivityQuery::from_params(|key| {
            pairs
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
                .collect()
        })
    }

    #[test]
    fn the_query_reads_back_from_its_url() {
        let q = query(&[
            ("from", "2026-11-01"),
            ("kind", "signed_in"),
            ("contact", "Marie LeBlanc"),
            ("page", "3"),
        ]);
        assert_eq!(
            q.to_pairs(),
            vec![
                ("from", "2026-11-01".to_string()),
                ("kind", "signed_in".into()),
                ("contact", "Marie LeBlanc".into()),
                ("page", "3".into()),
            ]
        );
        let again = query(
            &q.to_pairs()
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        );
        assert_eq!(again, q);
        assert_eq!(
            query(&[("kind", "created"), ("clear", "1")]),
            ActivityQuery::default()
        );
        assert!(q.with_page(1).to_pairs().iter().all(|(k, _)| *k != "page"));
    }

    #[test]
    fn every_bad_input_is_named() {
        let Err(AppError::Validation(errors)) = query(&[
            ("from", "2026-13-01"),
            ("kind", "dropped_table"),
            ("by", &"x".repeat(EMAIL_MAX + 1)),
            ("page", "0"),
        ])
        .parse() else {
            panic!("accepted");
        };
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [Field::Since, Field::Event, Field::Actor, Field::Page]
        );
        let Err(AppError::Validation(errors)) =
            query(&[("from", "2026-12-01"), ("to", "2026-11-30")]).parse()
        else {
            panic!("accepted");
        };
        assert_eq!(errors[0].code, ValidationCode::EndBeforeStart);
        let ok = query(&[
            ("from", "2026-11-30"),
            ("to", "2026-11-30"),
            ("kind", "sign_in_failed"),
        ])
        .parse()
        .unwrap();
        assert_eq!(ok.kind, Some(HistoryKind::SignInFailed));
        assert_eq!(ok.page, 1);
    }
}
