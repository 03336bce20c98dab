//! The isomorphic app: the shell, the routes, the pages and the server functions they call.
//! Compiled with `ssr` into the server and with `hydrate` into the WebAssembly.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod auth;
mod components;
pub mod contacts;
pub mod error;
mod organization;
#[cfg(feature = "ssr")]
pub mod server;
pub mod url;

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The paths of the app's pages.
pub mod routes {
    pub const LOGIN: &str = "/login";
    pub const HOME: &str = "/";
    pub const ORGANIZATION: &str = "/organization";
    pub const CONTACTS: &str = "/organization/contacts";
}

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
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
    view! {
        <I18nContextProvider>
            <Stylesheet id="leptos" href="/pkg/contacts.css" />
            <Title formatter=|page: String| format!("{page} — LaMPSS") />
            <Router>
                <components::SkipLink />
                <auth::SessionHeader />
                <main id="main" tabindex="-1">
                    <Routes fallback=components::NotFound>
                        <Route path=path!("/login") view=auth::LoginPage ssr=SsrMode::Async />
                        <Route path=path!("/") view=auth::HomePage ssr=SsrMode::Async />
                        <Route
                            path=path!("/organization")
                            view=organization::OrganizationHomePage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/organization/contacts")
                            view=contacts::ContactsPage
                            ssr=SsrMode::Async
                        />
                    </Routes>
                </main>
            </Router>
        </I18nContextProvider>
    }
}
