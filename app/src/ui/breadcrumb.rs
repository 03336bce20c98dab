//! The breadcrumb from the user's home page to the current page.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// One step of a breadcrumb; the last one is the current page and has no link.
#[derive(Clone)]
pub struct Crumb {
    pub label: Signal<String>,
    pub href: Option<&'static str>,
}

/// A page on the way from the user's home page to the contacts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Trail {
    Home,
    Organization,
    Contacts,
    NewContact,
    NewContactWithAccess,
    ContactDetails,
    Invite,
    Activity,
}

impl Trail {
    /// The crumbs from the home page to this page.
    pub fn crumbs(self, i18n: I18nContext<Locale>) -> Vec<Crumb> {
        let steps: [(Trail, &'static str, Signal<String>); 3] = [
            (
                Trail::Home,
                crate::routes::HOME,
                Signal::derive(move || t_string!(i18n, common.user_home).to_string()),
            ),
            (
                Trail::Organization,
                crate::routes::ORGANIZATION,
                Signal::derive(move || t_string!(i18n, common.org_home).to_string()),
            ),
            (
                Trail::Contacts,
                crate::routes::CONTACTS,
                Signal::derive(move || t_string!(i18n, common.contacts).to_string()),
            ),
        ];
        // A contact's pages come after the list.
        let leaf = match self {
            Trail::NewContact => Some(Signal::derive(move || {
                t_string!(i18n, contacts.add_title).to_string()
            })),
            Trail::NewContactWithAccess => Some(Signal::derive(move || {
                t_string!(i18n, contacts.add_with_access_title).to_string()
            })),
            Trail::ContactDetails => Some(Signal::derive(move || {
                t_string!(i18n, contacts.details_title).to_string()
            })),
            Trail::Invite => Some(Signal::derive(move || {
                t_string!(i18n, invitations.invite_title).to_string()
            })),
            Trail::Activity => Some(Signal::derive(move || {
                t_string!(i18n, contacts.log_title).to_string()
            })),
            _ => None,
        };
        let last = if leaf.is_some() {
            steps.len()
        } else {
            steps
                .iter()
                .position(|(page, _, _)| *page == self)
                .unwrap_or(0)
        };
        let mut crumbs: Vec<Crumb> = steps
            .into_iter()
            .take(last + 1)
            .enumerate()
            .map(|(i, (_, href, label))| Crumb {
                label,
                href: (i < last).then_some(href),
            })
            .collect();
        crumbs.extend(leaf.map(|label| Crumb { label, href: None }));
        crumbs
    }
}

/// The trail from the user's home page to this one.
#[component]
pub fn Breadcrumb(
    /// From the home page to the current page.
    crumbs: Vec<Crumb>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || t_string!(i18n, common.breadcrumb);
    view! {
        <nav class="breadcrumb" aria-label=label>
            <ol>
                {crumbs
                    .into_iter()
                    .map(|crumb| match crumb.href {
                        Some(href) => view! { <li><a href=href>{crumb.label}</a></li> }.into_any(),
                        None => {
                            view! { <li aria-current="page">{crumb.label}</li> }.into_any()
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
