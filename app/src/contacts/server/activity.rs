//! The server side of the activity log: from the session and the query to the database's
//! log, and from its events to the lines the page (or the CSV file) shows.

use super::edit::{history_kind, read_change};
use crate::contacts::activity::dto::{ActivityLine, ActivityPage, ActivityQuery, PAGE_SIZE};
use crate::contacts::dto::{ChangeItem, OfficeChoice};
use crate::domain::{ContactId, IsoDate, localized_date_time};
use crate::error::AppError;
use crate::server::{Call, Caller, admin};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::America::Halifax;
use db::DatabaseConnection;
use db::activity::{LogEntry, LogQuery};
use db::entity::security_profile;

/// One page of the log of the organisation acted for. Administrators only.
#[tracing::instrument(name = "activity_log", skip_all)]
pub async fn page(query: ActivityQuery) -> Result<ActivityPage, AppError> {
    let Call { caller, db, .. } = admin().await?;
    let mut query = log_query(&caller, &query, PAGE_SIZE)?;
    let mut page = db::activity::log(&db, &query).await?;
    let page_count = page.total.div_ceil(PAGE_SIZE);
    // A page past the last (an old link, a log filtered further) shows the last one.
    if page_count > 0 && query.page >= page_count {
        query.page = page_count - 1;
        page = db::activity::log(&db, &query).await?;
    }
    let reader = Reader::new(&db, &caller).await?;
    Ok(ActivityPage {
        total: page.total,
        page: query.page + 1,
        page_count,
        lines: page
            .items
            .into_iter()
            .map(|entry| reader.line(entry))
            .collect::<Result<_, _>>()?,
    })
}

/// What `query` asks of the caller's organisation's log, checked, in pages of `page_size`:
/// the page's query, and the export's. Days are Nova Scotia days.
pub(crate) fn log_query(
    caller: &Caller,
    query: &ActivityQuery,
    page_size: u64,
) -> Result<LogQuery, AppError> {
    let filter = query.parse()?;
    let kinds = match filter.kind {
        Some(kind) => vec![super::edit::event_kind(kind)?],
        None => Vec::new(),
    };
    Ok(LogQuery {
        organization_id: caller.organization_id(),
        since: filter.from.map(start_of),
        before: filter.to.and_then(|day| {
            let day = naive(day)?.succ_opt()?;
            Some(start_of_naive(day))
        }),
        kinds,
        contact: filter.contact,
        actor: filter.by,
        page: filter.page - 1,
        page_size,
    })
}

fn naive(day: IsoDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(day.year.into(), day.month.into(), day.day.into())
}

/// The moment a Nova Scotia day starts.
fn start_of_naive(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    // A day whose midnight a clock change skips starts at the first moment it has.
    Halifax
        .from_local_datetime(&midnight)
        .earliest()
        .or_else(|| {
            Halifax
                .from_local_datetime(&(midnight + chrono::Duration::hours(1)))
                .earliest()
        })
        .map_or_else(|| midnight.and_utc(), |at| at.with_timezone(&Utc))
}

fn start_of(day: IsoDate) -> DateTime<Utc> {
    // `IsoDate` only holds real days.
    naive(day).map_or(DateTime::<Utc>::MIN_UTC, start_of_naive)
}

/// Reads the log's events as their lines: the organisation's office names and the profiles'
/// labels, read once.
pub(crate) struct Reader {
    offices: Vec<OfficeChoice>,
    profiles: Vec<security_profile::Model>,
}

impl Reader {
    pub(crate) async fn new(db: &DatabaseConnection, caller: &Caller) -> Result<Self, AppError> {
        let offices = db::contacts::edit::office_locations(db, caller.organization_id())
            .await?
            .into_iter()
            .map(|o| OfficeChoice {
                code: o.code,
                name: o.name,
            })
            .collect();
        let profiles = db::contacts::profile_catalogue(db).await?;
        Ok(Self { offices, profiles })
    }

    pub(crate) fn line(&self, entry: LogEntry) -> Result<ActivityLine, AppError> {
        Ok(ActivityLine {
            at: localized_date_time(entry.event.at),
            contact: ContactId(entry.event.contact_id),
            first_name: entry.first_name,
            last_name: entry.last_name,
            kind: history_kind(entry.event.kind)?,
            actor: entry.actor,
            changes: entry
                .changes
                .into_iter()
                .map(|change| read_change(change, &self.offices, &self.profiles))
                .collect::<Result<Vec<ChangeItem>, _>>()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_a_nova_scotia_day() {
        let day = |y, m, d| IsoDate {
            year: y,
            month: m,
            day: d,
        };
        // Atlantic Standard Time in winter, Daylight Time in summer.
        assert_eq!(
            start_of(day(2026, 12, 1)).to_rfc3339(),
            "2026-12-01T04:00:00+00:00"
        );
        assert_eq!(
            start_of(day(2026, 7, 1)).to_rfc3339(),
            "2026-07-01T03:00:00+00:00"
        );
    }
}
