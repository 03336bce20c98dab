//! What the invitation pages and their server functions exchange, the checks on an
//! invitation request that run in the browser and again on the server, and the confirmation
//! every page that sends one asks.

use crate::domain::{ContactId, Localized, ProfileId, query_codes};
use crate::error::{Field, FieldError, ValidationCode};
use crate::i18n::*;
use serde::{Deserialize, Serialize};

/// Longest extra message (« Message d'invitation supplémentaire »).
pub const MESSAGE_MAX: usize = 1000;

/// What an administrator chooses when inviting: the profiles to grant and an extra message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteInput {
    pub profiles: Vec<ProfileId>,
    pub message: String,
}

impl InviteInput {
    /// The controls that post these choices again, each as (name, value): what the
    /// confirmation page carries to OK.
    pub fn controls(&self) -> Vec<(&'static str, String)> {
        let mut controls = vec![("message", self.message.clone())];
        controls.extend(
            self.profiles
                .iter()
                .map(|id| ("profiles[]", id.to_string())),
        );
        controls
    }

    /// The request, checked: the message trimmed, at most [`MESSAGE_MAX`] characters, without
    /// control characters other than line breaks and tabs; at least one profile, each one the
    /// administrator may grant. Every error, in form order.
    pub fn parse(&self, grantable: &[ProfileId]) -> Result<InviteInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let message = self.message.trim().replace("\r\n", "\n");
        if message.chars().count() > MESSAGE_MAX {
            errors.push(FieldError::too_long(Field::Message, MESSAGE_MAX));
        } else if message
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            errors.push(FieldError::new(Field::Message, ValidationCode::InvalidText));
        }
        let mut profiles = self.profiles.clone();
        profiles.sort_unstable();
        profiles.dedup();
        if profiles.is_empty() {
            errors.push(FieldError::new(Field::Profiles, ValidationCode::NoProfile));
        } else if profiles.iter().any(|p| !grantable.contains(p)) {
            errors.push(FieldError::new(
                Field::Profiles,
                ValidationCode::NotGrantable,
            ));
        }
        if errors.is_empty() {
            Ok(InviteInput { profiles, message })
        } else {
            Err(errors)
        }
    }
}

/// A profile of the catalogue, and whether this administrator may grant it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantableProfile {
    pub id: ProfileId,
    pub label: Localized,
    /// The code of the module it belongs to (`GEC`, `EFO`…): the profiles are grouped by it.
    pub module_code: String,
    /// The module's full name, the title of its group.
    pub module: Localized,
    pub grantable: bool,
}

/// The person an invitation is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitee {
    pub id: ContactId,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

/// What an invitation form needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteSettings {
    /// The contact invited (none on « Ajouter … avec accès », where it is being added).
    pub invitee: Option<Invitee>,
    pub profiles: Vec<GrantableProfile>,
    /// The date the invitation would be valid until if sent now.
    pub valid_until: Localized,
    /// The profiles and message the form starts with: those of the contact's last invitation
    /// when it expired, else none.
    pub initial: InviteInput,
    /// The date the expired invitation whose profiles and message fill the form was sent.
    pub reused_from: Option<Localized>,
}

impl InviteSettings {
    pub fn grantable(&self) -> Vec<ProfileId> {
        self.profiles
            .iter()
            .filter(|p| p.grantable)
            .map(|p| p.id)
            .collect()
    }
}

/// The confirmation before an invitation is sent: « Un courriel sera envoyé à … » (`name`,
/// valid until the date), then « Cliquez sur OK … ».
pub fn confirm_send(
    i18n: leptos_i18n::I18nContext<Locale>,
    name: String,
    valid_until: &Localized,
) -> Vec<String> {
    let date = valid_until.get(i18n.get_locale()).to_string();
    vec![
        t_string!(i18n, invitations.confirm_send, name = name, date = date).to_string(),
        t_string!(i18n, contacts.confirm_continue).to_string(),
    ]
}

