//! What every page has: its title, the skip link, the routing notice, the message carried
//! to the next page, and the page for an unknown path.

use crate::i18n::*;
use leptos::prelude::*;

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
