//! The search form, the table of contacts and its page navigation.

use super::api::{remove_access, retract_invitation};
use super::dto::{ContactPage, ContactQuery, ContactRow, InvitationLine};
use crate::domain::Language;
use crate::error::AppError;
use crate::i18n::*;
use crate::organization::dto::ProfileOption;
use crate::routes;
use crate::ui::{ConfirmDialog, ErrorNotice};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use leptos_use::signal_debounced;

/// How long typing pauses before the list follows, in milliseconds.
const DEBOUNCE_MS: f64 = 250.0;

fn href(query: &ContactQuery) -> String {
    format!("{}{}", routes::CONTACTS, query.to_query_string())
}

/// « Recherche de personnes-ressources ». Before the WebAssembly loads it is a plain GET form;
/// after, typing (debounced) and toggling update the URL, and so the list, without a reload.
#[component]
pub fn SearchForm(
    /// The query the URL carries now.
    #[prop(into)]
    query: Signal<ContactQuery>,
    /// The security profiles to filter by.
    profiles: Vec<ProfileOption>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    // What the form shows; it runs ahead of the URL while the user types.
    let draft = RwSignal::new(query.get_untracked());
    // The last query this form put in the URL, to tell our own navigations from Back/Forward.
    let pushed = StoredValue::new(None::<ContactQuery>);

    Effect::watch(
        move || query.get(),
        move |q, _, _| {
            if pushed.get_value().as_ref() != Some(q) {
                draft.set(q.clone());
            }
        },
        false,
    );

    let go = {
        let navigate = navigate.clone();
        move |q: ContactQuery, replace: bool| {
            let q = q.with_page(1);
            if q == query.get_untracked() {
                return;
            }
            pushed.set_value(Some(q.clone()));
            navigate(
                &href(&q),
                NavigateOptions {
                    replace,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };

    let debounced = signal_debounced(draft, DEBOUNCE_MS);
    Effect::watch(
        move || debounced.get(),
        {
            let go = go.clone();
            move |d: &ContactQuery, _, _| {
                if !d.same_filters(&query.get_untracked()) {
                    go(d.clone(), true);
                }
            }
        },
        false,
    );

    let apply_now = {
        let go = go.clone();
        move || go(draft.get_untracked(), false)
    };

    let text_field = move |id: &'static str,
                           label: Signal<String>,
                           get: fn(&ContactQuery) -> &String,
                           set: fn(&mut ContactQuery, String),
                           kind: &'static str| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    name=id
                    type=kind
                    autocomplete="off"
                    prop:value=move || draft.with(|d| get(d).clone())
                    on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
                />
            </div>
        }
    };

    let on_submit = {
        let apply_now = apply_now.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            apply_now();
        }
    };
    let on_clear = {
        let go = go.clone();
        move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            draft.set(ContactQuery::default());
            go(ContactQuery::default(), false);
        }
    };
    let on_active = {
        let apply_now = apply_now.clone();
        move |ev| {
            let checked = event_target_checked(&ev);
            draft.update(|d| d.active = if checked { String::new() } else { "0".into() });
            apply_now();
        }
    };
    let on_access = {
        let apply_now = apply_now.clone();
        move |ev| {
            let checked = event_target_checked(&ev);
            draft.update(|d| d.access = if checked { "1".into() } else { String::new() });
            apply_now();
        }
    };
    let on_profile = move |ev| {
        let value = event_target_value(&ev);
        draft.update(|d| d.profile = value);
        apply_now();
    };

    view! {
        <section class="search" aria-labelledby="search-title">
            <h2 id="search-title">{tr!(i18n, contacts.search_title)}</h2>
            <form method="get" action=routes::CONTACTS on:submit=on_submit class="search-form">
                <div class="search-grid">
                    {text_field(
                        "last_name",
                        Signal::derive(move || t_string!(i18n, contacts.last_name).to_string()),
                        |d| &d.last_name,
                        |d, v| d.last_name = v,
                        "text",
                    )}
                    {text_field(
                        "first_name",
                        Signal::derive(move || t_string!(i18n, contacts.first_name).to_string()),
                        |d| &d.first_name,
                        |d, v| d.first_name = v,
                        "text",
                    )}
                    {text_field(
                        "email",
                        Signal::derive(move || t_string!(i18n, contacts.email).to_string()),
                        |d| &d.email,
                        |d, v| d.email = v,
                        "text",
                    )}
                    {text_field(
                        "user_id",
                        Signal::derive(move || t_string!(i18n, contacts.user_id).to_string()),
                        |d| &d.user_id,
                        |d, v| d.user_id = v,
                        "text",
                    )}
                    <div class="field">
                        <label for="profile">{tr!(i18n, contacts.profiles)}</label>
                        <select
                            id="profile"
                            name="profile"
                            on:change=on_profile
                            prop:value=move || draft.with(|d| d.profile.clone())
                        >
                            <option value="">{tr!(i18n, contacts.choose)}</option>
                            {profiles
                                .into_iter()
                                .map(|p| {
                                    let id = p.id.to_string();
                                    let selected = {
                                        let id = id.clone();
                                        move || draft.with(|d| d.profile == id)
                                    };
                                    view! {
                                        <option value=id selected=selected>
                                            {move || p.label.get(i18n.get_locale()).to_string()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="checks">
                        <div class="check">
                            // Sent when the box is unchecked; the box's own value, sent after
                            // it, wins when checked.
                            <input type="hidden" name="active" value="0" />
                            <input
                                id="active"
                                name="active"
                                type="checkbox"
                                value="1"
                                prop:checked=move || draft.with(|d| d.active_only())
                                on:change=on_active
                            />
                            <label for="active">{tr!(i18n, contacts.active_only)}</label>
                        </div>
                        <div class="check">
                            <input
                                id="access"
                                name="access"
                                type="checkbox"
                                value="1"
                                prop:checked=move || draft.with(|d| d.with_access())
                                on:change=on_access
                            />
                            <label for="access">{tr!(i18n, contacts.with_access)}</label>
                        </div>
                    </div>
                </div>
                <div class="actions">
                    <button type="submit" class="primary">
                        {tr!(i18n, contacts.search)}
                    </button>
                    <button type="submit" name="clear" value="1" on:click=on_clear>
                        {tr!(i18n, contacts.clear)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// What an administrator can do from a row, after confirming.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowAction {
    /// « Invitation au LaMPSS retirée ».
    Retract { id: i32, name: String },
    /// « Supprimer l'accès au LaMPSS ».
    RemoveAccess { id: i32, name: String },
}

/// The row actions' state, kept by the page so that it outlives the list's reloads: the
/// action waiting for confirmation, the confirmation dialog, and the last outcome.
#[derive(Clone, Copy)]
pub struct RowActions {
    pending: RwSignal<Option<RowAction>>,
    open: RwSignal<bool>,
    outcome: RwSignal<Option<Result<RowAction, AppError>>>,
    run: Action<RowAction, Result<RowAction, AppError>>,
}

impl RowActions {
    /// `changed` is bumped after each action that succeeded, to reload the list.
    pub fn new(changed: RwSignal<u32>) -> Self {
        let outcome = RwSignal::new(None);
        let run = Action::new(move |action: &RowAction| {
            let action = action.clone();
            async move {
                let result = match &action {
                    RowAction::Retract { id, .. } => retract_invitation(*id).await,
                    RowAction::RemoveAccess { id, .. } => remove_access(*id).await,
                };
                result.map(|_| action)
            }
        });
        Effect::new(move |_| {
            if let Some(result) = run.value().get() {
                if result.is_ok() {
                    changed.update(|n| *n += 1);
                }
                outcome.set(Some(result));
            }
        });
        Self {
            pending: RwSignal::new(None),
            open: RwSignal::new(false),
            outcome,
            run,
        }
    }

    /// Asks the user to confirm `action`.
    pub fn ask(self, action: RowAction) {
        self.outcome.set(None);
        self.pending.set(Some(action));
        self.open.set(true);
    }
}

/// The confirmation dialog of the row actions and what came of the last one.
#[component]
pub fn RowActionsView(
    /// The page's row actions.
    actions: RowActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let questions = Signal::derive(move || {
        let Some(action) = actions.pending.get() else {
            return Vec::new();
        };
        let question = match action {
            RowAction::Retract { name, .. } => {
                t_string!(i18n, contacts.confirm_retract, name = name).to_string()
            }
            RowAction::RemoveAccess { name, .. } => {
                t_string!(i18n, contacts.confirm_remove_access, name = name).to_string()
            }
        };
        vec![
            question,
            t_string!(i18n, contacts.confirm_continue).to_string(),
        ]
    });
    let on_confirm = Callback::new(move |_| {
        if let Some(action) = actions.pending.get_untracked() {
            actions.run.dispatch(action);
        }
    });
    let done = move || match actions.outcome.get() {
        Some(Ok(RowAction::Retract { name, .. })) => {
            Some(t_string!(i18n, contacts.retracted_done, name = name).to_string())
        }
        Some(Ok(RowAction::RemoveAccess { name, .. })) => {
            Some(t_string!(i18n, contacts.access_removed_done, name = name).to_string())
        }
        _ => None,
    };
    view! {
        <div role="status" class="action-outcome">
            {move || done().map(|text| view! { <p class="notice">{text}</p> })}
        </div>
        {move || match actions.outcome.get() {
            Some(Err(error)) => Some(view! { <ErrorNotice error /> }),
            _ => None,
        }}
        <ConfirmDialog open=actions.open paragraphs=questions on_confirm />
    }
}

/// The result count, the table of contacts and the page navigation.
#[component]
pub fn ContactTable(
    /// The page to show.
    page: ContactPage,
    /// The query it answers, for the page links.
    #[prop(into)]
    query: Signal<ContactQuery>,
    /// The row actions, for an administrator; none for others.
    actions: Option<RowActions>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = page.total;
    let empty = page.rows.is_empty();
    let beyond = empty && total > 0;
    view! {
        <section class="results" aria-labelledby="results-count">
            <p id="results-count" class="count" role="status" aria-live="polite">
                {t!(i18n, contacts.results, count = total)}
            </p>
            {if empty {
                view! {
                    <p class="empty">
                        {if beyond {
                            view! {
                                {tr!(i18n, contacts.page_beyond)}
                                " "
                                <a href=move || {
                                    href(&query.get().with_page(1))
                                }>{tr!(i18n, contacts.first_page)}</a>
                            }
                                .into_any()
                        } else {
                            tr!(i18n, contacts.empty).into_any()
                        }}
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <table class="contacts">
                        <caption class="visually-hidden">{tr!(i18n, contacts.list_caption)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{tr!(i18n, contacts.col_contact)}</th>
                                <th scope="col">{tr!(i18n, contacts.col_details)}</th>
                                <th scope="col">{tr!(i18n, contacts.col_status)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {
                                let list_query = query.get_untracked().to_query_string();
                                page.rows
                                    .into_iter()
                                    .map(|row| view! { <ContactRowView row list_query=list_query.clone() actions /> })
                                    .collect_view()
                            }
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
            <Pagination page=page.page page_count=page.page_count query />
        </section>
    }
}

#[component]
fn ContactRowView(
    /// The contact to show.
    row: ContactRow,
    /// The list's query (`?…` or empty), kept in the details link for the way back.
    list_query: String,
    /// The row actions, for an administrator; none for others.
    actions: Option<RowActions>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ContactRow {
        id,
        last_name,
        first_name,
        is_primary,
        is_admin,
        profiles,
        title,
        email,
        account_email,
        phone,
        phone_ext,
        cell_phone,
        language,
        active,
        has_access,
        invitation,
        is_self,
    } = row;
    let profile_text = move || {
        if profiles.is_empty() {
            t_string!(i18n, contacts.none).to_string()
        } else {
            let locale = i18n.get_locale();
            profiles
                .iter()
                .map(|p| p.get(locale))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mailto = format!("mailto:{email}");
    view! {
        <tr class:inactive=!active>
            <td>
                <a class="name" href=routes::contact(id, &list_query)>
                    {format!("{last_name}, {first_name}")}
                </a>
                {is_primary
                    .then(|| view! { <span class="badge">{tr!(i18n, contacts.primary)}</span> })}
                {is_admin
                    .then(|| {
                        view! {
                            <span class="badge badge-admin">
                                {tr!(i18n, contacts.administrator)}
                            </span>
                        }
                    })}
                <span class="profiles">{profile_text}</span>
            </td>
            <td>
                {(!title.is_empty()).then(|| view! { <span class="title">{title}</span> })}
                <a href=mailto class="email">{email}</a>
                {account_email
                    .map(|a| view! { <span class="account-email">{a}</span> })}
                {(!phone.is_empty())
                    .then(|| {
                        let phone = move || {
                            if phone_ext.is_empty() {
                                format!("{} {phone}", t_string!(i18n, contacts.phone))
                            } else {
                                format!(
                                    "{} {phone}, {} {phone_ext}",
                                    t_string!(i18n, contacts.phone),
                                    t_string!(i18n, contacts.ext),
                                )
                            }
                        };
                        view! { <span class="phone">{phone}</span> }
                    })}
                {(!cell_phone.is_empty())
                    .then(|| {
                        let cell = move || {
                            format!("{} {cell_phone}", t_string!(i18n, contacts.cell))
                        };
                        view! { <span class="phone">{cell}</span> }
                    })}
                <span class="language">
                    {move || match language {
                        Language::Fr => t_string!(i18n, contacts.lang_fr).to_string(),
                        Language::En => t_string!(i18n, contacts.lang_en).to_string(),
                    }}
                </span>
            </td>
            <td>
                <span class="state">
                    {move || {
                        if active {
                            t_string!(i18n, contacts.active).to_string()
                        } else {
                            t_string!(i18n, contacts.inactive).to_string()
                        }
                    }}
                </span>
                <span class="access">
                    {move || {
                        if has_access {
                            t_string!(i18n, contacts.access).to_string()
                        } else {
                            t_string!(i18n, contacts.no_access).to_string()
                        }
                    }}
                </span>
                <InvitationStatus line=invitation.clone() />
                {actions
                    .and_then(|actions| {
                        let name = format!("{last_name}, {first_name}");
                        match invitation {
                            InvitationLine::Pending { .. } => Some(view! {
                                <button type="button" class="link" on:click=move |_| {
                                    actions.ask(RowAction::Retract { id, name: name.clone() })
                                }>{tr!(i18n, contacts.retract_action)}</button>
                            }.into_any()),
                            InvitationLine::Linked if !is_self => Some(view! {
                                <button type="button" class="link" on:click=move |_| {
                                    actions.ask(RowAction::RemoveAccess { id, name: name.clone() })
                                }>{tr!(i18n, contacts.remove_access_action)}</button>
                            }.into_any()),
                            // None, retracted or expired: invite (again), if still active.
                            InvitationLine::None | InvitationLine::Expired { .. } if active => Some(view! {
                                <a class="action" href=routes::invite(id, &list_query)>
                                    {tr!(i18n, contacts.invite_action)}
                                </a>
                            }.into_any()),
                            _ => None,
                        }
                    })}
            </td>
        </tr>
    }
}

/// The invitation line of a row.
#[component]
fn InvitationStatus(line: InvitationLine) -> impl IntoView {
    let i18n = use_i18n();
    move || match &line {
        InvitationLine::Linked => {
            Some(view! { <span class="invitation">{tr!(i18n, contacts.linked)}</span> }.into_any())
        }
        InvitationLine::Pending { expires } => {
            let date = expires.get(i18n.get_locale()).to_string();
            Some(
                view! {
                    <span class="invitation">
                        {t!(i18n, contacts.invitation_expires, date = date.clone())}
                    </span>
                }
                .into_any(),
            )
        }
        InvitationLine::Expired { on } => {
            let date = on.get(i18n.get_locale()).to_string();
            Some(
                view! {
                    <span class="invitation">
                        {t!(i18n, contacts.invitation_expired, date = date.clone())}
                    </span>
                }
                .into_any(),
            )
        }
        InvitationLine::None => None,
    }
}

/// Previous, numbered and next page links, each a real link (they work without WebAssembly).
#[component]
fn Pagination(
    page: u64,
    page_count: u64,
    #[prop(into)] query: Signal<ContactQuery>,
) -> impl IntoView {
    let i18n = use_i18n();
    (page_count > 1).then(|| {
        let link = move |n: u64| href(&query.get().with_page(n));
        view! {
            <nav class="pagination" aria-label=move || t_string!(i18n, contacts.pagination).to_string()>
                <p class="page-status">
                    {t!(i18n, contacts.page_status, page = page, pages = page_count)}
                </p>
                <ul>
                    {(page > 1)
                        .then(|| {
                            view! {
                                <li>
                                    <a href=move || link(page - 1) rel="prev">
                                        {tr!(i18n, contacts.previous)}
                                    </a>
                                </li>
                            }
                        })}
                    {(1..=page_count)
                        .map(|n| {
                            let label = move || t_string!(i18n, contacts.page_n, page = n).to_string();
                            if n == page {
                                view! {
                                    <li>
                                        <span aria-current="page" aria-label=label>{n}</span>
                                    </li>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <li>
                                        <a href=move || link(n) aria-label=label>{n}</a>
                                    </li>
                                }
                                    .into_any()
                            }
                        })
                        .collect_view()}
                    {(page < page_count)
                        .then(|| {
                            view! {
                                <li>
                                    <a href=move || link(page + 1) rel="next">
                                        {tr!(i18n, contacts.next)}
                                    </a>
                                </li>
                            }
                        })}
                </ul>
            </nav>
        }
    })
}

/// « Ajouter une personne-ressource » (or « … avec accès au LaMPSS »), under the list
/// (administrators only). A GET form, so it works before the WebAssembly loads; it carries
/// the list's filters for the way back.
#[component]
pub fn AddContactButton(
    /// The list's query now.
    #[prop(into)]
    query: Signal<ContactQuery>,
    /// Adds the contact with an invitation to the portal.
    #[prop(optional)]
    with_access: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let path = if with_access {
        routes::NEW_CONTACT_WITH_ACCESS
    } else {
        routes::NEW_CONTACT
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        navigate(
            &format!("{path}{}", query.get_untracked().to_query_string()),
            Default::default(),
        );
    };
    view! {
        <form method="get" action=path on:submit=on_submit>
            {move || {
                query
                    .get()
                    .to_pairs()
                    .into_iter()
                    .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
                    .collect_view()
            }}
            <button type="submit">
                {move || {
                    if with_access {
                        t_string!(i18n, contacts.add_with_access_title).to_string()
                    } else {
                        t_string!(i18n, contacts.add_title).to_string()
                    }
                }}
            </button>
        </form>
    }
}
