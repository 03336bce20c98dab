//! « Ajouter une personne-ressource » and « Détails Pers.-ress. de l'organisme »: the details
//! form with instant field errors, its confirmations, and the contact's history.

use super::api::{create_contact, get_contact, new_contact_form, update_contact};
use super::dto::{ContactDetails, ContactQuery, FormSettings, HistoryItem};
use super::form::{ContactInput, FormRules, POSITION_TYPES, same_address};
use crate::components::{
    Breadcrumb, ConfirmDialog, ErrorNotice, ErrorSummary, Flash, PageTitle, Trail, field_error,
};
use crate::error::{AppError, Field, FieldError};
use crate::i18n::*;
use crate::invitations::api::{create_contact_with_access, invitation_form, resend_invitation};
use crate::invitations::dto::{InviteInput, InviteSettings, module_name};
use crate::invitations::pages::{InvitationFields, confirm_send};
use crate::resource::{Json, resource};
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use std::collections::HashSet;

/// The list's URL with the filters it had when the user left it.
pub(crate) fn list_href() -> Signal<String> {
    let params = use_query_map();
    Signal::derive(move || {
        let query =
            params.with(|p| ContactQuery::from_params(|key| p.get_all(key).unwrap_or_default()));
        format!("{}{}", routes::CONTACTS, query.to_query_string())
    })
}

/// « Ajouter une personne-ressource ».
#[component]
pub fn NewContactPage() -> impl IntoView {
    view! { <NewContact with_access=false /> }
}

/// « Ajouter une personne-ressource avec accès au LaMPSS »: the same form, the invitation's
/// message and profiles, and the confirmation that an email will be sent.
#[component]
pub fn NewContactWithAccessPage() -> impl IntoView {
    view! { <NewContact with_access=true /> }
}

