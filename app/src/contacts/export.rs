//! « Exporter (CSV) »: every contact the list's filters select (all pages), in the list's
//! order, as a CSV file in the interface language, for a spreadsheet. Read-only members may
//! export what they may read.
//!
//! The file starts with a UTF-8 byte-order mark (so that Excel reads the accents), is quoted
//! as RFC 4180 says (the `csv` crate), and no cell can start a formula: text that begins with
//! `=`, `+`, `-`, `@`, a tab or a carriage return is written after an apostrophe. It is
//! written as it is read, a few hundred rows at a time, never the whole organisation in
//! memory; a row changed meanwhile is as the database had it when its batch was read.

use super::activity::actor_text;
use super::activity::dto::ActivityQuery;
use super::dto::ContactQuery;
use super::history::{change_text, kind_text};
use super::server::activity::{Reader, log_query};
use crate::domain::{Fte, Language, localized_date, localized_day};
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::server::{Call, admin, member};
use db::activity::LogQuery;
use db::contacts::{ListItem, ListQuery};
use db::entity::invitation;
use futures::stream::{BoxStream, StreamExt};
use std::collections::HashMap;

/// Contacts read from the database at a time.
const BATCH: u64 = 500;

/// A CSV file on its way: its name, and its bytes as they are written.
pub struct CsvFile {
    pub file_name: String,
    pub bytes: BoxStream<'static, Result<Vec<u8>, AppError>>,
}

/// Neutralises a cell a spreadsheet would read as a formula: it is written after an
/// apostrophe, which spreadsheets show as text and do not display.
pub fn cell(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// `rows` as CSV records, each cell neutralised ([`cell`]).
pub fn records(rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        writer
            .write_record(row.iter().map(|value| cell(value).into_owned()))
            .map_err(crate::server::internal)?;
    }
    writer.into_inner().map_err(crate::server::internal)
}

/// The file's name: what it holds, the organisation and the day of `now` in Nova Scotia, in
/// letters a file system takes anywhere
/// (`personnes-ressources-services-d-emploi-de-la-vallee-2026-12-01.csv`).
fn file_name(what: &str, organization: &str, now: chrono::DateTime<chrono::Utc>) -> String {
    let today = now.with_timezone(&chrono_tz::America::Halifax).date_naive();
    let mut slug = String::new();
    for c in db::text::fold(organization).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    format!("{what}-{}-{today}.csv", slug.trim_matches('-'))
}

/// The column headers, in `locale`.
fn headers(locale: Locale) -> Vec<String> {
    [
        td_string!(locale, contacts.last_name),
        td_string!(locale, contacts.first_name),
        td_string!(locale, contacts.email),
        td_string!(locale, contacts.export_identity_email),
        td_string!(locale, contacts.user_id),
        td_string!(locale, contacts.title_field),
        td_string!(locale, contacts.phone_field),
        td_string!(locale, contacts.ext_field),
        td_string!(locale, contacts.cell_field),
        td_string!(locale, contacts.language_field),
        td_string!(locale, contacts.office_location),
        td_string!(locale, contacts.position_type),
        td_string!(locale, contacts.fte),
        td_string!(locale, contacts.start_date),
        td_string!(locale, contacts.end_date),
        td_string!(locale, contacts.col_status),
        td_string!(locale, contacts.primary),
        td_string!(locale, contacts.access),
        td_string!(locale, contacts.profiles),
        td_string!(locale, contacts.field_invitation),
        td_string!(locale, contacts.export_invitation_date),
    ]
    .into_iter()
    .map(str::to_owned)
    .collect()
}

/// What the file needs beside the rows: the organisation's office names and the moment.
struct Context {
    locale: Locale,
    offices: HashMap<String, String>,
    now: chrono::DateTime<chrono::Utc>,
}

