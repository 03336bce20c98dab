//! What crosses between browser and server for the contacts list: the query as the URL
//! carries it, its parsed form, and the rows of a page.

use crate::domain::limits::{EMAIL_MAX, NAME_MAX};
use crate::domain::{ContactId, Language, Localized};
use crate::error::{AppError, Field, FieldError, ValidationCode};
use crate::ui::LiveQuery;
use serde::{Deserialize, Serialize};

/// Contacts a page.
pub const PAGE_SIZE: u64 = 10;
/// The highest page number asked for that is not refused outright.
pub const MAX_PAGE: u64 = 100_000;
/// The list's filters and page exactly as the URL query carries them (all text, so that any
/// URL or request body deserialises and then gets a clear validation message).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactQuery {
    pub last_name: String,
    pub first_name: String,
    pub email: String,
    pub user_id: String,
    /// A security-profile id, or empty for any.
    pub profile: String,
    /// `0` shows inactive contacts too; anything else (or nothing) shows active ones only.
    pub active: String,
    /// `1` shows only contacts with LaMPSS access.
    pub access: String,
    /// One-based; empty means 1.
    pub page: String,
}

/// A validated [`ContactQuery`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactFilter {
    pub last_name: String,
    pub first_name: String,
    pub email: String,
    pub user_id: String,
    pub profile: Option<i32>,
    pub active_only: bool,
    pub with_access: bool,
    /// One-based.
    pub page: u64,
}

impl ContactQuery {
    /// Reads the query from URL parameters. A checkbox's hidden companion may repeat a key:
    /// the last value wins, as the form sends them in document order. `clear` resets all.
    pub fn from_params(get_all: impl Fn(&str) -> Vec<String>) -> Self {
        let last = |key: &str| get_all(key).pop().unwrap_or_default();
        if !last("clear").is_empty() {
            return Self::default();
        }
        Self {
            last_name: last("last_name"),
            first_name: last("first_name"),
            email: last("email"),
            user_id: last("user_id"),
            profile: last("profile"),
            active: last("active"),
            access: last("access"),
            page: last("page"),
        }
    }

    pub fn active_only(&self) -> bool {
        !matches!(self.active.trim(), "0" | "false" | "off")
    }

    pub fn with_access(&self) -> bool {
        matches!(self.access.trim(), "1" | "true" | "on")
    }

    /// The URL query string (`?…`) for this query; default values are left out.
    pub fn to_query_string(&self) -> String {
        crate::url::with_query("", &self.to_pairs())
    }

    /// Checks every input; the first problem found is returned.
    pub fn parse(&self) -> Result<ContactFilter, AppError> {
        let text = |value: &str, field: Field, max: usize| {
            let value = value.trim();
            if value.chars().count() > max {
                Err(AppError::Validation(vec![FieldError::too_long(field, max)]))
            } else {
                Ok(value.to_string())
            }
        };
        let profile =
            match self.profile.trim() {
                "" => None,
                id => Some(id.parse::<i32>().ok().filter(|id| *id > 0).ok_or(
                    AppError::invalid(Field::Profile, ValidationCode::UnknownProfile),
                )?),
            };
        let page = match self.page.trim() {
            "" => 1,
            page => page
                .parse::<u64>()
                .ok()
                .filter(|p| (1..=MAX_PAGE).contains(p))
                .ok_or(AppError::invalid(Field::Page, ValidationCode::InvalidPage))?,
        };
        Ok(ContactFilter {
            last_name: text(&self.last_name, Field::LastName, NAME_MAX)?,
            first_name: text(&self.first_name, Field::FirstName, NAME_MAX)?,
            email: text(&self.email, Field::Email, EMAIL_MAX)?,
            user_id: text(&self.user_id, Field::UserId, EMAIL_MAX)?,
            profile,
            active_only: self.active_only(),
            with_access: self.with_access(),
            page,
        })
    }
}

impl LiveQuery for ContactQuery {
    const PATH: &'static str = crate::routes::CONTACTS;

    /// The same filters on another page.
    fn with_page(&self, page: u64) -> Self {
        Self {
            page: if page <= 1 {
                String::new()
            } else {
                page.to_string()
            },
            ..self.clone()
        }
    }

