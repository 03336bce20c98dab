//! « Recherche de personnes-ressources »: the list's search form, a plain GET form until the
//! WebAssembly runs, then live.

use super::dto::ContactQuery;
use super::nav::list_url;
use crate::i18n::*;
use crate::organization::dto::ProfileOption;
use crate::routes;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use leptos_use::signal_debounced;

/// How long typing pauses before the list follows, in milliseconds.
const DEBOUNCE_MS: f64 = 250.0;

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
    // The query this form has put in the URL and that has not arrived yet, to tell our own
    // navigations from Back and Forward (which the form then shows).
    let pushed = StoredValue::new(None::<ContactQuery>);
    // Whether the current history entry comes from a pause in typing: the next pause replaces
    // it, while a box, a list or a search makes an entry of its own (and so does typing after
    // them), so that Back returns to each settled state.
    let typing_entry = StoredValue::new(false);

    Effect::watch(
        move || query.get(),
        move |q, _, _| {
            if pushed.get_value().as_ref() == Some(q) {
                pushed.set_value(None);
            } else {
                draft.set(q.clone());
                typing_entry.set_value(false);
            }
        },
        false,
    );

    // `typing`: a pause in typing, rather than a box, a list or a search.
    let go = {
        let navigate = navigate.clone();
        move |q: ContactQuery, typing: bool| {
            let q = q.with_page(1);
            if q == query.get_untracked() {
                return;
            }
            let replace = typing && typing_entry.get_value();
            typing_entry.set_value(typing);
            pushed.set_value(Some(q.clone()));
            navigate(
                &list_url(&q),
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
                    value=move || draft.with(|d| get(d).clone())
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
                            <option value="">{tr!(i18n, common.choose)}</option>
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
                                checked=move || draft.with(|d| d.active_only())
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
                                checked=move || draft.with(|d| d.with_access())
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
