//! The server side of the contacts page: from the session and the query to database calls,
//! and from database rows to the rows the page shows.

pub(crate) mod activity;
mod edit;
mod posted;

pub use edit::{create, details, new_form, remove_access, retract, update, validate};
pub use posted::{post_action, post_form, post_invitation};

use super::dto::{ContactPage, ContactQuery, ContactRow, InvitationLine, PAGE_SIZE};
use crate::domain::{ContactId, Localized, localized_date};
use crate::error::{AppError, Field, ValidationCode};
use crate::server::{Call, member};
use db::contacts::{ListItem, ListQuery};
use db::entity::invitation::Status as InvitationStatus;

#[tracing::instrument(name = "list_contacts", skip_all)]
pub async fn list(query: ContactQuery) -> Result<ContactPage, AppError> {
    let Call {
        caller, db, now, ..
    } = member().await?;
    let mut query = list_query(&db, &caller, &query, PAGE_SIZE).await?;
    let mut page = db::contacts::list(&db, &query).await?;
    let page_count = page.total.div_ceil(PAGE_SIZE);
    // A page past the last (an old link, a list that shrank) shows the last one.
    if page_count > 0 && query.page >= page_count {
        query.page = page_count - 1;
        page = db::contacts::list(&db, &query).await?;
    }
    Ok(ContactPage {
        total: page.total,
        page: query.page + 1,
        page_count,
        rows: page
            .items
            .into_iter()
            .map(|item| row(item, now, caller.membership.contact_id))
            .collect(),
    })
}

/// What `query` asks of the caller's organisation, checked (an unknown profile is refused as
/// the form would refuse it), in pages of `page_size`: the list's query, and the export's.
pub(crate) async fn list_query(
    db: &db::DatabaseConnection,
    caller: &crate::server::Caller,
    query: &ContactQuery,
    page_size: u64,
) -> Result<ListQuery, AppError> {
    let filter = query.parse()?;
    if let Some(profile) = filter.profile {
        let known = db::contacts::profile_catalogue(db)
            .await?
            .iter()
            .any(|p| p.id == profile);
        if !known {
            return Err(AppError::invalid(
                Field::Profile,
                ValidationCode::UnknownProfile,
            ));
        }
    }
    Ok(ListQuery {
        organization_id: caller.organization_id(),
        last_name: filter.last_name,
        first_name: filter.first_name,
        email: filter.email,
        user_id: filter.user_id,
        profile_id: filter.profile,
        active_only: filter.active_only,
        with_access: filter.with_access,
        page: filter.page - 1,
        page_size,
    })
}

fn row(item: ListItem, now: chrono::DateTime<chrono::Utc>, own_contact: i32) -> ContactRow {
    let ListItem {
        contact: c,
        profiles,
        account_email,
        invitation,
        account_username: _,
    } = item;
    let has_access = c.account_id.is_some();
    let invitation = if has_access {
        InvitationLine::Linked
    } else {
        match invitation {
            Some(inv) if inv.status == InvitationStatus::Pending && inv.expires_at > now => {
                InvitationLine::Pending {
                    expires: localized_date(inv.expires_at),
                }
            }
            // A pending invitation past its date is expired, whether or not the periodic
            // task has marked it yet.
            Some(inv)
                if matches!(
                    inv.status,
                    InvitationStatus::Expired | InvitationStatus::Pending
                ) =>
            {
                InvitationLine::Expired {
                    on: localized_date(inv.expires_at),
                }
            }
            _ => InvitationLine::None,
        }
    };
    ContactRow {
        id: ContactId(c.id),
        is_self: c.id == own_contact,
        is_admin: profiles.iter().any(|p| p.is_admin),
        profiles: profiles
            .into_iter()
            .map(|p| Localized {
                fr: p.label_fr,
                en: p.label_en,
            })
            .collect(),
        account_email: account_email.filter(|a| !a.eq_ignore_ascii_case(c.email.trim())),
        last_name: c.last_name,
        first_name: c.first_name,
        is_primary: c.is_primary,
        title: c.title,
        email: c.email,
        phone: c.phone,
        phone_ext: c.phone_ext,
        cell_phone: c.cell_phone,
        language: c.language.into(),
        active: c.active,
        has_access,
        invitation,
    }
}
