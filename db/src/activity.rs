//! The organisation's activity log: every event of its contacts' histories, and the sign-ins
//! of its contacts' accounts, newest first, filtered and a page at a time.
//!
//! Sign-ins are recorded as events of the account's own contact in each organisation it acts
//! for, so that the log is one table read by one index; the contact's history leaves them
//! out (`Kind::SIGN_IN`).

use crate::Error;
use crate::contacts::edit::Change;
use crate::entity::contact_event::{self, Kind};
use crate::entity::{account, contact};
use crate::text::{email_key, like_substring, name_key};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// What the log is asked for. Text filters are the user's raw text; they are folded here.
/// The organisation comes from the caller's session, never from the browser.
#[derive(Clone, Debug, Default)]
pub struct LogQuery {
    pub organization_id: i32,
    /// Events at or after this moment.
    pub since: Option<DateTime<Utc>>,
    /// Events before this moment.
    pub before: Option<DateTime<Utc>>,
    /// Only these kinds; empty for every kind.
    pub kinds: Vec<Kind>,
    /// Words each found in the contact's last or first name.
    pub contact: String,
    /// Text found in the acting account's email or user ID.
    pub actor: String,
    /// Zero-based.
    pub page: u64,
    pub page_size: u64,
}

/// One line of the log.
#[derive(Clone, Debug)]
pub struct LogEntry {
    pub event: contact_event::Model,
    pub first_name: String,
    pub last_name: String,
    /// The login of the account that acted; none when the system did, or for a failed
    /// sign-in (whoever typed the password is not known).
    pub actor: Option<String>,
    /// What the event changed, as recorded.
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug)]
pub struct LogPage {
    pub total: u64,
    pub items: Vec<LogEntry>,
}

fn condition(q: &LogQuery) -> Condition {
    let mut cond =
        Condition::all().add(contact_event::Column::OrganizationId.eq(q.organization_id));
    if let Some(since) = q.since {
        cond = cond.add(contact_event::Column::At.gte(since));
    }
    if let Some(before) = q.before {
        cond = cond.add(contact_event::Column::At.lt(before));
    }
    if !q.kinds.is_empty() {
        cond = cond.add(contact_event::Column::Kind.is_in(q.kinds.clone()));
    }
    // Each word of the name, in the last or the first name: « marie leb » finds Marie LeBlanc.
    let words: Vec<String> = q
        .contact
        .split_whitespace()
        .map(name_key)
        .filter(|w| !w.is_empty())
        .collect();
    if !q.contact.trim().is_empty() {
        let mut names = Condition::all().add(contact::Column::OrganizationId.eq(q.organization_id));
        if words.is_empty() {
            // Text without a letter or a digit names nobody, rather than everybody.
            names = names.add(Expr::val(1).eq(0));
        }
        for word in &words {
            names = names.add(
                Condition::any()
                    .add(Expr::col(contact::Column::LastNameKey).like(like_substring(word)))
                    .add(Expr::col(contact::Column::FirstNameKey).like(like_substring(word))),
            );
        }
        cond = cond.add(
            contact_event::Column::ContactId.in_subquery(
                Query::select()
                    .column(contact::Column::Id)
                    .from(contact::Entity)
                    .cond_where(names)
                    .to_owned(),
            ),
        );
    }
    let actor = email_key(&q.actor);
    if !actor.is_empty() {
        let pattern = like_substring(&actor);
        cond = cond.add(
            contact_event::Column::ActorId.in_subquery(
                Query::select()
                    .column(account::Column::Id)
                    .from(account::Entity)
                    .cond_where(
                        Condition::any()
                            .add(
                                Expr::expr(Func::lower(Expr::col(account::Column::IdentityEmail)))
                                    .like(pattern.clone()),
                            )
                            .add(Expr::col(account::Column::UsernameKey).like(pattern)),
                    )
                    .to_owned(),
            ),
        );
    }
    cond
}