impl Context {
    fn row(&self, item: &ListItem) -> Vec<String> {
        let locale = self.locale;
        let c = &item.contact;
        let language = Language::from(c.language);
        let yes_no = |yes: bool| {
            if yes {
                td_string!(locale, contacts.export_yes)
            } else {
                td_string!(locale, contacts.export_no)
            }
            .to_owned()
        };
        let profiles: Vec<&str> = item
            .profiles
            .iter()
            .map(|p| match locale {
                Locale::fr => p.label_fr.as_str(),
                Locale::en => p.label_en.as_str(),
            })
            .collect();
        let (invitation, invited_on) = match &item.invitation {
            Some(i) => {
                let state = match i.status {
                    invitation::Status::Pending if i.expires_at > self.now => {
                        td_string!(locale, contacts.export_pending)
                    }
                    invitation::Status::Pending | invitation::Status::Expired => {
                        td_string!(locale, contacts.export_expired)
                    }
                    invitation::Status::Accepted => td_string!(locale, contacts.export_accepted),
                    invitation::Status::Retracted => td_string!(locale, contacts.export_retracted),
                };
                let day = localized_date(i.sent_at).get(locale).to_owned();
                (state.to_owned(), day)
            }
            None => (String::new(), String::new()),
        };
        let day = |d: Option<chrono::NaiveDate>| {
            d.map(|d| localized_day(d).get(locale).to_owned())
                .unwrap_or_default()
        };
        vec![
            c.last_name.clone(),
            c.first_name.clone(),
            c.email.clone(),
            item.account_email.clone().unwrap_or_default(),
            item.account_username.clone().unwrap_or_default(),
            c.title.clone(),
            c.phone.clone(),
            c.phone_ext.clone(),
            c.cell_phone.clone(),
            match language {
                Language::Fr => td_string!(locale, contacts.lang_fr),
                Language::En => td_string!(locale, contacts.lang_en),
            }
            .to_owned(),
            self.offices
                .get(&c.office_location)
                .cloned()
                .unwrap_or_else(|| c.office_location.clone()),
            super::contact_form::position_label_in(locale, &c.position_type),
            c.fte_hundredths
                .and_then(Fte::from_hundredths)
                .map(|fte| fte.written(Language::from(locale)))
                .unwrap_or_default(),
            day(c.start_date),
            day(c.end_date),
            if c.active {
                td_string!(locale, contacts.active)
            } else {
                td_string!(locale, contacts.inactive)
            }
            .to_owned(),
            yes_no(c.is_primary),
            yes_no(c.account_id.is_some()),
            profiles.join(", "),
            invitation,
            invited_on,
        ]
    }
}

/// The contacts `query` selects in the caller's organisation, as a CSV file in `locale`.
/// Checked as the list is (the same caller, the same filters, the same errors) before a byte
/// is written.
pub async fn contacts(query: ContactQuery, locale: Locale) -> Result<CsvFile, AppError> {
    let Call {
        caller, db, now, ..
    } = member().await?;
    // Every page, from the first.
    let list = ListQuery {
        page: 0,
        ..super::server::list_query(&db, &caller, &query, BATCH).await?
    };
    let organization_id = caller.organization_id();
    let offices = db::contacts::edit::office_locations(&db, organization_id)
        .await?
        .into_iter()
        .map(|o| (o.code, o.name))
        .collect();
    let context = Context {
        locale,
        offices,
        now,
    };
    let file_name = file_name(
        td_string!(locale, contacts.export_file),
        &caller.membership.organization.name,
        now,
    );
    let context = std::sync::Arc::new(context);
    let bytes = in_batches(headers(locale), list, move |list| {
        let (db, context) = (db.clone(), context.clone());
        async move {
            let page = db::contacts::list(&db, &list).await?;
            let read = (list.page + 1) * list.page_size;
            let bytes = records(page.items.iter().map(|item| context.row(item)))?;
            let next = (read < page.total && !page.items.is_empty()).then(|| ListQuery {
                page: list.page + 1,
                ..list
            });
            Ok((bytes, next))
        }
    });
    Ok(CsvFile { file_name, bytes })
}

