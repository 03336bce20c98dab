//! « Recherche de personnes-ressources »: the list's search form, a plain GET form until the
//! WebAssembly runs, then live.

use super::dto::ContactQuery;
use crate::i18n::*;
use crate::organization::dto::ProfileOption;
use crate::routes;
use crate::ui::{live_filters, live_text};
use leptos::prelude::*;

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
    let live = live_filters(query);
    let draft = live.draft;
    let apply_now = live.apply_now();

    let text_field = move |id, label, get, set, kind| live_text(draft, id, label, get, set, kind);

    let (on_submit, on_clear) = (live.on_submit(), live.on_clear());
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