    /// The query's parameters that differ from the defaults, in URL order.
    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        for (key, value) in [
            ("last_name", &self.last_name),
            ("first_name", &self.first_name),
            ("email", &self.email),
            ("user_id", &self.user_id),
            ("profile", &self.profile),
        ] {
            if !value.is_empty() {
                pairs.push((key, value.clone()));
            }
        }
        if !self.active_only() {
            pairs.push(("active", "0".into()));
        }
        if self.with_access() {
            pairs.push(("access", "1".into()));
        }
        if let Some(page) = self.page.trim().parse::<u64>().ok().filter(|p| *p > 1) {
            pairs.push(("page", page.to_string()));
        }
        pairs
    }
}

/// The third column's last line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationLine {
    /// Linked to an identity account.
    Linked,
    /// Sent, waiting, valid until the date.
    Pending { expires: Localized },
    /// Sent, never accepted, expired on the date.
    Expired { on: Localized },
    /// Never invited, or the last invitation was retracted.
    None,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactRow {
    pub id: ContactId,
    pub last_name: String,
    pub first_name: String,
    pub is_primary: bool,
    /// Holds an administrator profile.
    pub is_admin: bool,
    pub profiles: Vec<Localized>,
    pub title: String,
    pub email: String,
    /// The linked identity account's email, only when it differs from `email`.
    pub account_email: Option<String>,
    pub phone: String,
    pub phone_ext: String,
    pub cell_phone: String,
    pub language: Language,
    pub active: bool,
    pub has_access: bool,
    pub invitation: InvitationLine,
    /// The caller's own contact record (nobody removes their own access).
    pub is_self: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPage {
    /// Contacts matching the filters, on all pages.
    pub total: u64,
    /// One-based.
    pub page: u64,
    pub page_count: u64,
    pub rows: Vec<ContactRow>,
}

/// An office of the organisation, as the details form offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeChoice {
    pub code: String,
    pub name: String,
}

/// What the details form needs from the organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSettings {
    /// Office location, position type and FTE are required (Nova Scotia Works).
    pub requires_job: bool,
    pub office_locations: Vec<OfficeChoice>,
    /// The organisation's primary contact: its id and « Nom, Prénom ».
    pub primary: Option<(ContactId, String)>,
    /// Today on the Nova Scotia calendar (`YYYY-MM-DD`), a new contact's start date.
    pub today: String,
    /// The caller administers the organisation and may change its contacts.
    pub can_edit: bool,
}

impl FormSettings {
    pub fn office_codes(&self) -> Vec<String> {
        self.office_locations
            .iter()
            .map(|o| o.code.clone())
            .collect()
    }
}

/// What a change in a contact's history is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Changed {
    /// A field of the contact's form, or of its invitation (profiles, message, user ID).
    Field(Field),
    /// Its access to LaMPSS.
    Access,
    /// The state of its invitation.
    Invitation,
}

/// An invitation's state, as a history change records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationState {
    Pending,
    Retracted,
    Expired,
}

/// A value before or after a change, as the server read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeValue {
    /// No value (« (vide) »).
    Empty,
    /// Yes or no.
    Flag(bool),
    Language(Language),
    /// A position type's code (« Type de poste »).
    Position(String),
    Invitation(InvitationState),
    /// Text as entered, or the names of an office or of profiles.
    Text(Localized),
    /// A number or a date, as each language writes it (« 0,5 », « 30 nov. 2026 »).
    Formatted(Localized),
}

/// One field of a history entry, its values already readable (office names, profile labels).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeItem {
    pub field: Changed,
    pub from: ChangeValue,
    pub to: ChangeValue,
}

/// What an entry of a contact's history records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryKind {
    Created,
    Updated,
    Deactivated,
    Reactivated,
    MadePrimary,
    NoLongerPrimary,
    InvitationRetracted,
    AccessRemoved,
    InvitationSent,
    InvitationResent,
    InvitationDelivered,
    InvitationFailed,
    InvitationAccepted,
    InvitationExpired,
    SignedIn,
    SignInFailed,
    OrganizationSwitched,
    SignedOut,
}

