//! The details form (« Pers.-ress. org. ») with instant field errors and its confirmations,
//! for a new contact, a new contact with access, or an existing one.

use super::api::{PostContactForm, create_contact, update_contact};
use super::dto::{ContactFormPost, FormSettings, KeptForm};
use super::form::{Before, ContactInput, FormRules, POSITION_TYPES, Question, questions};
use crate::domain::ContactId;
use crate::error::{AppError, Field, FieldError};
use crate::i18n::*;
use crate::invitations::api::create_contact_with_access;
use crate::invitations::dto::{GrantableProfile, InviteInput, InviteSettings, confirm_send};
use crate::ui::{
    ConfirmDialog, ConfirmPage, ErrorNotice, ErrorSummary, FieldErrorText, Flash, Notice,
    SelectField, TextField, field_error,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::hooks::use_navigate;
use std::collections::HashSet;

/// Draws an invitation's profiles and message inside the form of a contact added with access:
/// the invitations domain's fields, handed over by the page that composes the two
/// (`crate::pages`).
pub type InvitationFieldsView =
    fn(Vec<GrantableProfile>, RwSignal<InviteInput>, Signal<Vec<FieldError>>) -> AnyView;

/// A contact added with access: the invitation's choices and how to draw its fields.
#[derive(Clone)]
pub(super) struct WithAccess {
    pub settings: InviteSettings,
    pub fields: InvitationFieldsView,
}

/// What the form saves to.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Target {
    New,
    Existing {
        id: ContactId,
        version: i32,
        /// The contact as loaded, to tell what the user changes.
        before: Before,
        is_self: bool,
    },
}

#[derive(Clone)]
pub(super) enum SaveRequest {
    Create(ContactInput),
    CreateWithAccess(ContactInput, InviteInput),
    Update {
        id: ContactId,
        version: i32,
        input: ContactInput,
    },
}

