//! « Ajouter une personne-ressource » (with or without access to LaMPSS) and « Détails
//! Pers.-ress. de l'organisme »: the pages around the contact form, its resend section and
//! the contact's history.

use super::api::{get_contact, new_contact_form};
use super::contact_form::{ContactForm, InvitationFieldsView, Target, WithAccess};
use super::dto::{ContactDetails, FormPage, IdentityAccount, KeptForm};
use super::form::ContactInput;
use super::history::History;
use super::nav::{contact_resource, list_href};
use super::resend::{ResendInvitation, ResendNotYours};
use crate::domain::Language;
use crate::error::AppError;
use crate::i18n::*;
use crate::invitations::api::invitation_form;
use crate::resource::resource;
use crate::ui::{Breadcrumb, ErrorNotice, PageTitle, Trail};
use leptos::prelude::*;

/// « Ajouter une personne-ressource ».
#[component]
pub fn NewContactPage() -> impl IntoView {
    view! { <NewContact invitation_fields=None /> }
}

/// « Ajouter une personne-ressource avec accès au LaMPSS »: the same form, the invitation's
/// message and profiles, and the confirmation that an email will be sent.
#[component]
pub fn NewContactWithAccessPage(
    /// Draws the invitation's fields.
    invitation_fields: InvitationFieldsView,
) -> impl IntoView {
    view! { <NewContact invitation_fields=Some(invitation_fields) /> }
}

#[component]
fn NewContact(invitation_fields: Option<InvitationFieldsView>) -> impl IntoView {
    let with_access = invitation_fields.is_some();
    let i18n = use_i18n();
    let settings = resource(
        || (),
        move |_| async move {
            let settings = new_contact_form().await?;
            let invite = if with_access {
                Some(invitation_form(None).await?)
            } else {
                None
            };
            let kept = KeptForm::take(if with_access {
                FormPage::NewContactWithAccess
            } else {
                FormPage::NewContact
            })
            .await;
            Ok::<_, AppError>((settings, invite, kept))
        },
    );
    let back = list_href();
    let notice = RwSignal::new(None::<AppError>);
    let title = move || {
        if with_access {
            t_string!(i18n, contacts.add_with_access_title).to_string()
        } else {
            t_string!(i18n, contacts.add_title).to_string()
        }
    };
    let trail = if with_access {
        Trail::NewContactWithAccess
    } else {
        Trail::NewContact
    };
    view! {
        <PageTitle text=title />
        <Breadcrumb crumbs=trail.crumbs(i18n) />
        <h1>{title}</h1>
        <Suspense fallback=move || view! { <p>{tr!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok((settings, invite, kept)) => {
                        let initial = ContactInput {
                            language: Language::from(i18n.get_locale_untracked())
                                .code()
                                .into(),
                            active: true,
                            start_date: settings.today.clone(),
                            ..Default::default()
                        };
                        view! {
                            <ContactForm
                                initial
                                settings
                                target=Target::New
                                back
                                notice
                                on_stale=Callback::new(|_| ())
                                kept=kept.unwrap_or_default()
                                access=invite
                                    .zip(invitation_fields)
                                    .map(|(settings, fields)| WithAccess { settings, fields })
                            />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// « Détails Pers.-ress. de l'organisme »: editable by administrators, read-only for others.
#[component]
pub fn ContactDetailsPage() -> impl IntoView {
    let i18n = use_i18n();
    let details = contact_resource(|id| async move {
        let details = get_contact(id).await?;
        let kept = KeptForm::take(FormPage::Details(id)).await;
        Ok::<_, AppError>((details, kept))
    });
    let back = list_href();
    // Kept above the form, which is rebuilt with the current values after a conflict.
    let notice = RwSignal::new(None::<AppError>);
    let on_stale = Callback::new(move |_| details.refetch());
    view! {
        <PageTitle text=move || t_string!(i18n, contacts.details_title).to_string() />
        <Breadcrumb crumbs=Trail::ContactDetails.crumbs(i18n) />
        <h1>{tr!(i18n, contacts.details_title)}</h1>
        <Transition fallback=move || view! { <p>{tr!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match details.await {
                    Ok((details, kept)) => {
                        let before = details.before();
                        let ContactDetails {
                            id,
                            version,
                            input,
                            identity,
                            pending_invitation: _,
                            is_self,
                            resend_until,
                            resend_blocked_by,
                            history,
                            settings,
                        } = details;
                        let resend = resend_until
                            .filter(|_| settings.can_edit)
                            .map(|valid_until| {
                                let name = format!("{} {}", input.first_name, input.last_name);
                                let listed = format!("{}, {}", input.last_name, input.first_name);
                                view! { <ResendInvitation id name listed valid_until back /> }
                            });
                        let resend_blocked = resend_blocked_by
                            .filter(|_| settings.can_edit)
                            .map(|module| view! { <ResendNotYours module /> });
                        let target = Target::Existing {
                            id,
                            version,
                            before,
                            is_self,
                        };
                        view! {
                            {identity
                                .map(|IdentityAccount { user_id, email }| {
                                    view! {
                                        <p class="user-id">
                                            <span class="label">{tr!(i18n, contacts.user_id)}</span>
                                            " "
                                            <span>{user_id}</span>
                                        </p>
                                        {email
                                            .map(|email| {
                                                view! {
                                                    <p class="identity-email">
                                                        {move || {
                                                            t_string!(
                                                                i18n,
                                                                contacts.identity_email_line,
                                                                email = email.clone()
                                                            )
                                                                .to_string()
                                                        }}
                                                    </p>
                                                }
                                            })}
                                    }
                                })}
                            <ContactForm initial=input settings target back notice on_stale kept=kept.unwrap_or_default() />
                            {resend}
                            {resend_blocked}
                            <History items=history />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}
