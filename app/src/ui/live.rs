//! A filter form whose page follows the URL: a plain GET form until the WebAssembly runs,
//! then live — typing (debounced) and choosing update the URL, and so the page, without a
//! reload. The contacts list's search and the activity log's filters are built on it.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use leptos_use::signal_debounced;

/// How long typing pauses before the page follows, in milliseconds.
const DEBOUNCE_MS: f64 = 250.0;

/// A page's query as its URL carries it.
pub trait LiveQuery: Clone + Default + PartialEq + Send + Sync + 'static {
    /// The page's path.
    const PATH: &'static str;

    /// The same filters on another page (one-based).
    fn with_page(&self, page: u64) -> Self;

    /// The query's parameters that are not their default, in URL order.
    fn to_pairs(&self) -> Vec<(&'static str, String)>;

    /// The page's URL for this query.
    fn url(&self) -> String {
        crate::url::with_query(Self::PATH, &self.to_pairs())
    }

    /// Whether two queries ask for the same filters (whatever the page).
    fn same_filters(&self, other: &Self) -> bool {
        self.with_page(1) == other.with_page(1)
    }
}

/// What a filter form shows, ahead of the URL while the user types, and how it goes to the
/// page of a query: `go(query, typing)`, where `typing` is a pause in typing rather than a
/// box, a list or a search. A pause replaces the history entry of the pause before it, while
/// the others make an entry of their own (and so does typing after them), so that Back
/// returns to each settled state. Back and Forward show their query in the form.
pub fn live_filters<Q: LiveQuery>(
    query: Signal<Q>,
) -> LiveFilters<Q, impl Fn(Q, bool) + Clone + 'static> {
    let navigate = use_navigate();
    let draft = RwSignal::new(query.get_untracked());
    // The query this form has put in the URL and that has not arrived yet, to tell our own
    // navigations from Back and Forward.
    let pushed = StoredValue::new(None::<Q>);
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

    let go = move |q: Q, typing: bool| {
        let q = q.with_page(1);
        if q == query.get_untracked() {
            return;
        }
        let replace = typing && typing_entry.get_value();
        typing_entry.set_value(typing);
        pushed.set_value(Some(q.clone()));
        navigate(
            &q.url(),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    };

    let debounced = signal_debounced(draft, DEBOUNCE_MS);
    Effect::watch(
        move || debounced.get(),
        {
            let go = go.clone();
            move |d: &Q, _, _| {
                if !d.same_filters(&query.get_untracked()) {
                    go(d.clone(), true);
                }
            }
        },
        false,
    );
    LiveFilters { draft, go }
}

/// A live filter form's draft, and the ways it goes to a query ([`live_filters`]).
pub struct LiveFilters<Q: 'static, G> {
    /// What the form shows.
    pub draft: RwSignal<Q>,
    go: G,
}

impl<Q: LiveQuery, G: Fn(Q, bool) + Clone + 'static> LiveFilters<Q, G> {
    /// Goes to the page of what the form shows, now (a box, a list, a date).
    pub fn apply_now(&self) -> impl Fn() + Clone + 'static {
        let (go, draft) = (self.go.clone(), self.draft);
        move || go(draft.get_untracked(), false)
    }

    /// The form's submit, once live: it goes without a reload.
    pub fn on_submit(&self) -> impl Fn(leptos::ev::SubmitEvent) + 'static {
        let apply_now = self.apply_now();
        move |ev| {
            ev.prevent_default();
            apply_now();
        }
    }

    /// « Effacer », once live: every filter back to its default.
    pub fn on_clear(&self) -> impl Fn(leptos::ev::MouseEvent) + 'static {
        let (go, draft) = (self.go.clone(), self.draft);
        move |ev| {
            ev.prevent_default();
            draft.set(Q::default());
            go(Q::default(), false);
        }
    }
}

/// A text box of a live filter form: `get` and `set` its value in the draft.
pub fn live_text<Q: LiveQuery>(
    draft: RwSignal<Q>,
    id: &'static str,
    label: Signal<String>,
    get: fn(&Q) -> &String,
    set: fn(&mut Q, String),
    kind: &'static str,
) -> impl IntoView + use<Q> {
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
}