/// The page of the organisation's events matching `q`, newest first, and how many match.
pub async fn log<C: ConnectionTrait>(db: &C, q: &LogQuery) -> Result<LogPage, Error> {
    let cond = condition(q);
    let total = contact_event::Entity::find()
        .filter(cond.clone())
        .count(db)
        .await?;
    let events = contact_event::Entity::find()
        .filter(cond)
        .order_by_desc(contact_event::Column::At)
        .order_by_desc(contact_event::Column::Id)
        .offset(q.page * q.page_size)
        .limit(q.page_size)
        .all(db)
        .await?;
    let contact_ids: Vec<i32> = events.iter().map(|e| e.contact_id).collect();
    let names: HashMap<i32, (String, String)> = contact::Entity::find()
        .filter(contact::Column::Id.is_in(contact_ids))
        .filter(contact::Column::OrganizationId.eq(q.organization_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, (c.first_name, c.last_name)))
        .collect();
    let actor_ids: Vec<i32> = events.iter().filter_map(|e| e.actor_id).collect();
    let actors: HashMap<i32, String> = account::Entity::find()
        .filter(account::Column::Id.is_in(actor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.login()))
        .collect();
    let items = events
        .into_iter()
        .map(|event| {
            let (first_name, last_name) = names.get(&event.contact_id).cloned().unwrap_or_default();
            Ok(LogEntry {
                actor: event.actor_id.and_then(|id| actors.get(&id).cloned()),
                changes: serde_json::from_str(&event.changes)
                    .map_err(|err| Error::History(err.to_string()))?,
                first_name,
                last_name,
                event,
            })
        })
        .collect::<Result<_, Error>>()?;
    Ok(LogPage { total, items })
}

/// Records a sign-in event (`Kind::SIGN_IN`) of `account_id`: in the organisation given, or in
/// every organisation the account acts for. `actor` is the account, except for a failed
/// sign-in, whose author is not known. Nothing secret is recorded: no password, no token.
pub async fn record_sign_in<C: ConnectionTrait>(
    db: &C,
    account_id: i32,
    kind: Kind,
    organization_id: Option<i32>,
    at: DateTime<Utc>,
) -> Result<(), Error> {
    debug_assert!(Kind::SIGN_IN.contains(&kind));
    let actor = (kind != Kind::SignInFailed).then_some(account_id);
    for membership in crate::auth::memberships(db, account_id).await? {
        if organization_id.is_some_and(|id| id != membership.organization.id) {
            continue;
        }
        contact_event::ActiveModel {
            contact_id: Set(membership.contact_id),
            organization_id: Set(membership.organization.id),
            actor_id: Set(actor),
            at: Set(at),
            kind: Set(kind),
            changes: Set("[]".into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{DbBackend, QueryTrait};

    /// What SQLite plans for page 5 of `q`.
    async fn plan(db: &sea_orm::DatabaseConnection, q: &LogQuery) -> String {
        let statement = contact_event::Entity::find()
            .filter(condition(q))
            .order_by_desc(contact_event::Column::At)
            .order_by_desc(contact_event::Column::Id)
            .offset(100)
            .limit(25)
            .build(DbBackend::Sqlite);
        crate::testing::sqlite_plan(db, statement).await
    }

    #[tokio::test]
    async fn no_page_of_the_log_sorts_the_organisations_events() {
        let url = crate::testing::fresh_database_url(crate::testing::Backend::Sqlite)
            .await
            .unwrap();
        let db = crate::open(&url).await.unwrap();
        let all = LogQuery {
            organization_id: 1,
            page_size: 25,
            ..Default::default()
        };
        let day = "2026-11-30T04:00:00Z".parse::<DateTime<Utc>>().unwrap();
        for q in [
            all.clone(),
            LogQuery {
                kinds: vec![Kind::SignedIn],
                ..all.clone()
            },
            LogQuery {
                since: Some(day),
                before: Some(day + chrono::Duration::days(1)),
                ..all.clone()
            },
            LogQuery {
                contact: "marie leb".into(),
                ..all.clone()
            },
            LogQuery {
                actor: "admin@".into(),
                ..all.clone()
            },
        ] {
            let plan = plan(&db, &q).await;
            assert!(!plan.contains("TEMP B-TREE"), "{q:?}: {plan}");
            assert!(
                plan.contains("USING INDEX idx_contact_event_org_at"),
                "{q:?}: {plan}"
            );
        }
    }
}
