//! Every page as a lazily loaded route: built with `cargo leptos … --split`, the WebAssembly
//! of each page is a file of its own that the browser fetches when it first shows that page
//! (the server lists the files of the page it renders in the HTML, so hydration does not
//! wait for them). The main file keeps the shell, the router, the header and what pages share.
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
use leptos_router::{LazyRoute, lazy_route};

/// A route whose view is the one given, loaded lazily. The page loads its own data when its
/// view runs, so `data` has nothing to start.
macro_rules! lazy_page {
    ($($route:ident => { $($view:tt)* })*) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                view! { $($view)* }.into_any()
            }
        }
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

lazy_page! {
    Login => { <LoginPage /> }
    Home => { <HomePage /> }
    Organization => { <OrganizationHomePage /> }
    Contacts => { <ContactsPage header=organization_header /> }
    NewContact => { <NewContactPage /> }
    NewContactWithAccess => { <NewContactWithAccessPage invitation_fields /> }
    ContactDetails => { <ContactDetailsPage /> }
    Invite => { <InvitePage /> }
    ConfirmAction => { <ConfirmActionPage /> }
    Activity => { <ActivityLogPage /> }
    Accept => { <AcceptPage /> }
    Mailbox => { <MailboxPage /> }
}
