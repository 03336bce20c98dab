//! Errors as people read them: a page's notice, a field's message and label, and the form's
//! error summary.

use crate::error::{AppError, Field, FieldError, ValidationCode};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// The translated message of an error, with a way forward when there is one.
#[component]
pub fn ErrorNotice(
    /// What went wrong.
    error: AppError,
) -> impl IntoView {
    let i18n = use_i18n();
    let unauthorized = matches!(
        error,
        AppError::Unauthorized | AppError::AccessRemoved { .. }
    );
    let message = move || error_message(i18n, &error);
    view! {
        <div class="notice notice-error" role="alert">
            <p>{message}</p>
            {unauthorized
                .then(|| {
                    view! {
                        <p>
                            <a href=crate::routes::LOGIN>{tr!(i18n, common.sign_in_again)}</a>
                        </p>
                    }
                })}
        </div>
    }
}

/// The message of an error in the current language.
pub fn error_message(i18n: I18nContext<Locale>, error: &AppError) -> String {
    match error {
        AppError::Unauthorized => t_string!(i18n, common.error_unauthorized).to_string(),
        AppError::AccessRemoved { organization } => t_string!(
            i18n,
            common.error_access_removed,
            org = organization.clone()
        )
        .to_string(),
        AppError::Forbidden => t_string!(i18n, common.error_forbidden).to_string(),
        AppError::NotGrantable { module } => t_string!(
            i18n,
            invitations.err_module_not_administered,
            module = module_label(i18n, module)
        )
        .to_string(),
        AppError::LastModuleAdmin { module } => t_string!(
            i18n,
            contacts.err_last_module_admin,
            module = module_label(i18n, module)
        )
        .to_string(),
        AppError::AdministersOtherModule { module } => t_string!(
            i18n,
            contacts.err_administers_other_module,
            module = module_label(i18n, module)
        )
        .to_string(),
        AppError::NotFound => t_string!(i18n, common.error_not_found).to_string(),
        AppError::Conflict => t_string!(i18n, common.error_conflict).to_string(),
        AppError::Stale { by, at } => {
            let by = by
                .clone()
                .unwrap_or_else(|| t_string!(i18n, contacts.stale_someone).to_string());
            t_string!(i18n, contacts.stale, by = by, at = at.clone()).to_string()
        }
        AppError::Internal => t_string!(i18n, common.error_internal).to_string(),
        AppError::Transport(_) => t_string!(i18n, common.error_network).to_string(),
        AppError::Validation(errors) => errors
            .iter()
            .map(|e| field_error_message(i18n, e))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// A module's name (its code, e.g. `GEC`) in the current language.
fn module_label(i18n: I18nContext<Locale>, module: &str) -> String {
    crate::domain::module_name(module)
        .get(i18n.get_locale())
        .to_string()
}

/// The message of one field's error in the current language.
pub fn field_error_message(i18n: I18nContext<Locale>, error: &FieldError) -> String {
    let field = field_label(i18n, error.field);
    match error.code {
        ValidationCode::TooLong => t_string!(
            i18n,
            common.err_too_long,
            field = field,
            max = error.max.unwrap_or_default()
        )
        .to_string(),
        ValidationCode::InvalidPage => t_string!(i18n, contacts.err_page).to_string(),
        ValidationCode::UnknownProfile => t_string!(i18n, contacts.err_profile).to_string(),
        ValidationCode::Required => t_string!(i18n, common.err_required, field = field).to_string(),
        ValidationCode::InvalidText => {
            t_string!(i18n, common.err_invalid_text, field = field).to_string()
        }
        ValidationCode::InvalidEmail => t_string!(i18n, common.err_email).to_string(),
        ValidationCode::InvalidPhone => {
            t_string!(i18n, common.err_phone, field = field).to_string()
        }
        ValidationCode::InvalidExtension => t_string!(i18n, common.err_extension).to_string(),
        ValidationCode::InvalidFte => t_string!(i18n, common.err_fte).to_string(),
        ValidationCode::InvalidDate => t_string!(i18n, common.err_date, field = field).to_string(),
        ValidationCode::EndBeforeStart => t_string!(i18n, common.err_end_before_start).to_string(),
        ValidationCode::UnknownOption => {
            t_string!(i18n, common.err_option, field = field).to_string()
        }
        ValidationCode::DuplicateEmail => t_string!(i18n, contacts.err_duplicate_email).to_string(),
        ValidationCode::PrimaryInactive => {
            t_string!(i18n, contacts.err_primary_inactive).to_string()
        }
        ValidationCode::PrimaryRequired => {
            t_string!(i18n, contacts.err_primary_required).to_string()
        }
        ValidationCode::SelfDeactivation => {
            t_string!(i18n, contacts.err_self_deactivation).to_string()
        }
        ValidationCode::SelfAccessRemoval => t_string!(i18n, contacts.err_self_access).to_string(),
        ValidationCode::NoProfile => t_string!(i18n, invitations.err_no_profile).to_string(),
        ValidationCode::NotGrantable => t_string!(i18n, invitations.err_not_grantable).to_string(),
    }
}

/// The message of `field`'s error among `errors`, if it has one, as a signal for the field.
pub fn field_error(
    i18n: I18nContext<Locale>,
    errors: Signal<Vec<FieldError>>,
    field: Field,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|es| {
            es.iter()
                .find(|e| e.field == field)
                .map(|e| field_error_message(i18n, e))
        })
    })
}

