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
use leptos_router::{Lazy, SsrMode};

/// Declares each page's path once: a constant of `routes` for links and redirects, and the
/// pattern `routes::route!` hands to the router (`:id` marks a parameter).
macro_rules! page_paths {
    ($($(#[$doc:meta])* $name:ident = $path:tt;)+) => {
        $($(#[$doc])* pub const $name: &str = $path;)+

        /// A page's path as the router matches it: `route!(CONTACTS)`.
        macro_rules! route {
            $(($name) => { leptos_router::path!($path) };)+
        }
        pub(crate) use route;
    };
}

/// The paths of the app's pages.
pub mod routes {
    page_paths! {
        LOGIN = "/login";
        HOME = "/";
        ORGANIZATION = "/organization";
        CONTACTS = "/organization/contacts";
        NEW_CONTACT = "/organization/contacts/new";
        NEW_CONTACT_WITH_ACCESS = "/organization/contacts/new-with-access";
        /// A contact's details ([`contact`] makes one).
        CONTACT = "/organization/contacts/:id";
        /// « Invitation pour le LaMPSS » for a contact ([`invite`] makes one).
        INVITE = "/organization/contacts/:id/invite";
        /// The confirmation page of an action on a contact ([`confirm`] makes one).
        CONFIRM = "/organization/contacts/:id/confirm/:action";
        /// « Journal d'activité »: the organisation's activity log (administrators).
        ACTIVITY = "/organization/activity";
        /// The page an invitation's link opens ([`invitation`] makes one).
        ACCEPT = "/invitation/:token";
        /// The development mailbox (« Courriels envoyés »); not in production.
        MAILBOX = "/dev/mailbox";
    }

    /// The contacts list as a CSV file, with the list's query and `lang` (not a page: the
    /// server answers it with the file).
    pub const CONTACTS_CSV: &str = "/organization/contacts.csv";

    /// The activity log as a CSV file, with the log's query and `lang`.
    pub const ACTIVITY_CSV: &str = "/organization/activity.csv";

    /// « Invitation pour le LaMPSS » for a contact, keeping the list's query (`?…` or empty).
    pub fn invite(id: crate::domain::ContactId, list_query: &str) -> String {
        format!("{}{list_query}", INVITE.replace(":id", &id.to_string()))
    }

    /// The confirmation page of `action` (`retract`, `remove-access`, `resend`) on a contact.
    pub fn confirm(id: crate::domain::ContactId, action: &str) -> String {
        CONFIRM
            .replace(":id", &id.to_string())
            .replace(":action", action)
    }

    /// A contact's details page, keeping the list's query (`?…` or empty) for the way back.
    pub fn contact(id: crate::domain::ContactId, list_query: &str) -> String {
        format!("{}{list_query}", CONTACT.replace(":id", &id.to_string()))
    }

    /// The page an invitation's link opens, for `token`.
    pub fn invitation(token: &str) -> String {
        ACCEPT.replace(":token", &crate::url::encode(token))
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
                        <Route path=routes::route!(LOGIN) view={Lazy::<pages::Login>::new()} ssr=SsrMode::Async />
                        <Route path=routes::route!(HOME) view={Lazy::<pages::Home>::new()} ssr=SsrMode::Async />
                        <Route
                            path=routes::route!(ORGANIZATION)
                            view={Lazy::<pages::Organization>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=routes::route!(CONTACTS)
                            view={Lazy::<pages::Contacts>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=routes::route!(NEW_CONTACT)
                            view={Lazy::<pages::NewContact>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=routes::route!(NEW_CONTACT_WITH_ACCESS)
                            view={Lazy::<pages::NewContactWithAccess>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=routes::route!(CONTACT)
                            view={Lazy::<pages::ContactDetails>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=routes::route!(INVITE)
                            view={Lazy::<pages::Invite>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=routes::route!(CONFIRM)
                            view={Lazy::<pages::ConfirmAction>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=routes::route!(ACTIVITY)
                            view={Lazy::<pages::Activity>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=routes::route!(ACCEPT)
                            view={Lazy::<pages::Accept>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route path=routes::route!(MAILBOX) view={Lazy::<pages::Mailbox>::new()} ssr=SsrMode::Async />
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
    fn links_fill_the_router_patterns() {
        assert_eq!(
            super::routes::contact(crate::domain::ContactId(42), "?page=2"),
            "/organization/contacts/42?page=2"
        );
        assert_eq!(
            super::routes::invite(crate::domain::ContactId(42), ""),
            "/organization/contacts/42/invite"
        );
        assert_eq!(super::routes::invitation("a/b c"), "/invitation/a%2Fb+c");
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
