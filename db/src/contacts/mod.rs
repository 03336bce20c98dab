//! Reading an organisation's contacts: the filtered, ordered, paginated list of the contacts
//! page, with each row's grants, linked account and latest invitation.

pub mod edit;

use crate::Error;
use crate::entity::{
    account, contact, contact_count, contact_profile, invitation, organization, security_profile,
};
use crate::text::{email_key, like_substring, name_key};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

/// What the list is asked for. Text filters are the user's raw text; they are folded here.
/// The organisation comes from the caller's session, never from the browser.
#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    pub organization_id: i32,
    pub last_name: String,
    pub first_name: String,
    pub email: String,
    pub user_id: String,
    pub profile_id: Option<i32>,
    pub active_only: bool,
    pub with_access: bool,
    /// Zero-based.
    pub page: u64,
    pub page_size: u64,
}

/// One row of the list.
#[derive(Clone, Debug)]
pub struct ListItem {
    pub contact: contact::Model,
    pub profiles: Vec<security_profile::Model>,
    /// The email of the linked identity account, when linked.
    pub account_email: Option<String>,
    /// The user identifier of the linked identity account, when linked.
    pub account_username: Option<String>,
    /// The most recent invitation, whatever its status.
    pub invitation: Option<invitation::Model>,
}

#[derive(Clone, Debug)]
pub struct ListPage {
    pub total: u64,
    pub items: Vec<ListItem>,
}

/// The keys of `column` that start with `key`: a range of the column's index. Keys are compared
/// by code point (see the migration `name_keys_in_code_point_order`), and no key holds
/// U+10FFFF (a noncharacter, never a letter or digit), so the range holds exactly those keys.
fn starts_with(column: contact::Column, key: &str) -> sea_orm::sea_query::SimpleExpr {
    Expr::col(column)
        .gte(key)
        .and(Expr::col(column).lt(format!("{key}\u{10FFFF}")))
}

/// The contacts `q` asks for: the organisation's, active ones only when asked, narrowed by
/// [`filters`]; and whether nothing narrows them (the whole organisation, or all its active
/// contacts).
fn condition(q: &ListQuery) -> (Condition, bool) {
    let mut cond = Condition::all().add(contact::Column::OrganizationId.eq(q.organization_id));
    if q.active_only {
        cond = cond.add(contact::Column::Active.eq(true));
    }
    let narrowing = filters(q);
    let whole = narrowing.is_empty();
    (cond.add(narrowing), whole)
}

/// What narrows the list within the organisation beyond « Actifs uniquement »: the searches,
/// the profile and « Accès au LaMPSS uniquement ». Empty for the whole organisation.
fn filters(q: &ListQuery) -> Condition {
    let mut cond = Condition::all();
    for (text, column) in [
        (&q.last_name, contact::Column::LastNameKey),
        (&q.first_name, contact::Column::FirstNameKey),
    ] {
        if text.trim().is_empty() {
            continue;
        }
        // Only letters and digits take part in a name key: text without any (« % », « ' »)
        // matches no name, rather than every name.
        let key = name_key(text);
        cond = cond.add(if key.is_empty() {
            Expr::val(1).eq(0)
        } else {
            starts_with(column, &key)
        });
    }
    // The email entered in LaMPSS, or the linked identity account's. The account's email is
    // a scalar subquery of the contact's own account (by its primary key), so that only the
    // organisation's accounts are read: an `EXISTS` PostgreSQL would turn into a hashed
    // subplan over every account of every organisation.
    let email = email_key(&q.email);
    if !email.is_empty() {
        let pattern = like_substring(&email);
        let account_email = Query::select()
            .column((account::Entity, account::Column::IdentityEmail))
            .from(account::Entity)
            .and_where(
                Expr::col((account::Entity, account::Column::Id))
                    .equals((contact::Entity, contact::Column::AccountId)),
            )
            .to_owned();
        cond = cond.add(
            Condition::any()
                .add(Expr::col(contact::Column::EmailKey).like(pattern.clone()))
                .add(scalar(account_email).like(pattern)),
        );
    }
    // A user ID is matched whole: the accounts that have it, read by their index (at most a
    // few), then the organisation's contacts linked to them.
    let user_id = email_key(&q.user_id);
    if !user_id.is_empty() {
        cond = cond.add(
            contact::Column::AccountId.in_subquery(
                Query::select()
                    .column(account::Column::Id)
                    .from(account::Entity)
                    .and_where(account::Column::UsernameKey.eq(user_id))
                    .to_owned(),
            ),
        );
    }
    // A profile is looked up for each of the organisation's contacts (by the grant's primary
    // key), never gathered from every organisation's grants.
    if let Some(profile_id) = q.profile_id {
        cond = cond.add(Expr::exists(
            Query::select()
                .expr(Expr::val(1))
                .from(contact_profile::Entity)
                .and_where(
                    Expr::col((contact_profile::Entity, contact_profile::Column::ContactId))
                        .equals((contact::Entity, contact::Column::Id)),
                )
                .and_where(contact_profile::Column::ProfileId.eq(profile_id))
                .to_owned(),
        ));
    }
    if q.with_access {
        cond = cond.add(contact::Column::AccountId.is_not_null());
    }
    cond
}

