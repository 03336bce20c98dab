//! Pieces shared by several pages.

use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;

/// The first stop of the keyboard: straight to the page's content.
#[component]
pub fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">
            {t!(i18n, common.skip_to_content)}
        </a>
    }
}

/// One step of a breadcrumb; the last one is the current page and has no link.
#[derive(Clone)]
pub struct Crumb {
    pub label: Signal<String>,
    pub href: Option<&'static str>,
}

/// A page on the way from the user's home page to the contacts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Trail {
    Home,
    Organization,
    Contacts,
}

impl Trail {
    /// The crumbs from the home page to this page.
    pub fn crumbs(self, i18n: I18nContext<Locale>) -> Vec<Crumb> {
        let steps: [(Trail, &'static str, Signal<String>); 3] = [
            (
                Trail::Home,
                crate::routes::HOME,
                Signal::derive(move || t_string!(i18n, common.user_home).to_string()),
            ),
            (
                Trail::Organization,
                crate::routes::ORGANIZATION,
                Signal::derive(move || t_string!(i18n, common.org_home).to_string()),
            ),
            (
                Trail::Contacts,
                crate::routes::CONTACTS,
                Signal::derive(move || t_string!(i18n, common.contacts).to_string()),
            ),
        ];
        let last = steps
            .iter()
            .position(|(page, _, _)| *page == self)
            .unwrap_or(0);
        steps
            .into_iter()
            .take(last + 1)
            .enumerate()
            .map(|(i, (_, href, label))| Crumb {
                label,
                href: (i < last).then_some(href),
            })
            .collect()
    }
}

/// The trail from the user's home page to this one.
#[component]
pub fn Breadcrumb(
    /// From the home page to the current page.
    crumbs: Vec<Crumb>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || t_string!(i18n, common.breadcrumb);
    view! {
        <nav class="breadcrumb" aria-label=label>
            <ol>
                {crumbs
                    .into_iter()
                    .map(|crumb| match crumb.href {
                        Some(href) => view! { <li><a href=href>{crumb.label}</a></li> }.into_any(),
                        None => {
                            view! { <li aria-current="page">{crumb.label}</li> }.into_any()
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

/// The translated message of an error, with a way forward when there is one.
#[component]
pub fn ErrorNotice(
    /// What went wrong.
    error: AppError,
) -> impl IntoView {
    let i18n = use_i18n();
    let unauthorized = matches!(error, AppError::Unauthorized);
    let message = move || error_message(i18n, &error);
    view! {
        <div class="notice notice-error" role="alert">
            <p>{message}</p>
            {unauthorized
                .then(|| {
                    view! {
                        <p>
                            <a href=crate::routes::LOGIN>{t!(i18n, common.sign_in_again)}</a>
                        </p>
                    }
                })}
        </div>
    }
}

/// The message of an error in the current language.
pub fn error_message(i18n: I18nContext<Locale>, error: &AppError) -> String {
    use crate::error::ValidationCode;
    match error {
        AppError::Unauthorized => t_string!(i18n, common.error_unauthorized).to_string(),
        AppError::Forbidden => t_string!(i18n, common.error_forbidden).to_string(),
        AppError::NotFound => t_string!(i18n, common.error_not_found).to_string(),
        AppError::Conflict => t_string!(i18n, common.error_conflict).to_string(),
        AppError::Internal => t_string!(i18n, common.error_internal).to_string(),
        AppError::Transport(_) => t_string!(i18n, common.error_network).to_string(),
        AppError::Validation { field, code, max } => match code {
            ValidationCode::TooLong => t_string!(
                i18n,
                contacts.err_too_long,
                field = field_label(i18n, *field),
                max = max.unwrap_or_default()
            )
            .to_string(),
            ValidationCode::InvalidPage => t_string!(i18n, contacts.err_page).to_string(),
            ValidationCode::UnknownProfile => t_string!(i18n, contacts.err_profile).to_string(),
        },
    }
}

/// The label of a field, as the form shows it.
pub fn field_label(i18n: I18nContext<Locale>, field: crate::error::Field) -> String {
    use crate::error::Field;
    match field {
        Field::LastName => t_string!(i18n, contacts.last_name),
        Field::FirstName => t_string!(i18n, contacts.first_name),
        Field::Email => t_string!(i18n, contacts.email),
        Field::UserId => t_string!(i18n, contacts.user_id),
        Field::Profile => t_string!(i18n, contacts.profiles),
        Field::Page => {
            return t_string!(i18n, contacts.page_n, page = "")
                .trim()
                .to_string();
        }
    }
    .to_string()
}

/// The page shown for an unknown path.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, common.not_found_title).to_string() />
        <h1>{t!(i18n, common.not_found_title)}</h1>
        <p>{t!(i18n, common.not_found_text)}</p>
        <p>
            <a href=crate::routes::HOME>{t!(i18n, common.back_home)}</a>
        </p>
    }
}
