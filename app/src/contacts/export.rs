//! « Exporter (CSV) »: every contact the list's filters select (all pages), in the list's
//! order, as a CSV file in the interface language, for a spreadsheet. Read-only members may
//! export what they may read.
//!
//! The file starts with a UTF-8 byte-order mark (so that Excel reads the accents), is quoted
//! as RFC 4180 says (the `csv` crate), and no cell can start a formula: text that begins with
//! `=`, `+`, `-`, `@`, a tab or a carriage return is written after an apostrophe. It is
//! written as it is read, a few hundred rows at a time, never the whole organisation in
//! memory; a row changed meanwhile is as the database had it when its batch was read.

use super::dto::ContactQuery;
use crate::domain::{Fte, Language, localized_date, localized_day};
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::server::{Call, member};
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

/// The file's name: what it holds, the organisation and the day, in letters a file system
/// takes anywhere (`personnes-ressources-services-d-emploi-de-la-vallee-2026-12-01.csv`).
fn file_name(locale: Locale, organization: &str, today: chrono::NaiveDate) -> String {
    let what = td_string!(locale, contacts.export_file);
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
        let position = match c.position_type.as_str() {
            "MANAGER" => td_string!(locale, contacts.pos_MANAGER),
            "COORDINATOR" => td_string!(locale, contacts.pos_COORDINATOR),
            "COUNSELLOR" => td_string!(locale, contacts.pos_COUNSELLOR),
            "CASE_MANAGER" => td_string!(locale, contacts.pos_CASE_MANAGER),
            "ADMIN" => td_string!(locale, contacts.pos_ADMIN),
            "OTHER" => td_string!(locale, contacts.pos_OTHER),
            other => other,
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
            position.to_owned(),
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
    let today = now.with_timezone(&chrono_tz::America::Halifax).date_naive();
    let file_name = file_name(locale, &caller.membership.organization.name, today);
    let mut head = "\u{feff}".as_bytes().to_vec();
    head.extend(records([headers(locale)])?);
    let context = std::sync::Arc::new(context);
    let batches = futures::stream::try_unfold(Some(list), move |list| {
        let (db, context) = (db.clone(), context.clone());
        async move {
            let Some(list) = list else {
                return Ok(None);
            };
            let page = db::contacts::list(&db, &list).await?;
            let read = (list.page + 1) * list.page_size;
            let bytes = records(page.items.iter().map(|item| context.row(item)))?;
            let next = (read < page.total && !page.items.is_empty()).then(|| ListQuery {
                page: list.page + 1,
                ..list
            });
            Ok::<_, AppError>(Some((bytes, next)))
        }
    });
    let bytes = futures::stream::once(async { Ok::<_, AppError>(head) }).chain(batches);
    Ok(CsvFile {
        file_name,
        bytes: bytes.boxed(),
    })
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
    fn the_file_is_named_after_the_organisation_and_the_day() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            file_name(Locale::fr, "Services d'emploi de la Vallée", day),
            "personnes-ressources-services-d-emploi-de-la-vallee-2026-12-01.csv"
        );
        assert_eq!(
            file_name(Locale::en, " Centre « Rivière » ", day),
            "contacts-centre-riviere-2026-12-01.csv"
        );
    }
}