impl HistoryKind {
    /// Every kind, in the order the activity log's filter offers them.
    pub const ALL: [HistoryKind; 18] = [
        HistoryKind::Created,
        HistoryKind::Updated,
        HistoryKind::Deactivated,
        HistoryKind::Reactivated,
        HistoryKind::MadePrimary,
        HistoryKind::NoLongerPrimary,
        HistoryKind::InvitationSent,
        HistoryKind::InvitationDelivered,
        HistoryKind::InvitationFailed,
        HistoryKind::InvitationResent,
        HistoryKind::InvitationRetracted,
        HistoryKind::InvitationAccepted,
        HistoryKind::InvitationExpired,
        HistoryKind::AccessRemoved,
        HistoryKind::SignedIn,
        HistoryKind::SignInFailed,
        HistoryKind::OrganizationSwitched,
        HistoryKind::SignedOut,
    ];

    /// The kind's code: in the URL of the activity log, and as the database records it.
    pub fn code(self) -> &'static str {
        match self {
            HistoryKind::Created => "created",
            HistoryKind::Updated => "updated",
            HistoryKind::Deactivated => "deactivated",
            HistoryKind::Reactivated => "reactivated",
            HistoryKind::MadePrimary => "made_primary",
            HistoryKind::NoLongerPrimary => "no_longer_primary",
            HistoryKind::InvitationRetracted => "invitation_retracted",
            HistoryKind::AccessRemoved => "access_removed",
            HistoryKind::InvitationSent => "invitation_sent",
            HistoryKind::InvitationResent => "invitation_resent",
            HistoryKind::InvitationDelivered => "invitation_delivered",
            HistoryKind::InvitationFailed => "invitation_failed",
            HistoryKind::InvitationAccepted => "invitation_accepted",
            HistoryKind::InvitationExpired => "invitation_expired",
            HistoryKind::SignedIn => "signed_in",
            HistoryKind::SignInFailed => "sign_in_failed",
            HistoryKind::OrganizationSwitched => "organization_switched",
            HistoryKind::SignedOut => "signed_out",
        }
    }

    /// The kind whose code is `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// One entry of a contact's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryItem {
    /// Date and time, Nova Scotia time.
    pub at: Localized,
    pub kind: HistoryKind,
    /// The login of whoever acted; none when the system did.
    pub actor: Option<String>,
    pub changes: Vec<ChangeItem>,
}

/// « Détails Pers.-ress. de l'organisme »: one contact, its history and the form's settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDetails {
    pub id: ContactId,
    /// The version the form saves against.
    pub version: i32,
    pub input: super::form::ContactInput,
    /// The linked identity account, when linked.
    pub identity: Option<IdentityAccount>,
    /// Deactivating would retract this pending invitation.
    pub pending_invitation: bool,
    /// The caller's own contact record.
    pub is_self: bool,
    /// When the invitation (pending or expired) can be sent again: the date a new one would
    /// be valid until.
    pub resend_until: Option<Localized>,
    /// When the invitation could be sent again but not by this administrator: the code of a
    /// module of its profiles that they do not administer.
    pub resend_blocked_by: Option<String>,
    pub history: Vec<HistoryItem>,
    pub settings: FormSettings,
}

impl ContactDetails {
    /// The contact as saved, as the questions of saving it see it.
    pub fn before(&self) -> super::form::Before {
        super::form::Before {
            active: self.input.active,
            primary: self.input.is_primary,
            has_access: self.identity.is_some(),
            pending_invitation: self.pending_invitation,
            email: self.input.email.clone(),
            other_primary: self
                .settings
                .primary
                .clone()
                .filter(|(id, _)| *id != self.id)
                .map(|(_, name)| name),
        }
    }
}

/// The identity account (Mon dossier N.-É.) linked to a contact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityAccount {
    /// The provider's user identifier (preferred username, else subject).
    pub user_id: String,
    /// The identity account's email, as the provider gave it at the last sign-in.
    pub email: Option<String>,
}

/// What saving a contact's details did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedContact {
    /// The version a further save is based on.
    pub version: i32,
    /// The new email retracted the contact's pending invitation (its link went to the old
    /// address).
    pub invitation_retracted: bool,
}

