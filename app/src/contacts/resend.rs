//! « Renvoyer l'invitation » on a contact's details page, or why it is not offered.

use super::confirm_page::{AskButton, ContactAction};
use crate::domain::{ContactId, module_name};
use crate::error::AppError;
use crate::i18n::*;
use crate::invitations::api::resend_invitation;
use crate::ui::{ConfirmDialog, ErrorNotice, Flash, Notice};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// « Renvoyer l'invitation »: a new link and a new 30-day window for a pending or expired
/// invitation, after a confirmation.
#[component]
pub(super) fn ResendInvitation(
    id: ContactId,
    /// « Prénom Nom », as the confirmation says it.
    name: String,
    /// « Nom, Prénom », as the list says it.
    listed: String,
    valid_until: crate::domain::Localized,
    back: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let resend = Action::new(move |_: &()| resend_invitation(id, String::new(), String::new()));
    let error = RwSignal::new(None::<AppError>);
    Effect::new(move |_| match resend.value().get() {
        Some(Ok(())) => {
            Flash::set(Notice::InvitationResent {
                name: listed.clone(),
            });
            navigate(&back.get_untracked(), Default::default());
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let paragraphs = Signal::derive(move || {
        let date = valid_until.get(i18n.get_locale()).to_string();
        vec![
            t_string!(
                i18n,
                invitations.confirm_resend,
                name = name.clone(),
                date = date
            )
            .to_string(),
            t_string!(i18n, contacts.confirm_continue).to_string(),
        ]
    });
    view! {
        <section class="resend" aria-labelledby="resend-heading">
            <h2 id="resend-heading">{tr!(i18n, invitations.section_invitation)}</h2>
            {move || error.get().map(|error| view! { <ErrorNotice error /> })}
            <AskButton
                id
                action=ContactAction::Resend
                back
                disabled=resend.pending()
                on_ask=Callback::new(move |_| open.set(true))
            >
                {tr!(i18n, invitations.resend)}
            </AskButton>
        </section>
        <ConfirmDialog open paragraphs on_confirm=Callback::new(move |_| { resend.dispatch(()); }) />
    }
}

/// Where « Renvoyer l'invitation » would be, for an administrator who may not grant the
/// invitation's profiles: why it is not offered.
#[component]
pub(super) fn ResendNotYours(
    /// The code of a module of the invitation's profiles that the administrator does not
    /// administer.
    module: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = module_name(&module);
    view! {
        <section class="resend" aria-labelledby="resend-heading">
            <h2 id="resend-heading">{tr!(i18n, invitations.section_invitation)}</h2>
            <p class="hint">
                {move || {
                    t_string!(
                        i18n,
                        invitations.resend_not_yours,
                        module = name.get(i18n.get_locale()).to_string()
                    )
                        .to_string()
                }}
            </p>
        </section>
    }
}