/// The page of contacts matching `q`, and how many match in all.
///
/// With "active only" the primary contact comes first, then the others by last then first
/// name; otherwise everyone is ordered by last then first name. Either way the rows are read
/// in the order of an index (the primary contact, at most one, is read apart), so no page
/// sorts the organisation.
pub async fn list<C: ConnectionTrait>(db: &C, q: &ListQuery) -> Result<ListPage, Error> {
    let (cond, whole) = condition(q);
    let total = total(db, q, whole, &cond).await?;
    let first_row = q.page.saturating_mul(q.page_size);
    if first_row >= total {
        return Ok(ListPage {
            total,
            items: Vec::new(),
        });
    }
    let by_name = |cond: Condition, offset: u64, limit: u64| {
        by_name(cond).offset(offset).limit(limit).all(db)
    };
    let contacts = if q.active_only {
        let primary = with_account(contact::Entity::find())
            .filter(cond.clone().add(is_the_primary(q.organization_id)))
            .one(db)
            .await?;
        let others = cond.add(contact::Column::IsPrimary.eq(false));
        match primary {
            Some(primary) if first_row == 0 => {
                let mut rows = vec![primary];
                rows.extend(by_name(others, 0, q.page_size.saturating_sub(1)).await?);
                rows
            }
            Some(_) => by_name(others, first_row - 1, q.page_size).await?,
            None => by_name(others, first_row, q.page_size).await?,
        }
    } else {
        by_name(cond, first_row, q.page_size).await?
    };
    let items = rows_with_details(db, contacts).await?;
    Ok(ListPage { total, items })
}

/// How many contacts match `cond`, the condition of `q`. The `whole` organisation, or its
/// active contacts, are as many as its counts say (one row, kept by the database); only a
/// narrower list is counted.
async fn total<C: ConnectionTrait>(
    db: &C,
    q: &ListQuery,
    whole: bool,
    cond: &Condition,
) -> Result<u64, Error> {
    if whole
        && let Some(counts) = contact_count::Entity::find_by_id(q.organization_id)
            .one(db)
            .await?
    {
        let total = if q.active_only {
            counts.active_contacts
        } else {
            counts.contacts
        };
        return Ok(u64::try_from(total).unwrap_or(0));
    }
    Ok(contact::Entity::find()
        .filter(cond.clone())
        .count(db)
        .await?)
}

/// The organisation's primary contact, by its id: the partial unique index
/// `uq_contact_one_primary` (`WHERE is_primary = TRUE`, which the inner query repeats word for
/// word) finds it, so that no filter shape reads the organisation's rows to find one row.
fn is_the_primary(organization_id: i32) -> sea_orm::sea_query::SimpleExpr {
    let primary = Query::select()
        .column(contact::Column::Id)
        .from(contact::Entity)
        .and_where(contact::Column::OrganizationId.eq(organization_id))
        .and_where(Expr::col(contact::Column::IsPrimary).eq(Expr::cust("TRUE")))
        .to_owned();
    // `id = (SELECT …)`, one value: the row is then read by its primary key.
    Expr::col((contact::Entity, contact::Column::Id)).eq(scalar(primary))
}