/// The details form as an HTML form posts it before the WebAssembly has loaded: each
/// control's name and text; a checkbox is there only when checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactFormPost {
    /// The contact edited; empty for a new one.
    pub contact: String,
    /// The version the form was loaded at.
    pub version: String,
    /// The list, with its filters, where the form returns.
    pub back: String,
    /// OK on the confirmation page.
    pub confirmed: String,
    /// Annuler on the confirmation page: back to the form, as typed.
    pub cancel: String,
    /// The contact is added with access: the invitation's fields follow.
    pub with_access: String,
    pub message: String,
    /// The ids of the profiles checked.
    pub profiles: Vec<String>,
    pub last_name: String,
    pub first_name: String,
    pub email: String,
    pub title: String,
    pub phone: String,
    pub phone_ext: String,
    pub cell_phone: String,
    pub language: String,
    pub active: Option<String>,
    pub is_primary: Option<String>,
    pub office_location: String,
    pub fte: String,
    pub start_date: String,
    pub end_date: String,
    pub position_type: String,
}

impl ContactFormPost {
    /// The form's fields.
    pub fn input(&self) -> super::form::ContactInput {
        super::form::ContactInput {
            last_name: self.last_name.clone(),
            first_name: self.first_name.clone(),
            email: self.email.clone(),
            title: self.title.clone(),
            phone: self.phone.clone(),
            phone_ext: self.phone_ext.clone(),
            cell_phone: self.cell_phone.clone(),
            language: self.language.clone(),
            active: self.active.is_some(),
            is_primary: self.is_primary.is_some(),
            office_location: self.office_location.clone(),
            fte: self.fte.clone(),
            start_date: self.start_date.clone(),
            end_date: self.end_date.clone(),
            position_type: self.position_type.clone(),
        }
    }

    /// The invitation's fields; an id that is not a number is no profile the administrator
    /// may grant.
    pub fn invite(&self) -> crate::invitations::dto::InviteInput {
        crate::invitations::dto::InviteInput {
            profiles: self
                .profiles
                .iter()
                .map(|id| id.parse().unwrap_or(crate::domain::ProfileId(0)))
                .collect(),
            message: self.message.clone(),
        }
    }

    /// The controls that post `input` again, each as (name, value): what the confirmation
    /// page carries to OK.
    pub fn controls(input: &super::form::ContactInput) -> Vec<(&'static str, String)> {
        let mut controls = vec![
            ("last_name", input.last_name.clone()),
            ("first_name", input.first_name.clone()),
            ("email", input.email.clone()),
            ("title", input.title.clone()),
            ("phone", input.phone.clone()),
            ("phone_ext", input.phone_ext.clone()),
            ("cell_phone", input.cell_phone.clone()),
            ("language", input.language.clone()),
            ("office_location", input.office_location.clone()),
            ("fte", input.fte.clone()),
            ("start_date", input.start_date.clone()),
            ("end_date", input.end_date.clone()),
            ("position_type", input.position_type.clone()),
        ];
        if input.active {
            controls.push(("active", "on".into()));
        }
        if input.is_primary {
            controls.push(("is_primary", "on".into()));
        }
        controls
    }
}

/// The page a form posted before the WebAssembly had loaded is sent back to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormPage {
    /// « Ajouter une personne-ressource ».
    #[default]
    NewContact,
    /// « Ajouter une personne-ressource avec accès au LaMPSS ».
    NewContactWithAccess,
    /// « Détails Pers.-ress. de l'organisme » of a contact.
    Details(ContactId),
    /// « Invitation pour le LaMPSS » of a contact.
    Invite(ContactId),
}

/// A form posted before the WebAssembly had loaded and sent back to its page, kept in the
/// session until that page shows it: what was typed, what was wrong, or that saving waits for
/// OK.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptForm {
    pub page: FormPage,
    /// The version the details form was loaded at.
    pub version: Option<i32>,
    /// The contact's fields as typed; `None` when the form starts again from the saved values
    /// (after someone else saved the contact), and on the invitation page.
    pub input: Option<super::form::ContactInput>,
    /// The invitation's profiles and message as chosen, on the pages that invite.
    pub invite: Option<crate::invitations::dto::InviteInput>,
    pub errors: Vec<FieldError>,
    /// Why nothing was saved, when it is not a field's fault.
    pub notice: Option<AppError>,
    /// Saving waits for OK: the page is the confirmation its dialog asks.
    pub confirm: bool,
}