#[component]
fn NewContact(with_access: bool) -> impl IntoView {
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
            Ok::<_, AppError>((settings, invite))
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
                    Ok((settings, invite)) => {
                        let initial = ContactInput {
                            language: match i18n.get_locale_untracked() {
                                Locale::fr => "fr".into(),
                                Locale::en => "en".into(),
                            },
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
                                invite
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

/// Loads what `load` gives for the contact of the page's `:id`; an id that is not a positive
/// number is not found.
pub(crate) fn contact_resource<T, F, Fut>(load: F) -> Resource<Result<T, AppError>, Json>
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(i32) -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i32>().ok())
                .filter(|id| *id > 0)
        })
    });
    resource(
        move || id.get(),
        move |id| async move {
            match id {
                Some(id) => load(id).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}

/// « Détails Pers.-ress. de l'organisme »: editable by administrators, read-only for others.
#[component]
pub fn ContactDetailsPage() -> impl IntoView {
    let i18n = use_i18n();
    let details = contact_resource(get_contact);
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
                    Ok(details) => {
                        let ContactDetails {
                            id,
                            version,
                            input,
                            user_id,
                            pending_invitation,
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
                            was_active: input.active,
                            was_primary: input.is_primary,
                            has_access: user_id.is_some(),
                            pending_invitation,
                            is_self,
                        };
                        view! {
                            {user_id
                                .map(|user_id| {
                                    view! {
                                        <p class="user-id">
                                            {tr!(i18n, contacts.user_id)}
                                            " : "
                                            <span>{user_id}</span>
                                        </p>
                                    }
                                })}
                            <ContactForm initial=input settings target back notice on_stale />
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

/// « Renvoyer l'invitation »: a new link and a new 30-day window for a pending or expired
/// invitation, after a confirmation.
#[component]
fn ResendInvitation(
    id: i32,
    /// « Prénom Nom », as the confirmation says it.
    name: String,
    /// « Nom, Prénom », as the list says it.
    listed: String,
    valid_until: crate::contacts::dto::Localized,
    back: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let resend = Action::new(move |_: &()| resend_invitation(id));
    let error = RwSignal::new(None::<AppError>);
    Effect::new(move |_| match resend.value().get() {
        Some(Ok(())) => {
            Flash::set(t_string!(i18n, invitations.resent, name = listed.clone()).to_string());
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
            <button type="button" disabled=move || resend.pending().get() on:click=move |_| open.set(true)>
                {tr!(i18n, invitations.resend)}
            </button>
        </section>
        <ConfirmDialog open paragraphs on_confirm=Callback::new(move |_| { resend.dispatch(()); }) />
    }
}

/// Where « Renvoyer l'invitation » would be, for an administrator who may not grant the
/// invitation's profiles: why it is not offered.
#[component]
fn ResendNotYours(
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

/// What the form saves to.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    New,
    Existing {
        id: i32,
        version: i32,
        /// Active and primary as loaded, to tell what the user changes.
        was_active: bool,
        was_primary: bool,
        has_access: bool,
        pending_invitation: bool,
        is_self: bool,
    },
}

#[derive(Clone)]
enum SaveRequest {
    Create(ContactInput),
    CreateWithAccess(ContactInput, InviteInput),
    Update {
        id: i32,
        version: i32,
        input: ContactInput,
    },
}

/// The details form (« Pers.-ress. org. »).
#[component]
fn ContactForm(
    /// The values the form starts with.
    initial: ContactInput,
    /// The organisation's rules and choices.
    settings: FormSettings,
    /// A new contact, or the one being edited.
    target: Target,
    /// The list, with its filters, where Save and Annuler return.
    back: Signal<String>,
    /// A message from the server that outlives the form (e.g. an edit conflict).
    notice: RwSignal<Option<AppError>>,
    /// Runs after an edit conflict, to load the current values.
    on_stale: Callback<()>,
    /// For a contact added with access: the invitation's profiles and message.
    #[prop(optional_no_strip)]
    invite: Option<InviteSettings>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let initial_email = initial.email.clone();
    let draft = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let touched = RwSignal::new(HashSet::<Field>::new());
    let submitted = RwSignal::new(false);
    let summary_focus = RwSignal::new(0_u32);
    let confirm_open = RwSignal::new(false);
    let office_codes = StoredValue::new(settings.office_codes());
    let requires_job = settings.requires_job;
    let can_edit = settings.can_edit;
    // Controls stay disabled until the WebAssembly runs: a click before would do nothing.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    let with_access = invite.is_some();
    let invite_draft = RwSignal::new(
        invite
            .as_ref()
            .map(|i| i.initial.clone())
            .unwrap_or_default(),
    );
    let grantable = StoredValue::new(invite.as_ref().map(InviteSettings::grantable));
    // Every error of the form, in form order: the contact's, then the invitation's.
    let check = move || -> Result<(), Vec<FieldError>> {
        let mut all = office_codes
            .with_value(|codes| {
                draft.with(|d| {
                    d.parse(FormRules {
                        requires_job,
                        office_locations: codes,
                    })
                })
            })
            .err()
            .unwrap_or_default();
        grantable.with_value(|grantable| {
            if let Some(grantable) = grantable
                && let Err(found) = invite_draft.with(|i| i.parse(grantable))
            {
                all.extend(found);
            }
        });
        if all.is_empty() { Ok(()) } else { Err(all) }
    };
    // Shows the errors of the fields the user has left, or of all after a submit.
    let revalidate = move || {
        let all = check().err().unwrap_or_default();
        let shown = if submitted.get_untracked() {
            all
        } else {
            touched.with_untracked(|t| all.into_iter().filter(|e| t.contains(&e.field)).collect())
        };
        errors.set(shown);
    };
    let left = move |field: Field| {
        touched.update(|t| {
            t.insert(field);
        });
        revalidate();
    };

    let (was_active, was_primary, has_access, pending_invitation, is_self) = match &target {
        Target::New => (true, false, false, false, false),
        Target::Existing {
            was_active,
            was_primary,
            has_access,
            pending_invitation,
            is_self,
            ..
        } => (
            *was_active,
            *was_primary,
            *has_access,
            *pending_invitation,
            *is_self,
        ),
    };
    let previous_primary = settings
        .primary
        .clone()
        .filter(|(id, _)| !matches!(&target, Target::Existing { id: own, .. } if own == id))
        .map(|(_, name)| name);

    // Answers whether the save retracted a pending invitation (a new email).
    let save = Action::new(move |request: &SaveRequest| {
        let request = request.clone();
        async move {
            match request {
                SaveRequest::Create(input) => create_contact(input).await.map(|_| false),
                SaveRequest::CreateWithAccess(input, invite) => {
                    create_contact_with_access(input, invite)
                        .await
                        .map(|_| false)
                }
                SaveRequest::Update { id, version, input } => update_contact(id, version, input)
                    .await
                    .map(|saved| saved.invitation_retracted),
            }
        }
    });
    let target_for_save = StoredValue::new(target.clone());
    let send = move || {
        notice.set(None);
        let input = draft.get_untracked();
        let request = target_for_save.with_value(|target| match target {
            Target::New if with_access => {
                SaveRequest::CreateWithAccess(input, invite_draft.get_untracked())
            }
            Target::New => SaveRequest::Create(input),
            Target::Existing { id, version, .. } => SaveRequest::Update {
                id: *id,
                version: *version,
                input,
            },
        });
        save.dispatch(request);
    };
    Effect::new({
        let navigate = navigate.clone();
        move |_| match save.value().get() {
            Some(Ok(retracted)) => {
                let name = draft
                    .with_untracked(|d| format!("{}, {}", d.last_name.trim(), d.first_name.trim()));
                let message = if with_access {
                    t_string!(i18n, invitations.sent, name = name).to_string()
                } else if retracted {
                    t_string!(i18n, contacts.saved_invitation_retracted, name = name).to_string()
                } else {
                    t_string!(i18n, contacts.saved, name = name).to_string()
                };
                Flash::set(message);
                navigate(&back.get_untracked(), Default::default());
            }
            Some(Err(AppError::Validation(found))) => {
                errors.set(found);
                summary_focus.update(|n| *n += 1);
            }
            Some(Err(error @ AppError::Stale { .. })) => {
                notice.set(Some(error));
                on_stale.run(());
            }
            Some(Err(error)) => notice.set(Some(error)),
            None => {}
        }
    });

    let valid_until = invite.as_ref().map(|i| i.valid_until.clone());
    // The questions to confirm before saving, if any.
    let questions = Memo::new(move |_| {
        let d = draft.get();
        let name = format!("{}, {}", d.last_name.trim(), d.first_name.trim());
        let mut paragraphs = Vec::new();
        if was_active && !d.active {
            paragraphs.push(
                t_string!(i18n, contacts.confirm_deactivate, name = name.clone()).to_string(),
            );
            if pending_invitation {
                paragraphs
                    .push(t_string!(i18n, contacts.confirm_deactivate_invitation).to_string());
            }
            if has_access {
                paragraphs.push(t_string!(i18n, contacts.confirm_deactivate_access).to_string());
            }
        } else if !was_active && d.active {
            paragraphs.push(
                t_string!(i18n, contacts.confirm_reactivate, name = name.clone()).to_string(),
            );
        } else if pending_invitation && !same_address(&initial_email, &d.email) {
            paragraphs.push(t_string!(i18n, contacts.confirm_email_retracts).to_string());
        }
        if d.is_primary && !was_primary {
            paragraphs.push(match &previous_primary {
                Some(previous) => t_string!(
                    i18n,
                    contacts.confirm_primary,
                    name = name.clone(),
                    previous = previous.clone()
                )
                .to_string(),
                None => {
                    t_string!(i18n, contacts.confirm_primary_first, name = name.clone()).to_string()
                }
            });
        }
        if let Some(valid_until) = &valid_until {
            let invitee = format!("{} {}", d.first_name.trim(), d.last_name.trim());
            // « Un courriel sera envoyé à … » then « Cliquez sur OK … ».
            paragraphs.extend(confirm_send(i18n, invitee, valid_until));
        } else if !paragraphs.is_empty() {
            paragraphs.push(t_string!(i18n, contacts.confirm_continue).to_string());
        }
        paragraphs
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !can_edit || save.pending().get_untracked() {
            return;
        }
        submitted.set(true);
        revalidate();
        if !errors.with_untracked(Vec::is_empty) {
            summary_focus.update(|n| *n += 1);
            return;
        }
        if questions.with_untracked(Vec::is_empty) {
            send();
        } else {
            confirm_open.set(true);
        }
    };

    let error_of = move |field: Field| field_error(i18n, errors.into(), field);
    let text = move |field: Field,
                     get: fn(&ContactInput) -> &String,
                     set: fn(&mut ContactInput, String)| {
        (
            Signal::derive(move || draft.with(|d| get(d).clone())),
            Callback::new(move |value: String| draft.update(|d| set(d, value))),
            Callback::new(move |_| left(field)),
            error_of(field),
        )
    };

    let (v, input, change, error) = text(Field::LastName, |d| &d.last_name, |d, v| d.last_name = v);
    let last_name = view! {
        <TextField field=Field::LastName label=Signal::derive(move || t_string!(i18n, contacts.last_name).to_string()) value=v on_input=input on_change=change error required=true autocomplete="family-name" />
    }
    .into_any();
    let (v, input, change, error) =
        text(Field::FirstName, |d| &d.first_name, |d, v| d.first_name = v);
    let first_name = view! {
        <TextField field=Field::FirstName label=Signal::derive(move || t_string!(i18n, contacts.first_name).to_string()) value=v on_input=input on_change=change error required=true autocomplete="given-name" />
    }
    .into_any();
    let (v, input, change, error) = text(Field::Email, |d| &d.email, |d, v| d.email = v);
    let email = view! {
        <TextField field=Field::Email label=Signal::derive(move || t_string!(i18n, contacts.email).to_string()) value=v on_input=input on_change=change error required=true kind="email" autocomplete="email" />
    }
    .into_any();
    let (v, input, change, error) = text(Field::Title, |d| &d.title, |d, v| d.title = v);
    let title = view! {
        <TextField field=Field::Title label=Signal::derive(move || t_string!(i18n, contacts.title_field).to_string()) value=v on_input=input on_change=change error autocomplete="organization-title" />
    }
    .into_any();
    let (v, input, change, error) = text(Field::Phone, |d| &d.phone, |d, v| d.phone = v);
    let phone = view! {
        <TextField field=Field::Phone label=Signal::derive(move || t_string!(i18n, contacts.phone_field).to_string()) value=v on_input=input on_change=change error kind="tel" autocomplete="tel" hint=Signal::derive(move || t_string!(i18n, contacts.phone_hint).to_string()) />
    }
    .into_any();
    let (v, input, change, error) = text(Field::PhoneExt, |d| &d.phone_ext, |d, v| d.phone_ext = v);
    let phone_ext = view! {
        <TextField field=Field::PhoneExt label=Signal::derive(move || t_string!(i18n, contacts.ext_field).to_string()) value=v on_input=input on_change=change error inputmode="numeric" />
    }
    .into_any();
    let (v, input, change, error) =
        text(Field::CellPhone, |d| &d.cell_phone, |d, v| d.cell_phone = v);
    let cell_phone = view! {
        <TextField field=Field::CellPhone label=Signal::derive(move || t_string!(i18n, contacts.cell_field).to_string()) value=v on_input=input on_change=change error kind="tel" autocomplete="mobile tel" />
    }
    .into_any();
    let (v, input, change, error) = text(Field::Fte, |d| &d.fte, |d, v| d.fte = v);
    let fte = view! {
        <TextField field=Field::Fte label=Signal::derive(move || t_string!(i18n, contacts.fte).to_string()) value=v on_input=input on_change=change error required=requires_job inputmode="decimal" hint=Signal::derive(move || t_string!(i18n, contacts.fte_hint).to_string()) />
    }
    .into_any();
    let (v, input, change, error) =
        text(Field::StartDate, |d| &d.start_date, |d, v| d.start_date = v);
    let start_date = view! {
        <TextField field=Field::StartDate label=Signal::derive(move || t_string!(i18n, contacts.start_date).to_string()) value=v on_input=input on_change=change error kind="date" />
    }
    .into_any();
    let (v, input, change, error) = text(Field::EndDate, |d| &d.end_date, |d, v| d.end_date = v);
    let end_date = view! {
        <TextField field=Field::EndDate label=Signal::derive(move || t_string!(i18n, contacts.end_date).to_string()) value=v on_input=input on_change=change error kind="date" />
    }
    .into_any();

    let (v, input, change, error) = text(Field::Language, |d| &d.language, |d, v| d.language = v);
    let language = view! {
        <SelectField
            field=Field::Language
            label=Signal::derive(move || t_string!(i18n, contacts.language_field).to_string())
            value=v on_input=input on_change=change error required=true
            options=Signal::derive(move || vec![
                ("en".to_string(), t_string!(i18n, contacts.lang_en).to_string()),
                ("fr".to_string(), t_string!(i18n, contacts.lang_fr).to_string()),
            ])
        />
    }
    .into_any();
    let offices: Vec<(String, String)> = settings
        .office_locations
        .iter()
        .map(|o| (o.code.clone(), o.name.clone()))
        .collect();
    let (v, input, change, error) = text(
        Field::OfficeLocation,
        |d| &d.office_location,
        |d, v| d.office_location = v,
    );
    let office_location = view! {
        <SelectField
            field=Field::OfficeLocation
            label=Signal::derive(move || t_string!(i18n, contacts.office_location).to_string())
            value=v on_input=input on_change=change error required=requires_job
            options=Signal::derive(move || offices.clone())
        />
    }
    .into_any();
    let (v, input, change, error) = text(
        Field::PositionType,
        |d| &d.position_type,
        |d, v| d.position_type = v,
    );
    let position_type = view! {
        <SelectField
            field=Field::PositionType
            label=Signal::derive(move || t_string!(i18n, contacts.position_type).to_string())
            value=v on_input=input on_change=change error required=requires_job
            options=Signal::derive(move || {
                POSITION_TYPES.iter().map(|code| (code.to_string(), position_label(i18n, code))).collect()
            })
        />
    }
    .into_any();

    // The primary contact stays primary (another one is named instead), and stays active.
    let active_locked = was_primary || is_self;
    let active_hint = move || {
        if was_primary {
            Some(t_string!(i18n, contacts.primary_cannot_deactivate).to_string())
        } else if is_self {
            Some(t_string!(i18n, contacts.self_cannot_deactivate).to_string())
        } else {
            None
        }
    };
    let on_active = move |ev| {
        let checked = event_target_checked(&ev);
        draft.update(|d| d.active = checked);
        left(Field::Active);
    };
    let on_primary = move |ev| {
        let checked = event_target_checked(&ev);
        draft.update(|d| d.is_primary = checked);
        left(Field::Active);
    };
    let active_error = error_of(Field::Active);
    let primary_error = error_of(Field::Primary);

    view! {
        {move || notice.get().map(|error| view! { <ErrorNotice error /> })}
        <ErrorSummary errors focus=summary_focus />
        {(!can_edit).then(|| view! { <p class="notice">{tr!(i18n, contacts.read_only)}</p> })}
        <form class="details-form" novalidate on:submit=on_submit>
            <fieldset disabled=move || !can_edit>
                <legend>{tr!(i18n, contacts.section_contact)}</legend>
                <div class="form-grid">
                    {last_name}
                    {first_name}
                    {email}
                    {title}
                    {phone}
                    {phone_ext}
                    {cell_phone}
                    {language}
                </div>
                <div class="checks">
                    <div class="check">
                        <input
                            id="active"
                            type="checkbox"
                            prop:checked=move || draft.with(|d| d.active)
                            disabled=active_locked
                            aria-describedby=move || {
                                let mut ids = Vec::new();
                                if active_hint().is_some() { ids.push("active-hint"); }
                                if active_error.with(Option::is_some) { ids.push("active-error"); }
                                ids.join(" ")
                            }
                            on:change=on_active
                        />
                        <label for="active">{tr!(i18n, contacts.active)}</label>
                    </div>
                    {move || active_hint().map(|hint| view! { <p class="hint" id="active-hint">{hint}</p> })}
                    <FieldErrorText field=Field::Active error=active_error />
                    <div class="check">
                        <input
                            id="is_primary"
                            type="checkbox"
                            prop:checked=move || draft.with(|d| d.is_primary)
                            disabled=was_primary
                            aria-describedby=if was_primary { "is_primary-hint" } else { "" }
                            on:change=on_primary
                        />
                        <label for="is_primary">{tr!(i18n, contacts.primary)}</label>
                    </div>
                    {was_primary.then(|| view! { <p class="hint" id="is_primary-hint">{tr!(i18n, contacts.primary_locked)}</p> })}
                    <FieldErrorText field=Field::Primary error=primary_error />
                </div>
            </fieldset>
            <fieldset disabled=move || !can_edit>
                <legend>{tr!(i18n, contacts.section_job)}</legend>
                {requires_job.then(|| view! { <p class="hint">{tr!(i18n, contacts.job_hint)}</p> })}
                <div class="form-grid">
                    {office_location}
                    {fte}
                    {start_date}
                    {position_type}
                    {end_date}
                </div>
            </fieldset>
            {invite.map(|invite| view! {
                <fieldset>
                    <legend>{tr!(i18n, invitations.section_invitation)}</legend>
                    <InvitationFields profiles=invite.profiles draft=invite_draft errors />
                </fieldset>
            })}
            <div class="actions">
                {can_edit.then(|| view! {
                    <button type="submit" class="primary" disabled=move || !hydrated.get() || save.pending().get()>
                        {move || if save.pending().get() {
                            t_string!(i18n, contacts.saving).to_string()
                        } else {
                            t_string!(i18n, contacts.save).to_string()
                        }}
                    </button>
                })}
                <a class="button" href=move || back.get()>
                    {move || if can_edit {
                        t_string!(i18n, contacts.cancel).to_string()
                    } else {
                        t_string!(i18n, contacts.back_to_list).to_string()
                    }}
                </a>
            </div>
        </form>
        <ConfirmDialog open=confirm_open paragraphs=questions on_confirm=Callback::new(move |_| send()) />
    }
    .into_any()
}

/// The translated label of a position type.
fn position_label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    match code {
        "MANAGER" => t_string!(i18n, contacts.pos_MANAGER),
        "COORDINATOR" => t_string!(i18n, contacts.pos_COORDINATOR),
        "COUNSELLOR" => t_string!(i18n, contacts.pos_COUNSELLOR),
        "CASE_MANAGER" => t_string!(i18n, contacts.pos_CASE_MANAGER),
        "ADMIN" => t_string!(i18n, contacts.pos_ADMIN),
        "OTHER" => t_string!(i18n, contacts.pos_OTHER),
        other => return other.to_string(),
    }
    .to_string()
}

/// The error under a field, prefixed for screen readers.
#[component]
pub(crate) fn FieldErrorText(
    /// The field it belongs to (names the element `<id>-error`).
    field: Field,
    /// The message, when there is an error.
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{}-error", field.control_id());
    move || {
        error.get().map(|message| {
            view! {
                <p class="field-error" id=id.clone()>
                    <span class="visually-hidden">{tr!(i18n, contacts.error_prefix)} " "</span>
                    {message}
                </p>
            }
        })
    }
}

pub(crate) fn described_by(
    field: Field,
    hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> String {
    move || {
        let id = field.control_id();
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{id}-hint"));
        }
        if error.with(Option::is_some) {
            ids.push(format!("{id}-error"));
        }
        ids.join(" ")
    }
}

fn label_text(
    i18n: leptos_i18n::I18nContext<Locale>,
    label: Signal<String>,
    required: bool,
) -> impl Fn() -> String {
    move || {
        if required {
            format!("{} {}", label.get(), t_string!(i18n, contacts.required))
        } else {
            label.get()
        }
    }
}

/// What every field of the form shares around its control: the box (marked while the field
/// is in error), the label (« (obligatoire) » added when required), the hint and the error.
#[component]
pub(crate) fn FieldShell(
    /// Which field (the label points at its control id).
    field: Field,
    /// The visible label.
    label: Signal<String>,
    /// The field's error message, if any.
    error: Signal<Option<String>>,
    required: bool,
    /// Help shown under the label (its id is `<control id>-hint`).
    hint: Option<Signal<String>>,
    /// The control.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = field.control_id();
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id>{label_text(i18n, label, required)}</label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
            <FieldErrorText field error />
            {children()}
        </div>
    }
}

/// A labelled text input with its hint and error.
#[component]
fn TextField(
    /// Which field (its control id).
    field: Field,
    /// The visible label.
    label: Signal<String>,
    /// The current text.
    value: Signal<String>,
    /// Each keystroke.
    on_input: Callback<String>,
    /// The user left the field after changing it.
    on_change: Callback<()>,
    /// The field's error message, if any.
    error: Signal<Option<String>>,
    #[prop(optional)] required: bool,
    /// The input type; text by default.
    #[prop(optional)]
    kind: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// Help shown under the label.
    #[prop(optional)]
    hint: Option<Signal<String>>,
) -> impl IntoView {
    let id = field.control_id();
    let has_hint = hint.is_some();
    view! {
        <FieldShell field label error required hint>
            <input
                id=id
                name=id
                type=kind.unwrap_or("text")
                autocomplete=autocomplete.unwrap_or("off")
                inputmode=inputmode
                aria-required=required.then_some("true")
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by(field, has_hint, error)
                prop:value=value
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:change=move |_| on_change.run(())
            />
        </FieldShell>
    }
}

/// A labelled select with « - Choisir - » first, and its error.
#[component]
fn SelectField(
    /// Which field (its control id).
    field: Field,
    /// The visible label.
    label: Signal<String>,
    /// The selected value.
    value: Signal<String>,
    /// A new choice.
    on_input: Callback<String>,
    /// The user made a choice.
    on_change: Callback<()>,
    /// The field's error message, if any.
    error: Signal<Option<String>>,
    #[prop(optional)] required: bool,
    /// (value, label) pairs.
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = field.control_id();
    view! {
        <FieldShell field label error required hint=None>
            <select
                id=id
                name=id
                aria-required=required.then_some("true")
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by(field, false, error)
                prop:value=value
                on:change=move |ev| {
                    on_input.run(event_target_value(&ev));
                    on_change.run(());
                }
            >
                <option value="">{tr!(i18n, contacts.choose)}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(code, name)| {
                            let selected = {
                                let code = code.clone();
                                move || value.with(|v| *v == code)
                            };
                            view! { <option value=code selected=selected>{name}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </FieldShell>
    }
}

/// The contact's history, newest first.
#[component]
fn History(
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
    let created = kind == "created";
    let what = move || {
        match kind.as_str() {
            "created" => t_string!(i18n, contacts.ev_created),
            "deactivated" => t_string!(i18n, contacts.ev_deactivated),
            "reactivated" => t_string!(i18n, contacts.ev_reactivated),
            "made_primary" => t_string!(i18n, contacts.ev_made_primary),
            "no_longer_primary" => t_string!(i18n, contacts.ev_no_longer_primary),
            "invitation_retracted" => t_string!(i18n, contacts.ev_invitation_retracted),
            "access_removed" => t_string!(i18n, contacts.ev_access_removed),
            "invitation_sent" => t_string!(i18n, contacts.ev_invitation_sent),
            "invitation_resent" => t_string!(i18n, contacts.ev_invitation_resent),
            "invitation_delivered" => t_string!(i18n, contacts.ev_invitation_delivered),
            "invitation_failed" => t_string!(i18n, contacts.ev_invitation_failed),
            "invitation_accepted" => t_string!(i18n, contacts.ev_invitation_accepted),
            "invitation_expired" => t_string!(i18n, contacts.ev_invitation_expired),
            _ => t_string!(i18n, contacts.ev_updated),
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
                            let value = |raw: &str| change_value(i18n, &change.field, raw);
                            let field = history_field_label(i18n, &change.field);
                            if created {
                                // A new contact's values, without the empty "before".
                                t_string!(
                                    i18n,
                                    contacts.change_set,
                                    field = field,
                                    value = value(change.to.get(locale))
                                )
                                .to_string()
                            } else {
                                t_string!(
                                    i18n,
                                    contacts.change_from_to,
                                    field = field,
                                    from = value(change.from.get(locale)),
                                    to = value(change.to.get(locale))
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

fn history_field_label(i18n: leptos_i18n::I18nContext<Locale>, field: &str) -> String {
    let known = [
        ("last_name", Field::LastName),
        ("first_name", Field::FirstName),
        ("email", Field::Email),
        ("title", Field::Title),
        ("phone", Field::Phone),
        ("phone_ext", Field::PhoneExt),
        ("cell_phone", Field::CellPhone),
        ("language", Field::Language),
        ("active", Field::Active),
        ("is_primary", Field::Primary),
        ("office_location", Field::OfficeLocation),
        ("fte", Field::Fte),
        ("start_date", Field::StartDate),
        ("end_date", Field::EndDate),
        ("position_type", Field::PositionType),
        ("profiles", Field::Profile),
        ("user_id", Field::UserId),
        ("message", Field::Message),
    ];
    match known.iter().find(|(name, _)| *name == field) {
        Some((_, f)) => crate::components::field_label(i18n, *f),
        None if field == "access" => t_string!(i18n, contacts.access).to_string(),
        None if field == "invitation" => t_string!(i18n, contacts.field_invitation).to_string(),
        None => field.to_string(),
    }
}

/// A recorded value as the user reads it.
fn change_value(i18n: leptos_i18n::I18nContext<Locale>, field: &str, raw: &str) -> String {
    if raw.is_empty() {
        return t_string!(i18n, contacts.empty_value).to_string();
    }
    match (field, raw) {
        (_, "true") => t_string!(i18n, common.yes).to_string(),
        (_, "false") => t_string!(i18n, common.no).to_string(),
        ("language", "fr") => t_string!(i18n, contacts.lang_fr).to_string(),
        ("language", "en") => t_string!(i18n, contacts.lang_en).to_string(),
        ("position_type", code) => position_label(i18n, code),
        ("invitation", "pending") => t_string!(i18n, contacts.value_pending).to_string(),
        ("invitation", "retracted") => t_string!(i18n, contacts.value_retracted).to_string(),
        ("invitation", "expired") => t_string!(i18n, contacts.value_expired).to_string(),
        _ => match i18n.get_locale() {
            Locale::fr => format!("« {raw} »"),
            Locale::en => format!("“{raw}”"),
        },
    }
}
