//! The server side of the organisation acted for.

use super::dto::{OrganizationView, ProfileOption};
use crate::domain::{Localized, ProfileId};
use crate::error::AppError;
use crate::server::{Call, member};

/// The organisation the caller acts for, with the security-profile catalogue.
#[tracing::instrument(name = "get_organization", skip_all)]
pub async fn organization() -> Result<OrganizationView, AppError> {
    let Call { caller, db, .. } = member().await?;
    let can_edit = caller.membership.is_admin();
    let org = caller.membership.organization;
    let profiles = db::contacts::profile_catalogue(&db)
        .await?
        .into_iter()
        .map(|p| ProfileOption {
            id: ProfileId(p.id),
            label: Localized {
                fr: p.label_fr,
                en: p.label_en,
            },
        })
        .collect();
    Ok(OrganizationView {
        name: org.name,
        org_type: org.org_type,
        address: org.address,
        phone: org.phone,
        inactive: org.inactive,
        profiles,
        can_edit,
    })
}
