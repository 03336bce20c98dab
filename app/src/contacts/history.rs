//! The contact's history, newest first, each change as the user reads it.

use super::contact_form::position_label;
use super::dto::{ChangeValue, Changed, HistoryItem, HistoryKind, InvitationState};
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
    let what = move || {
        match kind {
            HistoryKind::Created => t_string!(i18n, contacts.ev_created),
            HistoryKind::Updated => t_string!(i18n, contacts.ev_updated),
            HistoryKind::Deactivated => t_string!(i18n, contacts.ev_deactivated),
            HistoryKind::Reactivated => t_string!(i18n, contacts.ev_reactivated),
            HistoryKind::MadePrimary => t_string!(i18n, contacts.ev_made_primary),
            HistoryKind::NoLongerPrimary => t_string!(i18n, contacts.ev_no_longer_primary),
            HistoryKind::InvitationRetracted => t_string!(i18n, contacts.ev_invitation_retracted),
            HistoryKind::AccessRemoved => t_string!(i18n, contacts.ev_access_removed),
            HistoryKind::InvitationSent => t_string!(i18n, contacts.ev_invitation_sent),
            HistoryKind::InvitationResent => t_string!(i18n, contacts.ev_invitation_resent),
            HistoryKind::InvitationDelivered => t_string!(i18n, contacts.ev_invitation_delivered),
            HistoryKind::InvitationFailed => t_string!(i18n, contacts.ev_invitation_failed),
            HistoryKind::InvitationAccepted => t_string!(i18n, contacts.ev_invitation_accepted),
            HistoryKind::InvitationExpired => t_string!(i18n, contacts.ev_invitation_expired),
        }
        .to_string()
    };
    let who = move || match &actor {
        Some(who) => t_string!(i18n, contacts.history_by, who = who.clone()).to_string(),
        None => t_string!(i18n, contacts.history_system).to_string(),
    };
    view! {
        <li>
            <p class="event">
                <strong>{what}</strong>
                " — "
                <span class="when">{move || at.get(i18n.get_locale()).to_string()}</span>
                " — "
                <span class="who">{who}</span>
            </p>
            <ul class="changes">
                {changes
                    .into_iter()
                    .map(|change| {
                        let line = move || {
                            let locale = i18n.get_locale();
                            let value = |value: &ChangeValue| change_value(i18n, locale, value);
                            let field = if mailed && change.field == Changed::Field(Field::Email) {
                                t_string!(i18n, contacts.history_recipient).to_string()
                            } else {
                                changed_label(i18n, change.field)
                            };
                            if states && change.from == ChangeValue::Empty {
                                t_string!(
                                    i18n,
                                    contacts.change_set,
                                    field = field,
                                    value = value(&change.to)
                                )
                                .to_string()
                            } else {
                                t_string!(
                                    i18n,
                                    contacts.change_from_to,
                                    field = field,
                                    from = value(&change.from),
                                    to = value(&change.to)
                                )
                                .to_string()
                            }
                        };
                        view! { <li>{line}</li> }
                    })
                    .collect_view()}
            </ul>
        </li>
    }
}

fn changed_label(i18n: leptos_i18n::I18nContext<Locale>, changed: Changed) -> String {
    match changed {
        Changed::Field(field) => crate::ui::field_label(i18n, field),
        Changed::Access => t_string!(i18n, contacts.access).to_string(),
        Changed::Invitation => t_string!(i18n, contacts.field_invitation).to_string(),
    }
}

/// A recorded value as the user reads it.
fn change_value(
    i18n: leptos_i18n::I18nContext<Locale>,
    locale: Locale,
    value: &ChangeValue,
) -> String {
    match value {
        ChangeValue::Empty => t_string!(i18n, contacts.empty_value).to_string(),
        ChangeValue::Flag(true) => t_string!(i18n, common.yes).to_string(),
        ChangeValue::Flag(false) => t_string!(i18n, common.no).to_string(),
        ChangeValue::Language(Language::Fr) => t_string!(i18n, contacts.lang_fr).to_string(),
        ChangeValue::Language(Language::En) => t_string!(i18n, contacts.lang_en).to_string(),
        ChangeValue::Position(code) => position_label(i18n, code),
        ChangeValue::Invitation(InvitationState::Pending) => {
            t_string!(i18n, contacts.value_pending).to_string()
        }
        ChangeValue::Invitation(InvitationState::Retracted) => {
            t_string!(i18n, contacts.value_retracted).to_string()
        }
        ChangeValue::Invitation(InvitationState::Expired) => {
            t_string!(i18n, contacts.value_expired).to_string()
        }
        ChangeValue::Text(text) => match locale {
            Locale::fr => format!("« {} »", text.fr),
            Locale::en => format!("“{}”", text.en),
        },
        ChangeValue::Formatted(value) => value.get(locale).to_string(),
    }
}