/// The organisation's activity log as `query` filters it, as a CSV file in `locale`, newest
/// first. Administrators only, checked as the page is before a byte is written.
pub async fn activity(query: ActivityQuery, locale: Locale) -> Result<CsvFile, AppError> {
    let Call {
        caller, db, now, ..
    } = admin().await?;
    let log = LogQuery {
        page: 0,
        ..log_query(&caller, &query, BATCH)?
    };
    let reader = std::sync::Arc::new(Reader::new(&db, &caller).await?);
    let file_name = file_name(
        td_string!(locale, contacts.log_export_file),
        &caller.membership.organization.name,
        now,
    );
    let headers = [
        td_string!(locale, contacts.log_col_when),
        td_string!(locale, contacts.last_name),
        td_string!(locale, contacts.first_name),
        td_string!(locale, contacts.log_col_event),
        td_string!(locale, contacts.log_by),
        td_string!(locale, contacts.log_col_details),
    ]
    .map(str::to_owned)
    .to_vec();
    let bytes = in_batches(headers, log, move |log| {
        let (db, reader) = (db.clone(), reader.clone());
        async move {
            let page = db::activity::log(&db, &log).await?;
            let read = (log.page + 1) * log.page_size;
            let next = (read < page.total && !page.items.is_empty()).then(|| LogQuery {
                page: log.page + 1,
                ..log.clone()
            });
            let mut rows = Vec::with_capacity(page.items.len());
            for entry in page.items {
                let line = reader.line(entry)?;
                let who = actor_text(locale, line.actor.as_deref(), line.kind);
                let details: Vec<String> = line
                    .changes
                    .iter()
                    .map(|change| change_text(locale, line.kind, change))
                    .collect();
                rows.push(vec![
                    line.at.get(locale).to_owned(),
                    line.last_name,
                    line.first_name,
                    kind_text(locale, line.kind).to_owned(),
                    who,
                    details.join("\n"),
                ]);
            }
            Ok((records(rows)?, next))
        }
    });
    Ok(CsvFile { file_name, bytes })
}

/// The file's bytes: the byte-order mark and `headers`, then the records of each batch that
/// `batch` reads, from `first` on, until it names no next one. One batch is held at a time.
fn in_batches<Q, F, Fut>(
    headers: Vec<String>,
    first: Q,
    batch: F,
) -> BoxStream<'static, Result<Vec<u8>, AppError>>
where
    Q: Send + 'static,
    F: Fn(Q) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<(Vec<u8>, Option<Q>), AppError>> + Send + 'static,
{
    let mut head = "\u{feff}".as_bytes().to_vec();
    let head = records([headers]).map(|records| {
        head.extend(records);
        head
    });
    let batches = futures::stream::try_unfold(Some(first), move |next| {
        let read = next.map(&batch);
        async move {
            match read {
                Some(read) => read.await.map(|(bytes, next)| Some((bytes, next))),
                None => Ok(None),
            }
        }
    });
    futures::stream::once(async { head }).chain(batches).boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_of(rows: &[&[&str]]) -> String {
        let rows = rows
            .iter()
            .map(|row| row.iter().map(|cell| cell.to_string()).collect());
        String::from_utf8(records(rows).unwrap()).unwrap()
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted_as_rfc_4180_says() {
        assert_eq!(
            csv_of(&[
                &[
                    "LeBlanc, Luc",
                    "dit \"Lulu\"",
                    "ligne 1\nligne 2",
                    "Élise Côté"
                ],
                &["", "Zwicker", "", ""],
            ]),
            "\"LeBlanc, Luc\",\"dit \"\"Lulu\"\"\",\"ligne 1\nligne 2\",Élise Côté\r\n,Zwicker,,\r\n"
        );
    }

    #[test]
    fn no_cell_starts_a_formula() {
        for (typed, written) in [
            ("=1+1", "'=1+1"),
            ("+1 902 555 1212", "'+1 902 555 1212"),
            ("-5", "'-5"),
            ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
            ("\tcmd", "'\tcmd"),
            ("\rcmd", "'\rcmd"),
            ("Marie", "Marie"),
            ("(902) 555-1212", "(902) 555-1212"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(cell(typed), written, "{typed:?}");
        }
        assert_eq!(csv_of(&[&["=1+1", "\rcmd"]]), "'=1+1,\"'\rcmd\"\r\n");
    }

    #[test]
    fn the_file_is_named_after_the_organisation_and_the_nova_scotia_day() {
        // 1 December, 02:30 in Halifax.
        let now = "2026-12-01T06:30:00Z".parse().unwrap();
        assert_eq!(
            file_name(
                "personnes-ressources",
                "Services d'emploi de la Vallée",
                now
            ),
            "personnes-ressources-services-d-emploi-de-la-vallee-2026-12-01.csv"
        );
        // Still 30 November in Halifax.
        let now = "2026-12-01T03:30:00Z".parse().unwrap();
        assert_eq!(
            file_name("contacts", " Centre « Rivière » ", now),
            "contacts-centre-riviere-2026-11-30.csv"
        );
    }
}
