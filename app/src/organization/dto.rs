//! What crosses between browser and server about the organisation acted for.

use crate::domain::{Localized, ProfileId};
use serde::{Deserialize, Serialize};

/// A security profile, as the filter's select offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileOption {
    pub id: ProfileId,
    pub label: Localized,
}

/// The organisation acted for, as its header shows it, with the profile catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationView {
    pub name: String,
    /// A code the browser translates, e.g. `PRIVATE_NON_PROFIT`.
    pub org_type: String,
    pub address: String,
    pub phone: String,
    pub inactive: bool,
    pub profiles: Vec<ProfileOption>,
    /// The caller administers the organisation: the add buttons show.
    pub can_edit: bool,
}
