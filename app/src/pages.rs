//! Every page as a lazily loaded route: built with `cargo leptos … --split`, the WebAssembly
//! of each page is a file of its own that the browser fetches when it first shows that page
//! (the server lists the files of the page it renders in the HTML, so hydration does not
//! wait for them). The main file keeps the shell, the router, the header and what pages share.

use crate::auth::{HomePage, LoginPage};
use crate::contacts::{ContactDetailsPage, ContactsPage, NewContactPage, NewContactWithAccessPage};
use crate::invitations::{AcceptPage, InvitePage, MailboxPage};
use crate::organization::OrganizationHomePage;
use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

/// A route whose view is `$page`, loaded lazily. The page loads its own data when its view
/// runs, so `data` has nothing to start.
macro_rules! lazy_page {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page /> }.into_any()
            }
        }
    )*};
}

lazy_page! {
    Login => LoginPage,
    Home => HomePage,
    Organization => OrganizationHomePage,
    Contacts => ContactsPage,
    NewContact => NewContactPage,
    NewContactWithAccess => NewContactWithAccessPage,
    ContactDetails => ContactDetailsPage,
    Invite => InvitePage,
    Accept => AcceptPage,
    Mailbox => MailboxPage,
}