/// The label of a field, as the form shows it.
pub fn field_label(i18n: I18nContext<Locale>, field: Field) -> String {
    field_label_in(i18n.get_locale(), field)
}

/// A field's label in `locale`.
pub fn field_label_in(locale: Locale, field: Field) -> String {
    match field {
        Field::LastName => td_string!(locale, contacts.last_name),
        Field::FirstName => td_string!(locale, contacts.first_name),
        Field::Email => td_string!(locale, contacts.email),
        Field::UserId => td_string!(locale, contacts.user_id),
        Field::Profile => td_string!(locale, contacts.profiles),
        Field::Page => {
            return td_string!(locale, contacts.page_n, page = "")
                .to_string()
                .trim()
                .to_string();
        }
        Field::Title => td_string!(locale, contacts.title_field),
        Field::Phone => td_string!(locale, contacts.phone_field),
        Field::PhoneExt => td_string!(locale, contacts.ext_field),
        Field::CellPhone => td_string!(locale, contacts.cell_field),
        Field::Language => td_string!(locale, contacts.language_field),
        Field::Active => td_string!(locale, contacts.active),
        Field::Primary => td_string!(locale, contacts.primary),
        Field::OfficeLocation => td_string!(locale, contacts.office_location),
        Field::Fte => td_string!(locale, contacts.fte),
        Field::StartDate => td_string!(locale, contacts.start_date),
        Field::EndDate => td_string!(locale, contacts.end_date),
        Field::PositionType => td_string!(locale, contacts.position_type),
        Field::Profiles => td_string!(locale, invitations.profiles),
        Field::Message => td_string!(locale, invitations.message),
        Field::Since => td_string!(locale, contacts.start_date),
        Field::Until => td_string!(locale, contacts.end_date),
        Field::Event => td_string!(locale, contacts.log_kind),
        Field::Contact => td_string!(locale, contacts.log_contact),
        Field::Actor => td_string!(locale, contacts.log_by),
    }
    .to_string()
}

/// The GOV.UK error summary: the form's problems at its top, each a link to its field. It
/// takes the focus when `focus` changes, so a screen reader announces it after a submit.
#[component]
pub fn ErrorSummary(
    /// The problems to list; nothing is shown when empty.
    #[prop(into)]
    errors: Signal<Vec<FieldError>>,
    /// Bumped to move the focus to the summary.
    #[prop(into)]
    focus: Signal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::watch(
        move || focus.get(),
        move |_, _, _| {
            request_animation_frame(move || {
                if let Some(el) = node.get_untracked() {
                    let _ = el.focus();
                }
            });
        },
        false,
    );
    view! {
        <div
            class="error-summary"
            node_ref=node
            tabindex="-1"
            aria-labelledby="error-summary-title"
            hidden=move || errors.with(Vec::is_empty)
        >
            <h2 id="error-summary-title">{tr!(i18n, contacts.error_summary)}</h2>
            <ul>
                {move || {
                    errors
                        .get()
                        .into_iter()
                        .map(|e| {
                            let href = format!("#{}", e.field.control_id());
                            view! { <li><a href=href>{move || field_error_message(i18n, &e)}</a></li> }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
