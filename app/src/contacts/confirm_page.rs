//! The confirmation of an action on a contact (retract its invitation, remove its access, send
//! its invitation again) as a page of its own, for the buttons pressed before the WebAssembly
//! has loaded; once it runs, the same buttons open the confirmation dialog instead.

use super::api::{RemoveAccess, RetractInvitation, get_contact};
use super::nav::contact_resource;
use crate::domain::ContactId;
use crate::error::AppError;
use crate::i18n::*;
use crate::invitations::api::ResendInvitation;
use crate::routes;
use crate::ui::{Breadcrumb, ConfirmPage, ErrorNotice, PageTitle, Trail};
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::{use_params_map, use_query_map};

/// What is done to a contact after confirming.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactAction {
    /// « Invitation au LaMPSS retirée ».
    Retract,
    /// « Supprimer l'accès au LaMPSS ».
    RemoveAccess,
    /// « Renvoyer l'invitation ».
    Resend,
}

impl ContactAction {
    const ALL: [ContactAction; 3] = [Self::Retract, Self::RemoveAccess, Self::Resend];

    /// Its segment of the confirmation page's path.
    fn code(self) -> &'static str {
        match self {
            Self::Retract => "retract",
            Self::RemoveAccess => "remove-access",
            Self::Resend => "resend",
        }
    }

    /// The server function that does it.
    fn path(self) -> &'static str {
        match self {
            Self::Retract => RetractInvitation::PATH,
            Self::RemoveAccess => RemoveAccess::PATH,
            Self::Resend => ResendInvitation::PATH,
        }
    }
}

/// A button that asks to confirm `action` on contact `id`. Before the WebAssembly has loaded it
/// opens the confirmation page (it is a form's button); after, it runs `on_ask` (a dialog).
#[component]
pub(super) fn AskButton(
    id: ContactId,
    action: ContactAction,
    /// The list, with its filters, where the confirmation page returns.
    #[prop(into)]
    back: Signal<String>,
    /// Opens the confirmation dialog, once the page is interactive.
    on_ask: Callback<()>,
    #[prop(optional)] class: &'static str,
    /// The id of the button's description, if any.
    #[prop(optional, into)]
    described: Option<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
    children: Children,
) -> impl IntoView {
    view! {
        <form method="get" action=routes::confirm(id, action.code()) class="ask">
            <input type="hidden" name="back" value=move || back.get() />
            <button
                type="submit"
                class=class
                aria-describedby=described
                disabled=move || disabled.get()
                on:click=move |ev| {
                    ev.prevent_default();
                    on_ask.run(());
                }
            >
                {children()}
            </button>
        </form>
    }
}

/// The confirmation page of an action on a contact: the question its dialog asks, OK and
/// Annuler; both return to the list.
#[component]
pub fn ConfirmActionPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = use_params_map().with_untracked(|p| {
        let code = p.get("action").unwrap_or_default();
        ContactAction::ALL.into_iter().find(|a| a.code() == code)
    });
    let back = use_query_map()
        .with_untracked(|q| crate::url::list_path(&q.get("back").unwrap_or_default()).to_string());
    let details = contact_resource(get_contact);
    view! {
        <PageTitle text=move || t_string!(i18n, contacts.confirm_title).to_string() />
        <Breadcrumb crumbs=Trail::ContactDetails.crumbs(i18n) />
        <Suspense fallback=move || view! { <p>{tr!(i18n, common.loading)}</p> }>
            {move || {
                let back = back.clone();
                Suspend::new(async move {
                    let details = match (details.await, action) {
                        (Ok(details), Some(action)) => Ok((details, action)),
                        (Err(error), _) => Err(error),
                        (Ok(_), None) => Err(AppError::NotFound),
                    };
                    let (details, action) = match details {
                        Ok(found) => found,
                        Err(error) => return view! { <ErrorNotice error /> }.into_any(),
                    };
                    let listed = details.input.listed_name();
                    let question = match action {
                        ContactAction::Retract => {
                            let name = listed.clone();
                            Signal::derive(move || {
                                t_string!(i18n, contacts.confirm_retract, name = name.clone())
                                    .to_string()
                            })
                        }
                        ContactAction::RemoveAccess => {
                            let name = listed.clone();
                            Signal::derive(move || {
                                t_string!(i18n, contacts.confirm_remove_access, name = name.clone())
                                    .to_string()
                            })
                        }
                        ContactAction::Resend => {
                            let Some(until) = details.resend_until.clone() else {
                                let error = AppError::Conflict;
                                return view! { <ErrorNotice error /> }.into_any();
                            };
                            let name = format!(
                                "{} {}",
                                details.input.first_name, details.input.last_name
                            );
                            Signal::derive(move || {
                                let date = until.get(i18n.get_locale()).to_string();
                                t_string!(
                                    i18n,
                                    invitations.confirm_resend,
                                    name = name.clone(),
                                    date = date
                                )
                                .to_string()
                            })
                        }
                    };
                    let paragraphs = Signal::derive(move || {
                        vec![question.get(), t_string!(i18n, contacts.confirm_continue).to_string()]
                    });
                    let controls = vec![("id", details.id.to_string()), ("back", back)];
                    view! {
                        <h1>{listed}</h1>
                        <ConfirmPage paragraphs action=action.path() controls />
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
