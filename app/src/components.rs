//! Pieces shared by several pages.

use crate::error::{AppError, Field, FieldError, ValidationCode};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// A message for the next page, e.g. « saved » after a form returns to the list. Provided
/// once by the app; the page that shows it takes it.
#[derive(Clone, Copy)]
pub struct Flash(pub RwSignal<Option<String>>);

impl Flash {
    pub fn provide() {
        provide_context(Flash(RwSignal::new(None)));
    }

    pub fn set(message: String) {
        if let Some(flash) = use_context::<Flash>() {
            flash.0.set(Some(message));
        }
    }

    /// The waiting message, if any, which is then gone.
    pub fn take() -> Option<String> {
        use_context::<Flash>().and_then(|flash| flash.0.try_update(Option::take).flatten())
    }
}

/// The first stop of the keyboard: straight to the page's content.
#[component]
pub fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">
            {tr!(i18n, common.skip_to_content)}
        </a>
    }
}

/// Says that the next page is on its way while the router loads its code and data (a page's
/// code is fetched the first time it is shown).
#[component]
pub fn RoutingStatus(is_routing: ReadSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="routing-status" role="status">
            {move || {
                is_routing.get().then(|| view! { <span>{tr!(i18n, common.loading)}</span> })
            }}
        </div>
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
    NewContact,
    NewContactWithAccess,
    ContactDetails,
    Invite,
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
        // A contact's pages come after the list.
        let leaf = match self {
            Trail::NewContact => Some(Signal::derive(move || {
                t_string!(i18n, contacts.add_title).to_string()
            })),
            Trail::NewContactWithAccess => Some(Signal::derive(move || {
                t_string!(i18n, contacts.add_with_access_title).to_string()
            })),
            Trail::ContactDetails => Some(Signal::derive(move || {
                t_string!(i18n, contacts.details_title).to_string()
            })),
            Trail::Invite => Some(Signal::derive(move || {
                t_string!(i18n, invitations.invite_title).to_string()
            })),
            _ => None,
        };
        let last = if leaf.is_some() {
            steps.len()
        } else {
            steps
                .iter()
                .position(|(page, _, _)| *page == self)
                .unwrap_or(0)
        };
        let mut crumbs: Vec<Crumb> = steps
            .into_iter()
            .take(last + 1)
            .enumerate()
            .map(|(i, (_, href, label))| Crumb {
                label,
                href: (i < last).then_some(href),
            })
            .collect();
        crumbs.extend(leaf.map(|label| Crumb { label, href: None }));
        crumbs
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
        AppError::Forbidden => t_string!(i18n, common.error_forbidden).to_string(),
        AppError::NotGrantable { module } => {
            let module = crate::invitations::dto::module_name(module)
                .get(i18n.get_locale())
                .to_string();
            t_string!(
                i18n,
                invitations.err_module_not_administered,
                module = module
            )
            .to_string()
        }
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

/// The message of one field's error in the current language.
pub fn field_error_message(i18n: I18nContext<Locale>, error: &FieldError) -> String {
    let field = field_label(i18n, error.field);
    match error.code {
        ValidationCode::TooLong => t_string!(
            i18n,
            contacts.err_too_long,
            field = field,
            max = error.max.unwrap_or_default()
        )
        .to_string(),
        ValidationCode::InvalidPage => t_string!(i18n, contacts.err_page).to_string(),
        ValidationCode::UnknownProfile => t_string!(i18n, contacts.err_profile).to_string(),
        ValidationCode::Required => {
            t_string!(i18n, contacts.err_required, field = field).to_string()
        }
        ValidationCode::InvalidText => {
            t_string!(i18n, contacts.err_invalid_text, field = field).to_string()
        }
        ValidationCode::InvalidEmail => t_string!(i18n, contacts.err_email).to_string(),
        ValidationCode::InvalidPhone => {
            t_string!(i18n, contacts.err_phone, field = field).to_string()
        }
        ValidationCode::InvalidExtension => t_string!(i18n, contacts.err_extension).to_string(),
        ValidationCode::InvalidFte => t_string!(i18n, contacts.err_fte).to_string(),
        ValidationCode::InvalidDate => {
            t_string!(i18n, contacts.err_date, field = field).to_string()
        }
        ValidationCode::EndBeforeStart => {
            t_string!(i18n, contacts.err_end_before_start).to_string()
        }
        ValidationCode::UnknownOption => {
            t_string!(i18n, contacts.err_option, field = field).to_string()
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
        Field::Title => t_string!(i18n, contacts.title_field),
        Field::Phone => t_string!(i18n, contacts.phone_field),
        Field::PhoneExt => t_string!(i18n, contacts.ext_field),
        Field::CellPhone => t_string!(i18n, contacts.cell_field),
        Field::Language => t_string!(i18n, contacts.language_field),
        Field::Active => t_string!(i18n, contacts.active),
        Field::Primary => t_string!(i18n, contacts.primary),
        Field::OfficeLocation => t_string!(i18n, contacts.office_location),
        Field::Fte => t_string!(i18n, contacts.fte),
        Field::StartDate => t_string!(i18n, contacts.start_date),
        Field::EndDate => t_string!(i18n, contacts.end_date),
        Field::PositionType => t_string!(i18n, contacts.position_type),
        Field::Profiles => t_string!(i18n, invitations.profiles),
        Field::Message => t_string!(i18n, invitations.message),
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

/// The attribute that marks the element to focus again when a dialog closes.
const OPENER_MARK: &str = "data-dialog-opener";

/// A modal confirmation (native `<dialog>`): OK runs `on_confirm`, Annuler and Esc close it
/// with nothing done. Focus stays inside while it is open and returns where it was after.
#[component]
pub fn ConfirmDialog(
    /// Opens and closes the dialog.
    open: RwSignal<bool>,
    /// The question, one paragraph each.
    #[prop(into)]
    paragraphs: Signal<Vec<String>>,
    /// Runs when the user clicks OK.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<leptos::html::Dialog>::new();
    Effect::watch(
        move || open.get(),
        move |is_open, _, _| {
            let Some(dialog) = node.get_untracked() else {
                return;
            };
            if *is_open && !dialog.open() {
                // Marks where the focus was, to give it back on closing (an attribute rather
                // than a stored element, which could not live in the server's views).
                if let Some(active) = document().active_element() {
                    let _ = active.set_attribute(OPENER_MARK, "");
                }
                let _ = dialog.show_modal();
            } else if !*is_open && dialog.open() {
                dialog.close();
            }
        },
        false,
    );
    // Closed by Esc, by a button or by code: the state follows, and the focus goes back.
    let on_close = move |_| {
        open.set(false);
        let selector = format!("[{OPENER_MARK}]");
        if let Ok(Some(opener)) = document().query_selector(&selector) {
            let _ = opener.remove_attribute(OPENER_MARK);
            if let Ok(opener) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(opener) {
                let _ = opener.focus();
            }
        }
    };
    view! {
        <dialog
            node_ref=node
            class="confirm"
            aria-labelledby="confirm-title"
            aria-describedby="confirm-text"
            on:close=on_close
        >
            <h2 id="confirm-title">{tr!(i18n, contacts.confirm_title)}</h2>
            // A space after each paragraph, so that the text reads as one (« …2026. Cliquez… »)
            // where it is taken whole.
            <div id="confirm-text">
                {move || {
                    paragraphs.get().into_iter().map(|p| view! { <p>{p}</p> " " }).collect_view()
                }}
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="primary"
                    on:click=move |_| {
                        open.set(false);
                        on_confirm.run(());
                    }
                >
                    {tr!(i18n, contacts.ok)}
                </button>
                <button type="button" on:click=move |_| open.set(false)>
                    {tr!(i18n, contacts.cancel)}
                </button>
            </div>
        </dialog>
    }
}

/// The document's title, « page — LaMPSS ». The server writes it into the page's head
/// (leptos_meta's `<Title>`); the browser then keeps it up to date itself, for the language
/// switch and the pages it opens. leptos_meta's `<Title>` would also do that, but while it
/// hydrates it first sets the title of an empty list of texts, and the tab shows no title until
/// the page's code has run.
#[component]
pub fn PageTitle(
    /// The page's name.
    #[prop(into)]
    text: TextProp,
) -> impl IntoView {
    let title = move || format!("{} — LaMPSS", text.get());
    // Called on the server, `Title` hands the text to the page's head at once; what it returns
    // renders nothing. Both sides render nothing here, so hydration finds what it expects. The
    // server's text is read now, as a plain string: the head is written after the page has
    // rendered, and nothing reactive should have to outlive the render for it.
    #[cfg(feature = "ssr")]
    let _ = leptos_meta::Title(leptos_meta::TitleProps::builder().text(title()).build());
    #[cfg(not(feature = "ssr"))]
    Effect::new(move |_| document().set_title(&title()));
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
        <PageTitle text=move || t_string!(i18n, common.not_found_title).to_string() />
        <h1>{tr!(i18n, common.not_found_title)}</h1>
        <p>{tr!(i18n, common.not_found_text)}</p>
        <p>
            <a href=crate::routes::HOME>{tr!(i18n, common.back_home)}</a>
        </p>
    }
}