impl KeptForm {
    /// The form kept for `page`, which is then gone. A form is posted without WebAssembly, so
    /// it is sent back to a page rendered by the server: in the browser there is none to take.
    pub async fn take(page: FormPage) -> Option<KeptForm> {
        #[cfg(feature = "ssr")]
        {
            let kept: Option<KeptForm> = crate::server::take(crate::server::KEPT_FORM_KEY)
                .await
                .ok()
                .flatten();
            kept.filter(|kept| kept.page == page)
        }
        #[cfg(not(feature = "ssr"))]
        {
            let _ = page;
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Vec<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |key| {
            pairs
                .iter()
                .filter(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .collect()
        }
    }

    #[test]
    fn defaults_show_active_contacts_page_one() {
        let filter = ContactQuery::default().parse().unwrap();
        assert!(filter.active_only);
        assert!(!filter.with_access);
        assert_eq!(filter.page, 1);
        assert_eq!(ContactQuery::default().to_query_string(), "");
    }

    #[test]
    fn the_checkbox_value_sent_last_wins() {
        // Checked: the hidden "0" then the checkbox's "1".
        let checked = ContactQuery::from_params(params(&[("active", "0"), ("active", "1")]));
        assert!(checked.active_only());
        let unchecked = ContactQuery::from_params(params(&[("active", "0")]));
        assert!(!unchecked.active_only());
    }

    #[test]
    fn clear_resets_everything() {
        let q = ContactQuery::from_params(params(&[("last_name", "x"), ("clear", "1")]));
        assert_eq!(q, ContactQuery::default());
    }

    #[test]
    fn query_string_round_trips() {
        let q = ContactQuery {
            last_name: "d'Entremont & fils".into(),
            email: "a+b@x.org".into(),
            active: "0".into(),
            access: "1".into(),
            page: "3".into(),
            ..Default::default()
        };
        let s = q.to_query_string();
        assert_eq!(
            s,
            "?last_name=d%27Entremont+%26+fils&email=a%2Bb%40x.org&active=0&access=1&page=3"
        );
    }

    #[test]
    fn hostile_inputs_get_field_errors() {
        let long = ContactQuery {
            last_name: "x".repeat(10_000),
            ..Default::default()
        };
        assert_eq!(
            long.parse(),
            Err(AppError::Validation(vec![FieldError::too_long(
                Field::LastName,
                NAME_MAX
            )]))
        );
        for page in ["-1", "0", "1000000000", "abc", "1.5"] {
            let q = ContactQuery {
                page: page.into(),
                ..Default::default()
            };
            assert_eq!(
                q.parse(),
                Err(AppError::invalid(Field::Page, ValidationCode::InvalidPage)),
                "page {page}"
            );
        }
        for profile in ["-3", "x", "1 OR 1=1"] {
            let q = ContactQuery {
                profile: profile.into(),
                ..Default::default()
            };
            assert!(q.parse().is_err(), "profile {profile}");
        }
    }

    #[test]
    fn names_are_trimmed_and_wildcards_kept_as_text() {
        let q = ContactQuery {
            last_name: "  %_'  ".into(),
            ..Default::default()
        };
        assert_eq!(q.parse().unwrap().last_name, "%_'");
    }

    #[test]
    fn the_confirmation_page_posts_the_form_as_it_was_typed() {
        use super::super::form::ContactInput;
        let input = ContactInput {
            last_name: "Comeau".into(),
            first_name: "Élise".into(),
            email: "elise@example.org".into(),
            fte: "0,5".into(),
            active: false,
            is_primary: true,
            ..ContactInput::default()
        };
        let posted: ContactFormPost = serde_json::from_value(serde_json::Value::Object(
            ContactFormPost::controls(&input)
                .into_iter()
                .map(|(name, value)| (name.to_string(), value.into()))
                .collect(),
        ))
        .unwrap();
        assert_eq!(posted.input(), input);
    }
}
