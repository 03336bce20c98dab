//! The contact's history, newest first, each change as the user reads it.

use super::contact_form::position_label_in;
use super::dto::{ChangeItem, ChangeValue, Changed, HistoryItem, HistoryKind, InvitationState};
use crate::domain::Language;
use crate::error::Field;
use crate::i18n::*;
use leptos::prelude::*;

/// The contact's history, newest first.
#[component]
pub(super) fn History(
    /// The entries, newest first.
    items: Vec<HistoryItem>,
) -> impl IntoView {
    let i18n = use_i18n();
    let empty = items.is_empty();
    view! {
        <section class="history" aria-labelledby="history-title">
            <h2 id="history-title">{tr!(i18n, contacts.history_title)}</h2>
            {if empty {
                view! { <p>{tr!(i18n, contacts.history_empty)}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline">
                        {items.into_iter().map(|item| view! { <HistoryEntry item /> }).collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn HistoryEntry(item: HistoryItem) -> impl IntoView {
    let i18n = use_i18n();
    let HistoryItem {
        at,
        kind,
        actor,
        changes,
    } = item;
    let who = move || match &actor {
        Some(who) => t_string!(i18n, contacts.history_by, who = who.clone()).to_string(),
        None => t_string!(i18n, contacts.history_system).to_string(),
    };
    view! {
        <li>
            <p class="event">
                <strong>{move || kind_text(i18n.get_locale(), kind)}</strong>
                " — "
                <span class="when">{move || at.get(i18n.get_locale()).to_string()}</span>
                " — "
                <span class="who">{who}</span>
            </p>
            <Changes kind changes />
        </li>
    }
}

/// What an entry changed, a line each.
#[component]
pub(super) fn Changes(kind: HistoryKind, changes: Vec<ChangeItem>) -> impl IntoView {
    let i18n = use_i18n();
    (!changes.is_empty()).then(|| {
        view! {
            <ul class="changes">
                {changes
                    .into_iter()
                    .map(|change| {
                        view! { <li>{move || change_text(i18n.get_locale(), kind, &change)}</li> }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// What an entry records, in `locale` (« Modification »).
pub(crate) fn kind_text(locale: Locale, kind: HistoryKind) -> &'static str {
    match kind {
        HistoryKind::Created => td_string!(locale, contacts.ev_created),
        HistoryKind::Updated => td_string!(locale, contacts.ev_updated),
        HistoryKind::Deactivated => td_string!(locale, contacts.ev_deactivated),
        HistoryKind::Reactivated => td_string!(locale, contacts.ev_reactivated),
        HistoryKind::MadePrimary => td_string!(locale, contacts.ev_made_primary),
        HistoryKind::NoLongerPrimary => td_string!(locale, contacts.ev_no_longer_primary),
        HistoryKind::InvitationRetracted => td_string!(locale, contacts.ev_invitation_retracted),
        HistoryKind::AccessRemoved => td_string!(locale, contacts.ev_access_removed),
        HistoryKind::InvitationSent => td_string!(locale, contacts.ev_invitation_sent),
        HistoryKind::InvitationResent => td_string!(locale, contacts.ev_invitation_resent),
        HistoryKind::InvitationDelivered => td_string!(locale, contacts.ev_invitation_delivered),
        HistoryKind::InvitationFailed => td_string!(locale, contacts.ev_invitation_failed),
        HistoryKind::InvitationAccepted => td_string!(locale, contacts.ev_invitation_accepted),
        HistoryKind::InvitationExpired => td_string!(locale, contacts.ev_invitation_expired),
        HistoryKind::SignedIn => td_string!(locale, contacts.ev_signed_in),
        HistoryKind::SignInFailed => td_string!(locale, contacts.ev_sign_in_failed),
        HistoryKind::OrganizationSwitched => {
            td_string!(locale, contacts.ev_organization_switched)
        }
        HistoryKind::SignedOut => td_string!(locale, contacts.ev_signed_out),
    }
}

/// One change of an entry of `kind`, in `locale` (« Titre : « A » → « B » »).
pub(crate) fn change_text(locale: Locale, kind: HistoryKind, change: &ChangeItem) -> String {
    // What a new contact or an invitation's email records is stated (« Destinataire :
    // adresse »), not shown as a change from nothing (« Courriel : (vide) → adresse »).
    let states = matches!(
        kind,
        HistoryKind::Created
            | HistoryKind::InvitationSent
            | HistoryKind::InvitationResent
            | HistoryKind::InvitationDelivered
            | HistoryKind::InvitationFailed
            | HistoryKind::InvitationAccepted
    );
    let mailed = matches!(
        kind,
        HistoryKind::InvitationSent
            | HistoryKind::InvitationResent
            | HistoryKind::InvitationDelivered
            | HistoryKind::InvitationFailed
    );
    let value = |value: &ChangeValue| change_value(locale, value);
    let field = if mailed && change.field == Changed::Field(Field::Email) {
        td_string!(locale, contacts.history_recipient).to_string()
    } else {
        changed_label(locale, change.field)
    };
    if states && change.from == ChangeValue::Empty {
        td_string!(
            locale,
            contacts.change_set,
            field = field,
            value = value(&change.to)
        )
        .to_string()
    } else {
        td_string!(
            locale,
            contacts.change_from_to,
            field = field,
            from = value(&change.from),
            to = value(&change.to)
        )
        .to_string()
    }
}

fn changed_label(locale: Locale, changed: Changed) -> String {
    match changed {
        Changed::Field(field) => crate::ui::field_label_in(locale, field),
        Changed::Access => td_string!(locale, contacts.access).to_string(),
        Changed::Invitation => td_string!(locale, contacts.field_invitation).to_string(),
    }
}

/// A recorded value as the user reads it.
fn change_value(locale: Locale, value: &ChangeValue) -> String {
    match value {
        ChangeValue::Empty => td_string!(locale, contacts.empty_value).to_string(),
        ChangeValue::Flag(true) => td_string!(locale, common.yes).to_string(),
        ChangeValue::Flag(false) => td_string!(locale, common.no).to_string(),
        ChangeValue::Language(Language::Fr) => td_string!(locale, contacts.lang_fr).to_string(),
        ChangeValue::Language(Language::En) => td_string!(locale, contacts.lang_en).to_string(),
        ChangeValue::Position(code) => position_label_in(locale, code),
        ChangeValue::Invitation(InvitationState::Pending) => {
            td_string!(locale, contacts.value_pending).to_string()
        }
        ChangeValue::Invitation(InvitationState::Retracted) => {
            td_string!(locale, contacts.value_retracted).to_string()
        }
        ChangeValue::Invitation(InvitationState::Expired) => {
            td_string!(locale, contacts.value_expired).to_string()
        }
        ChangeValue::Text(text) => match locale {
            Locale::fr => format!("« {} »", text.fr),
            Locale::en => format!("“{}”", text.en),
        },
        ChangeValue::Formatted(value) => value.get(locale).to_string(),
    }
}
