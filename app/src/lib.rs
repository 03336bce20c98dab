//! The isomorphic app: the shell, the routes, the pages and the server functions they call.
//! Compiled with `ssr` into the server and with `hydrate` into the WebAssembly.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

/// A plain text of the interface (`tr!(i18n, contacts.title)`) that follows the FR/EN switch,
/// as `t!` does; see [`translated`].
macro_rules! tr {
    ($i18n:expr, $($key:tt)+) => {
        $crate::translated($i18n, |locale| $crate::i18n::td_string!(locale, $($key)+))
    };
}

pub mod auth;
pub mod contacts;
pub mod domain;
pub mod error;
pub mod invitations;
mod organization;
mod pages;
mod resource;
#[cfg(feature = "ssr")]
pub mod server;
mod ui;
pub mod url;

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

/// The paths of the app's pages.
pub mod routes {
    pub const LOGIN: &str = "/login";
    pub const HOME: &str = "/";
    pub const ORGANIZATION: &str = "/organization";
    pub const CONTACTS: &str = "/organization/contacts";
    pub const NEW_CONTACT: &str = "/organization/contacts/new";
    pub const NEW_CONTACT_WITH_ACCESS: &str = "/organization/contacts/new-with-access";
    /// The development mailbox (« Courriels envoyés »); not in production.
    pub const MAILBOX: &str = "/dev/mailbox";

    /// « Invitation pour le LaMPSS » for a contact, keeping the list's query (`?…` or empty).
    pub fn invite(id: i32, list_query: &str) -> String {
        format!("{CONTACTS}/{id}/invite{list_query}")
    }

    /// A contact's details page, keeping the list's query (`?…` or empty) for the way back.
    pub fn contact(id: i32, list_query: &str) -> String {
        format!("{CONTACTS}/{id}{list_query}")
    }
}

/// The reactive text node behind [`tr!`]. `t!` writes a closure of its own at each call, and
/// each closure is its own copy of the text node's rendering code in the WebAssembly; every
/// `tr!` shares this one.
pub(crate) fn translated(
    i18n: leptos_i18n::I18nContext<Locale>,
    text: fn(Locale) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || text(i18n.get_locale())
}

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                // The site's stylesheet, by the content-hashed name the build gave it.
                <HashedStylesheet options=options.clone() id="leptos" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    ui::Flash::provide();
    auth::provide_session();
    let (is_routing, set_is_routing) = signal(false);
    view! {
        <I18nContextProvider cookie_name=auth::LANGUAGE_COOKIE>
            <KeepServerLocale />
            <Router set_is_routing>
                <ui::SkipLink />
                <ui::RoutingStatus is_routing />
                <auth::SessionHeader />
                <main id="main" tabindex="-1">
                    <Routes fallback=ui::NotFound>
                        <Route path=path!("/login") view={Lazy::<pages::Login>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/") view={Lazy::<pages::Home>::new()} ssr=SsrMode::Async />
                        <Route
                            path=path!("/organization")
                            view={Lazy::<pages::Organization>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/organization/contacts")
                            view={Lazy::<pages::Contacts>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/organization/contacts/new")
                            view={Lazy::<pages::NewContact>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/organization/contacts/new-with-access")
                            view={Lazy::<pages::NewContactWithAccess>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/organization/contacts/:id")
                            view={Lazy::<pages::ContactDetails>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/organization/contacts/:id/invite")
                            view={Lazy::<pages::Invite>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/invitation/:token")
                            view={Lazy::<pages::Accept>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/dev/mailbox") view={Lazy::<pages::Mailbox>::new()} ssr=SsrMode::Async />
                    </Routes>
                </main>
            </Router>
        </I18nContextProvider>
    }
}

/// Keeps the language the server rendered in (the cookie, else Accept-Language, else French).
///
/// After hydration leptos_i18n 0.6 re-reads the browser's own languages and would switch to
/// them, undoing a choice the user saved in the cookie; this puts the server's choice back
/// once, right after (effects run in creation order, and the provider's come first).
#[component]
fn KeepServerLocale() -> impl IntoView {
    let i18n = use_i18n();
    let rendered = i18n.get_locale_untracked();
    Effect::new(move |_| i18n.set_locale(rendered));
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    fn keys(lang: &str) -> BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../locales")
            .join(lang);
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let ns = path.file_stem().unwrap().to_string_lossy().to_string();
            let json: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for (key, value) in json.as_object().unwrap() {
                assert!(
                    value.as_str().is_some_and(|v| !v.trim().is_empty()),
                    "{lang}/{ns}.{key} is empty"
                );
                keys.insert(format!("{ns}.{key}"));
            }
        }
        keys
    }

    #[test]
    fn french_and_english_have_the_same_keys() {
        let fr = keys("fr");
        let en = keys("en");
        assert!(!fr.is_empty());
        assert_eq!(
            fr.difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "in French only"
        );
        assert_eq!(
            en.difference(&fr).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "in English only"
        );
    }
}
