//! Every page as a lazily loaded route, in groups: built with `cargo leptos … --split`, the
//! WebAssembly of each group of pages is a file of its own that the browser fetches when it
//! first shows one of the group's pages, with the files of code it shares with other groups
//! (the server lists the files of the page it renders in the HTML, so hydration does not wait
//! for them). The main file keeps the shell, the router, the header and what pages share.
//!
//! Five groups (signed out, home, the list, a contact, the forms) rather than a file per page:
//! with twelve, the split made 152 files and a first visit of the list fetched 93 of them;
//! with these five, 33 and 20, and the list's bytes are 9 % fewer (README, « Production build
//! and first load »).
//!
//! This is also where a page shows another domain's components: the domains do not import
//! each other's pages or components; such a page takes a function that draws them.

use crate::auth::{HomePage, LoginPage};
use crate::contacts::{
    ActivityLogPage, ConfirmActionPage, ContactDetailsPage, ContactsPage, NewContactPage,
    NewContactWithAccessPage,
};
use crate::error::FieldError;
use crate::invitations::dto::{GrantableProfile, InviteInput};
use crate::invitations::{AcceptPage, InvitationFields, InvitePage, MailboxPage};
use crate::organization::dto::OrganizationView;
use crate::organization::{OrganizationHeader, OrganizationHomePage};
use leptos::prelude::*;
use leptos_router::LazyRoute;

/// Routes loaded lazily by groups: each group's views are one function, so the browser fetches
/// one file of code for the group (and the files it shares with others) the first time it
/// shows one of its pages. A route's view runs that function for its page; the page loads its
/// own data when its view runs, so `data` has nothing to start.
macro_rules! page_groups {
    ($($group:ident { $($route:ident => { $($view:tt)* })* })*) => {$(
        mod $group {
            use super::*;

            #[derive(Clone, Copy)]
            pub enum Page { $($route),* }

            #[leptos::lazy($group)]
            pub fn page(page: Page) -> AnyView {
                match page {
                    $(Page::$route => view! { $($view)* }.into_any(),)*
                }
            }
        }

        $(
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    Self
                }

                async fn view(_this: Self) -> AnyView {
                    $group::page($group::Page::$route).await
                }

                // The router awaits this before it hydrates the route: without it, the page
                // was drawn a second time beside the server's HTML.
                async fn preload() {
                    #[cfg(target_arch = "wasm32")]
                    $group::__preload_page().await;
                }
            }
        )*
    )*};
}

/// The organisation's header above its contacts.
fn organization_header(organization: OrganizationView) -> AnyView {
    view! { <OrganizationHeader organization /> }.into_any()
}

/// The invitation's profiles and message in the form of a contact added with access.
fn invitation_fields(
    profiles: Vec<GrantableProfile>,
    draft: RwSignal<InviteInput>,
    errors: Signal<Vec<FieldError>>,
) -> AnyView {
    view! { <InvitationFields profiles draft errors /> }.into_any()
}

page_groups! {
    signed_out_pages {
        Login => { <LoginPage /> }
        Accept => { <AcceptPage /> }
        Mailbox => { <MailboxPage /> }
    }
    home_pages {
        Home => { <HomePage /> }
        Organization => { <OrganizationHomePage /> }
    }
    list_pages {
        Contacts => { <ContactsPage header=organization_header /> }
        Activity => { <ActivityLogPage /> }
    }
    contact_pages {
        ContactDetails => { <ContactDetailsPage /> }
        ConfirmAction => { <ConfirmActionPage /> }
    }
    form_pages {
        NewContact => { <NewContactPage /> }
        NewContactWithAccess => { <NewContactWithAccessPage invitation_fields /> }
        Invite => { <InvitePage /> }
    }
}