/// Why an invitation link does not work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkRefusal {
    Unknown,
    Expired,
    Retracted,
    Used,
    /// Its sender no longer administers the module of a profile it grants.
    SenderCannotGrant,
}

query_codes! {
    /// Why accepting from an invitation's page failed, shown on it again
    /// (`/invitation/<token>?error=…`).
    pub enum AcceptError {
        /// Unknown email, or wrong password.
        Invalid = "invalid",
        /// Too many failures of this email or from this address lately: try again later.
        MustWait = "wait",
        /// A new account's password is too short.
        ShortPassword = "short_password",
        /// The invited address already has an account.
        AccountExists = "account_exists",
        /// The account already acts for the organisation through another contact.
        AlreadyMember = "already_member",
        /// The demo identity provider is off (production).
        Disabled = "disabled",
        /// The OpenID provider did not answer.
        Unavailable = "unavailable",
        /// The invitee cancelled at the OpenID provider.
        Cancelled = "cancelled",
        /// Coming back from the OpenID provider did not verify.
        Failed = "failed",
    }
}

/// What an invitation link leads to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkView {
    Valid {
        organization: String,
        first_name: String,
        last_name: String,
        email: String,
        sender: String,
        valid_until: Localized,
        /// The account signed in in this browser, if any.
        signed_in_as: Option<String>,
    },
    Refused(LinkRefusal),
}

/// An email of the development mailbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailView {
    pub id: i32,
    pub to: String,
    pub subject: String,
    pub text: String,
    /// The invitation link in it, if any.
    pub link: Option<String>,
    pub status: MailStatus,
    pub created: Localized,
}

/// Where an email's delivery stands, as the development mailbox shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailStatus {
    /// Waiting for the mail worker (or for its next attempt).
    Pending,
    Sent,
    /// Given up on after the last attempt.
    Failed,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(ids: &[i32]) -> Vec<ProfileId> {
        ids.iter().copied().map(ProfileId).collect()
    }

    fn codes(r: Result<InviteInput, Vec<FieldError>>) -> Vec<(Field, ValidationCode)> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn at_least_one_grantable_profile() {
        let grantable = ids(&[3, 4]);
        let none = InviteInput::default();
        assert_eq!(
            codes(none.parse(&grantable)),
            vec![(Field::Profiles, ValidationCode::NoProfile)]
        );
        let outside = InviteInput {
            profiles: ids(&[3, 9]),
            message: String::new(),
        };
        assert_eq!(
            codes(outside.parse(&grantable)),
            vec![(Field::Profiles, ValidationCode::NotGrantable)]
        );
        let twice = InviteInput {
            profiles: ids(&[4, 3, 4]),
            message: "  Bienvenue !\r\n  ".into(),
        };
        let ok = twice.parse(&grantable).unwrap();
        assert_eq!(ok.profiles, ids(&[3, 4]));
        assert_eq!(ok.message, "Bienvenue !");
    }

    #[test]
    fn message_is_bounded_and_plain() {
        let grantable = ids(&[1]);
        let long = InviteInput {
            profiles: ids(&[1]),
            message: "é".repeat(MESSAGE_MAX + 1),
        };
        assert_eq!(
            codes(long.parse(&grantable)),
            vec![(Field::Message, ValidationCode::TooLong)]
        );
        let exact = InviteInput {
            profiles: ids(&[1]),
            message: "é".repeat(MESSAGE_MAX),
        };
        assert!(exact.parse(&grantable).is_ok());
        let control = InviteInput {
            profiles: ids(&[1]),
            message: "a\u{7}b".into(),
        };
        assert_eq!(
            codes(control.parse(&grantable)),
            vec![(Field::Message, ValidationCode::InvalidText)]
        );
        let lines = InviteInput {
            profiles: ids(&[1]),
            message: "Ligne 1\n\tLigne 2".into(),
        };
        assert!(lines.parse(&grantable).is_ok());
    }
}
