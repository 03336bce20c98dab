//! « Journal d'activité »: every recorded event of the organisation's contacts, their
//! invitations and their accounts' sign-ins, newest first, 25 a page, filtered live by period,
//! kind of event, contact and the person who acted (all in the URL), each line linked to its
//! contact, and exportable as CSV. Administrators only.

pub mod dto;

use super::api::activity_log;
use super::dto::HistoryKind;
use super::history::{Changes, kind_text};
use crate::i18n::*;
use crate::resource::resource;
use crate::routes;
use crate::ui::{
    Breadcrumb, ErrorNotice, ExportButton, PageTitle, Pagination, Trail, live_filters, live_text,
};
use dto::{ActivityLine, ActivityPage, ActivityQuery};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ActivityLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| ActivityQuery::from_params(|key| p.get_all(key).unwrap_or_default()))
    });
    let log = resource(move || query.get(), activity_log);
    let crumbs = Trail::Activity.crumbs(i18n);
    view! {
        <PageTitle text=move || t_string!(i18n, contacts.log_title).to_string() />
        <Breadcrumb crumbs />
        <h1>{tr!(i18n, contacts.log_title)}</h1>
        <ActivityFilters query />
        <Transition fallback=move || view! { <p>{tr!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match log.await {
                    Ok(page) => view! { <ActivityTable page query /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
        <div class="list-actions">
            <ExportButton query={Signal::<ActivityQuery>::from(query)} action=routes::ACTIVITY_CSV />
        </div>
    }
}

/// « Filtrer le journal »: a plain GET form until the WebAssembly runs, then live.
#[component]
fn ActivityFilters(#[prop(into)] query: Signal<ActivityQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let live = live_filters(query);
    let draft = live.draft;
    let apply_now = live.apply_now();
    let text = move |id, label, get, set, kind| live_text(draft, id, label, get, set, kind);
    let label = |text: fn(Locale) -> &'static str| {
        Signal::derive(move || text(i18n.get_locale()).to_string())
    };
    let (on_submit, on_clear) = (live.on_submit(), live.on_clear());
    // A date or a kind chosen applies at once; text follows a pause in typing.
    let on_date = {
        let apply_now = apply_now.clone();
        move |from: bool, value: String| {
            draft.update(|d| if from { d.from = value } else { d.to = value });
            apply_now();
        }
    };
    let on_kind = move |ev| {
        let value = event_target_value(&ev);
        draft.update(|d| d.kind = value);
        apply_now();
    };
    let date = move |id: &'static str, from: bool| {
        let on_date = on_date.clone();
        let value = move || draft.with(|d| if from { d.from.clone() } else { d.to.clone() });
        view! {
            <div class="field">
                <label for=id>
                    {move || {
                        if from {
                            t_string!(i18n, contacts.start_date)
                        } else {
                            t_string!(i18n, contacts.end_date)
                        }
                    }}
                </label>
                <input
                    id=id
                    name=id
                    type="date"
                    value=value
                    prop:value=value
                    on:change=move |ev| on_date(from, event_target_value(&ev))
                />
            </div>
        }
    };
    view! {
        <section class="search" aria-labelledby="log-filters-title">
            <h2 id="log-filters-title">{tr!(i18n, contacts.log_filters)}</h2>
            <form method="get" action=routes::ACTIVITY on:submit=on_submit class="search-form">
                <div class="search-grid">
                    <fieldset class="period">
                        <legend>{tr!(i18n, contacts.log_period)}</legend>
                        {date("from", true)}
                        {date("to", false)}
                    </fieldset>
                    <div class="field">
                        <label for="kind">{tr!(i18n, contacts.log_kind)}</label>
                        <select
                            id="kind"
                            name="kind"
                            on:change=on_kind
                            prop:value=move || draft.with(|d| d.kind.clone())
                        >
                            <option value="">{tr!(i18n, contacts.log_all_kinds)}</option>
                            {HistoryKind::ALL
                                .into_iter()
                                .map(|kind| {
                                    let selected = move || draft.with(|d| d.kind == kind.code());
                                    view! {
                                        <option value=kind.code() selected=selected>
                                            {move || kind_text(i18n.get_locale(), kind)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    {text(
                        "contact",
                        label(|l| td_string!(l, contacts.log_contact)),
                        |d: &ActivityQuery| &d.contact,
                        |d: &mut ActivityQuery, v| d.contact = v,
                        "text",
                    )}
                    {text(
                        "by",
                        label(|l| td_string!(l, contacts.log_by)),
                        |d: &ActivityQuery| &d.by,
                        |d: &mut ActivityQuery, v| d.by = v,
                        "text",
                    )}
                </div>
                <div class="actions">
                    <button type="submit" class="primary">
                        {tr!(i18n, contacts.log_filter)}
                    </button>
                    <button type="submit" name="clear" value="1" on:click=on_clear>
                        {tr!(i18n, contacts.clear)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The count, the lines of the page, and the page navigation.
#[component]
fn ActivityTable(page: ActivityPage, #[prop(into)] query: Signal<ActivityQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let total = page.total;
    view! {
        <section class="results" aria-labelledby="results-count">
            <p id="results-count" class="count" role="status" aria-live="polite">
                {t!(i18n, contacts.log_results, count = total)}
            </p>
            {if page.lines.is_empty() {
                view! { <p class="empty">{tr!(i18n, contacts.log_empty)}</p> }.into_any()
            } else {
                view! {
                    <table class="contacts activity">
                        <caption class="visually-hidden">{tr!(i18n, contacts.log_caption)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{tr!(i18n, contacts.log_col_when)}</th>
                                <th scope="col">{tr!(i18n, contacts.log_contact)}</th>
                                <th scope="col">{tr!(i18n, contacts.log_col_event)}</th>
                                <th scope="col">{tr!(i18n, contacts.log_by)}</th>
                                <th scope="col">{tr!(i18n, contacts.log_col_details)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {page.lines.into_iter().map(|line| view! { <ActivityRow line /> }).collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
            <Pagination page=page.page page_count=page.page_count query />
        </section>
    }
}

/// Who did it, in `locale`: the account's email; « Système » when the system did; « Inconnu »
/// for a failed sign-in (whoever typed the password is not known).
pub(crate) fn actor_text(locale: Locale, actor: Option<&str>, kind: HistoryKind) -> String {
    match (actor, kind) {
        (Some(who), _) => who.to_owned(),
        (None, HistoryKind::SignInFailed) => td_string!(locale, contacts.log_unknown).to_owned(),
        (None, _) => td_string!(locale, contacts.log_system).to_owned(),
    }
}

#[component]
fn ActivityRow(line: ActivityLine) -> impl IntoView {
    let i18n = use_i18n();
    let ActivityLine {
        at,
        contact,
        first_name,
        last_name,
        kind,
        actor,
        changes,
    } = line;
    let who = move || actor_text(i18n.get_locale(), actor.as_deref(), kind);
    view! {
        <tr>
            <td>{move || at.get(i18n.get_locale()).to_string()}</td>
            <td>
                <a href=routes::contact(contact, "")>
                    {format!("{last_name}, {first_name}")}
                </a>
            </td>
            <td>{move || kind_text(i18n.get_locale(), kind)}</td>
            <td>{who}</td>
            <td>
                <Changes kind changes />
            </td>
        </tr>
    }
}