/// `(SELECT …)` as a value: a query of one row and one column, run for each row it is
/// compared with when it refers to that row.
fn scalar(query: sea_orm::sea_query::SelectStatement) -> sea_orm::sea_query::SimpleExpr {
    sea_orm::sea_query::SimpleExpr::SubQuery(None, Box::new(query.into()))
}

/// Contacts with their linked account, read by its primary key with each row.
fn with_account(
    contacts: sea_orm::Select<contact::Entity>,
) -> sea_orm::SelectTwo<contact::Entity, account::Entity> {
    contacts.find_also_related(account::Entity)
}

/// The contacts matching `cond` with their accounts, by last name, first name and id: the
/// order of the indexes on the organisation's names, whose entries end with the row id.
fn by_name(cond: Condition) -> sea_orm::SelectTwo<contact::Entity, account::Entity> {
    with_account(contact::Entity::find())
        .filter(cond)
        .order_by_asc(contact::Column::LastNameKey)
        .order_by_asc(contact::Column::FirstNameKey)
        .order_by_asc(contact::Column::Id)
}

/// Adds the grants and latest invitations of `contacts` (read with their accounts) in two
/// queries.
async fn rows_with_details<C: ConnectionTrait>(
    db: &C,
    contacts: Vec<(contact::Model, Option<account::Model>)>,
) -> Result<Vec<ListItem>, Error> {
    let ids: Vec<i32> = contacts.iter().map(|(c, _)| c.id).collect();

    // In catalogue order.
    let mut profiles: HashMap<i32, Vec<security_profile::Model>> = HashMap::new();
    for (contact, profile) in crate::auth::grants_of(db, ids.clone()).await? {
        profiles.entry(contact).or_default().push(profile);
    }

    // A page's few invitations, put in order here rather than sorted by the database.
    let mut sent = invitation::Entity::find()
        .filter(invitation::Column::ContactId.is_in(ids))
        .all(db)
        .await?;
    sent.sort_by_key(|inv| (inv.sent_at, inv.id));
    // In the order sent: the last one kept for a contact is its latest.
    let mut invitations: HashMap<i32, invitation::Model> = HashMap::new();
    for inv in sent {
        invitations.insert(inv.contact_id, inv);
    }

    Ok(contacts
        .into_iter()
        .map(|(contact, account)| ListItem {
            profiles: profiles.remove(&contact.id).unwrap_or_default(),
            account_email: account.as_ref().and_then(|a| a.identity_email.clone()),
            account_username: account.map(|a| a.username),
            invitation: invitations.remove(&contact.id),
            contact,
        })
        .collect())
}