/// The details form (« Pers.-ress. org. »).
#[component]
pub(super) fn ContactForm(
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
    access: Option<WithAccess>,
    /// The form as it was posted before the WebAssembly had loaded, sent back to be corrected
    /// or confirmed.
    #[prop(optional)]
    kept: KeptForm,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let KeptForm {
        version: kept_version,
        input: kept_input,
        invite: kept_invite,
        errors: kept_errors,
        notice: kept_notice,
        confirm: confirming,
        ..
    } = kept;
    if kept_notice.is_some() {
        notice.set(kept_notice);
    }
    let target = match (target, kept_version) {
        (
            Target::Existing {
                id,
                before,
                is_self,
                ..
            },
            Some(version),
        ) => Target::Existing {
            id,
            version,
            before,
            is_self,
        },
        (target, _) => target,
    };
    let initial = kept_input.unwrap_or(initial);
    // The FTE and dates as the interface's language writes them, again after a switch.
    let draft = RwSignal::new(initial.written(i18n.get_locale_untracked().into()));
    Effect::watch(
        move || i18n.get_locale(),
        move |locale, _, _| {
            let language = (*locale).into();
            draft.update(|d| *d = std::mem::take(d).written(language));
        },
        false,
    );
    let submitted = RwSignal::new(!kept_errors.is_empty());
    let errors = RwSignal::new(kept_errors);
    let touched = RwSignal::new(HashSet::<Field>::new());
    let summary_focus = RwSignal::new(0_u32);
    let confirm_open = RwSignal::new(false);
    let office_codes = StoredValue::new(settings.office_codes());
    let requires_job = settings.requires_job;
    let can_edit = settings.can_edit;

    let with_access = access.is_some();
    let (invite, invitation_fields) = access.map(|a| (a.settings, a.fields)).unzip();
    let invite_draft = RwSignal::new(
        kept_invite
            .or_else(|| invite.as_ref().map(|i| i.initial.clone()))
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

    let (before, is_self) = match &target {
        Target::New => (
            Before::new_contact(settings.primary.clone().map(|(_, name)| name)),
            false,
        ),
        Target::Existing {
            before, is_self, ..
        } => (before.clone(), *is_self),
    };
    let was_primary = before.primary;
    let before = StoredValue::new(before);

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
                let name = draft.with_untracked(ContactInput::listed_name);
                Flash::set(if with_access {
                    Notice::InvitationSent { name }
                } else if retracted {
                    Notice::SavedInvitationRetracted { name }
                } else {
                    Notice::Saved { name }
                });
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
        let name = d.listed_name();
        let mut paragraphs: Vec<String> = before
            .with_value(|before| questions(before, &d))
            .iter()
            .map(|question| question_text(i18n, question, &name))
            .collect();
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
        <TextField field=Field::StartDate label=Signal::derive(move || t_string!(i18n, contacts.start_date).to_string()) value=v on_input=input on_change=change error inputmode="numeric" hint=Signal::derive(move || t_string!(i18n, contacts.date_hint).to_string()) />
    }
    .into_any();
    let (v, input, change, error) = text(Field::EndDate, |d| &d.end_date, |d, v| d.end_date = v);
    let end_date = view! {
        <TextField field=Field::EndDate label=Signal::derive(move || t_string!(i18n, contacts.end_date).to_string()) value=v on_input=input on_change=change error inputmode="numeric" hint=Signal::derive(move || t_string!(i18n, contacts.date_hint).to_string()) />
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

    // Posted as an HTML form until the WebAssembly runs.
    let (contact_id, version) = match &target {
        Target::New => (String::new(), String::new()),
        Target::Existing { id, version, .. } => (id.to_string(), version.to_string()),
    };
    let with_access_mark = if with_access { "1" } else { "" };
    if confirming {
        let mut controls = ContactFormPost::controls(&draft.get_untracked());
        if with_access {
            controls.extend(invite_draft.get_untracked().controls());
        }
        controls.extend([
            ("contact", contact_id),
            ("version", version),
            ("with_access", with_access_mark.to_string()),
            ("back", back.get_untracked()),
        ]);
        return view! { <ConfirmPage paragraphs=questions action=PostContactForm::PATH controls /> }
            .into_any();
    }

    view! {
        {move || notice.get().map(|error| view! { <ErrorNotice error /> })}
        <ErrorSummary errors focus=summary_focus />
        {(!can_edit).then(|| view! { <p class="notice">{tr!(i18n, contacts.read_only)}</p> })}
        <form class="details-form" novalidate method="post" action=PostContactForm::PATH on:submit=on_submit>
            <input type="hidden" name="contact" value=contact_id />
            <input type="hidden" name="with_access" value=with_access_mark />
            <input type="hidden" name="version" value=version />
            <input type="hidden" name="back" value=move || back.get() />
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
                        {active_locked.then(|| view! { <input type="hidden" name="active" value="on" /> })}
                        <input
                            id="active"
                            name="active"
                            type="checkbox"
                            checked=move || draft.with(|d| d.active)
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
                        {was_primary.then(|| view! { <input type="hidden" name="is_primary" value="on" /> })}
                        <input
                            id="is_primary"
                            name="is_primary"
                            type="checkbox"
                            checked=move || draft.with(|d| d.is_primary)
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
            {invite.zip(invitation_fields).map(|(invite, fields)| view! {
                <fieldset>
                    <legend>{tr!(i18n, invitations.section_invitation)}</legend>
                    {fields(invite.profiles, invite_draft, errors.into())}
                </fieldset>
            })}
            <div class="actions">
                {can_edit.then(|| view! {
                    <button type="submit" class="primary" disabled=move || save.pending().get()>
                        {move || if save.pending().get() {
                            t_string!(i18n, contacts.saving).to_string()
                        } else {
                            t_string!(i18n, contacts.save).to_string()
                        }}
                    </button>
                })}
                <a class="button" href=move || back.get()>
                    {move || if can_edit {
                        t_string!(i18n, common.cancel).to_string()
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

/// One question of saving, as the confirmation says it; `name` is « Nom, Prénom ».
pub(super) fn question_text(
    i18n: leptos_i18n::I18nContext<Locale>,
    question: &Question,
    name: &str,
) -> String {
    let name = name.to_string();
    match question {
        Question::Deactivate => {
            t_string!(i18n, contacts.confirm_deactivate, name = name).to_string()
        }
        Question::DeactivateRetracts => {
            t_string!(i18n, contacts.confirm_deactivate_invitation).to_string()
        }
        Question::DeactivateRemovesAccess => {
            t_string!(i18n, contacts.confirm_deactivate_access).to_string()
        }
        Question::Reactivate => {
            t_string!(i18n, contacts.confirm_reactivate, name = name).to_string()
        }
        Question::EmailRetracts => t_string!(i18n, contacts.confirm_email_retracts).to_string(),
        Question::Primary {
            previous: Some(previous),
        } => t_string!(
            i18n,
            contacts.confirm_primary,
            name = name,
            previous = previous.clone()
        )
        .to_string(),
        Question::Primary { previous: None } => {
            t_string!(i18n, contacts.confirm_primary_first, name = name).to_string()
        }
    }
}

/// The translated label of a position type.
pub(super) fn position_label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    position_label_in(i18n.get_locale(), code)
}

/// A position type's label in `locale`, for its code.
pub(crate) fn position_label_in(locale: Locale, code: &str) -> String {
    match code {
        "MANAGER" => td_string!(locale, contacts.pos_MANAGER),
        "COORDINATOR" => td_string!(locale, contacts.pos_COORDINATOR),
        "COUNSELLOR" => td_string!(locale, contacts.pos_COUNSELLOR),
        "CASE_MANAGER" => td_string!(locale, contacts.pos_CASE_MANAGER),
        "ADMIN" => td_string!(locale, contacts.pos_ADMIN),
        "OTHER" => td_string!(locale, contacts.pos_OTHER),
        other => other,
    }
    .to_string()
}
