//! What crosses between browser and server about the session: who is signed in, and for
//! which organisations.

use crate::domain::{OrganizationId, query_codes};
use serde::{Deserialize, Serialize};

/// An organisation the signed-in account acts for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationChoice {
    pub id: OrganizationId,
    pub name: String,
}

/// Who is signed in, and as which organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub login: String,
    pub organization: OrganizationChoice,
    /// Every organisation the account acts for (the selector shows when there are several).
    pub organizations: Vec<OrganizationChoice>,
    pub is_admin: bool,
}

query_codes! {
    /// Why the sign-in page is shown again (`/login?error=…`).
    pub enum SignInError {
        /// Unknown email, or wrong password.
        Invalid = "invalid",
        /// Too many failures of this email or from this address lately: try again later.
        MustWait = "wait",
        /// The account acts for no organisation.
        NoOrganization = "no_organization",
        /// The demo identity provider is off (production).
        Disabled = "disabled",
        /// The OpenID provider did not answer, or is not configured.
        Unavailable = "unavailable",
        /// The person cancelled at the OpenID provider.
        Cancelled = "cancelled",
        /// Coming back from the OpenID provider did not verify (a link replayed or forged, an
        /// ID token refused).
        Failed = "failed",
    }
}

/// The ways to sign in this server offers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInMethods {
    /// Mon dossier N.-É. / My NS Account, through OpenID Connect.
    pub provider: bool,
    /// The demo identity provider's email and password (development only).
    pub demo: bool,
    /// The email typed in the demo form this browser last sent and was refused (a wrong
    /// password), shown again once so that only the password has to be typed again.
    pub typed_email: Option<String>,
    /// The organisation this browser's session acted for until the account's access to it
    /// was removed, which ended the session.
    pub access_removed_from: Option<String>,
}