/// The organisation, by id.
pub async fn organization<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<organization::Model, Error> {
    organization::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

/// The whole security-profile catalogue, in display order.
pub async fn profile_catalogue<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<security_profile::Model>, Error> {
    Ok(security_profile::Entity::find()
        .order_by_asc(security_profile::Column::SortOrder)
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{DbBackend, QueryTrait};

    /// What SQLite plans for a page of `q`'s rows other than the primary contact.
    async fn plan(db: &sea_orm::DatabaseConnection, q: &ListQuery) -> String {
        explain(db, others(q)).await
    }

    /// The query of a page of `q`'s rows other than the primary contact, as [`list`] reads it.
    fn others(q: &ListQuery) -> sea_orm::SelectTwo<contact::Entity, account::Entity> {
        let (mut cond, _) = condition(q);
        if q.active_only {
            cond = cond.add(contact::Column::IsPrimary.eq(false));
        }
        by_name(cond)
    }

    /// What SQLite plans for page 11 of `select`.
    async fn explain(
        db: &sea_orm::DatabaseConnection,
        select: impl QuerySelect + QueryTrait,
    ) -> String {
        let statement = select.offset(100).limit(10).build(DbBackend::Sqlite);
        crate::testing::sqlite_plan(db, statement).await
    }

    /// A fresh SQLite database with the schema (plans do not need rows), and the default
    /// view of organisation 1.
    async fn empty_database() -> (sea_orm::DatabaseConnection, ListQuery) {
        let url = crate::testing::fresh_database_url(crate::testing::Backend::Sqlite)
            .await
            .unwrap();
        let db = crate::open(&url).await.unwrap();
        (db, default_view())
    }

    /// The default view of organisation 1: active contacts, primary first, 10 a page.
    fn default_view() -> ListQuery {
        ListQuery {
            organization_id: 1,
            active_only: true,
            page_size: 10,
            ..Default::default()
        }
    }

    #[tokio::test]
    async fn no_page_of_the_list_sorts_the_organisation() {
        let (db, default_view) = empty_database().await;
        let everyone = ListQuery {
            active_only: false,
            ..default_view.clone()
        };
        // Primary first in one query, as the list once read it: a sort of the organisation.
        let primary_first = contact::Entity::find()
            .filter(condition(&default_view).0)
            .order_by_desc(contact::Column::IsPrimary)
            .order_by_asc(contact::Column::LastNameKey)
            .order_by_asc(contact::Column::FirstNameKey)
            .order_by_asc(contact::Column::Id);
        assert!(explain(&db, primary_first).await.contains("TEMP B-TREE"));
        for q in [default_view, everyone] {
            let plan = plan(&db, &q).await;
            assert!(!plan.contains("TEMP B-TREE"), "{q:?}: {plan}");
            assert!(
                plan.contains("USING INDEX idx_contact_org"),
                "{q:?}: {plan}"
            );
        }
    }

    #[tokio::test]
    async fn postgres_reads_a_page_in_the_order_of_an_index() {
        use sea_orm::TransactionTrait;
        let Some(url) = crate::testing::fresh_database_url(crate::testing::Backend::Postgres).await
        else {
            return;
        };
        let db = crate::open(&url).await.unwrap();
        let default_view = default_view();
        let everyone = ListQuery {
            active_only: false,
            ..default_view.clone()
        };
        for q in [default_view, everyone] {
            let page = others(&q).offset(100).limit(10).build(DbBackend::Postgres);
            // An empty table is read whole: plan as for an organisation of many rows.
            let txn = db.begin().await.unwrap();
            txn.execute_unprepared("SET LOCAL enable_seqscan = off")
                .await
                .unwrap();
            let plan = crate::testing::postgres_plan(&txn, page).await;
            txn.rollback().await.unwrap();
            assert!(!plan.contains("Sort"), "{q:?}: {plan}");
            assert!(plan.contains("idx_contact_org"), "{q:?}: {plan}");
        }
    }

    #[tokio::test]
    async fn the_primary_contact_and_a_profile_are_looked_up_not_gathered() {
        let (db, default_view) = empty_database().await;
        let primary = with_account(contact::Entity::find()).filter(
            condition(&default_view)
                .0
                .add(is_the_primary(default_view.organization_id)),
        );
        let primary_plan = explain(&db, primary).await;
        assert!(
            primary_plan.contains("SEARCH contact USING INTEGER PRIMARY KEY (rowid=?)"),
            "{primary_plan}"
        );
        assert!(
            primary_plan
                .contains("USING COVERING INDEX uq_contact_one_primary (organization_id=?)"),
            "{primary_plan}"
        );
        let profile = ListQuery {
            profile_id: Some(3),
            ..default_view
        };
        let plan = plan(&db, &profile).await;
        // Each contact's grant by its primary key, not a list of every organisation's grants.
        assert!(
            plan.contains("SEARCH contact_profile EXISTS USING COVERING INDEX sqlite_autoindex_contact_profile_1 (contact_id=? AND profile_id=?)"),
            "{plan}"
        );
        assert!(!plan.contains("LIST SUBQUERY"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }

    #[tokio::test]
    async fn a_name_prefix_is_a_range_of_the_index() {
        let (db, default_view) = empty_database().await;
        let last_name = ListQuery {
            last_name: "Léb".into(),
            ..default_view
        };
        let plan = plan(&db, &last_name).await;
        assert!(
            plan.contains("idx_contact_org_active_sort (organization_id=? AND active=? AND last_name_key>? AND last_name_key<?)"),
            "{plan}"
        );
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
        let first_name = ListQuery {
            active_only: false,
            last_name: String::new(),
            first_name: "eve".into(),
            ..last_name
        };
        // Where no order is to be kept (counting the matches), the first-name index is read.
        let plan = explain(
            &db,
            contact::Entity::find().filter(condition(&first_name).0),
        )
        .await;
        assert!(
            plan.contains("idx_contact_org_first_name (organization_id=? AND first_name_key>? AND first_name_key<?)"),
            "{plan}"
        );
    }
}
