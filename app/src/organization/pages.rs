//! The organisation's home page and the header that names the organisation on its pages.

use super::api::get_organization;
use super::dto::OrganizationView;
use crate::i18n::*;
use crate::resource::resource;
use crate::routes;
use crate::ui::{Breadcrumb, ErrorNotice, PageTitle, Trail};
use leptos::prelude::*;

/// Name, type, address, inactive flag and phone of the organisation acted for.
#[component]
pub fn OrganizationHeader(
    /// The organisation.
    organization: OrganizationView,
) -> impl IntoView {
    let i18n = use_i18n();
    let org_type = organization.org_type.clone();
    let inactive = organization.inactive;
    view! {
        <section class="org-header" aria-labelledby="org-name">
            <h2 id="org-name">{organization.name}</h2>
            <dl>
                <div>
                    <dt>{tr!(i18n, common.org_type_label)}</dt>
                    <dd>
                        {move || match org_type.as_str() {
                            "PRIVATE_NON_PROFIT" => {
                                t_string!(i18n, common.org_type_PRIVATE_NON_PROFIT).to_string()
                            }
                            other => other.to_string(),
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{tr!(i18n, common.address)}</dt>
                    <dd>{organization.address}</dd>
                </div>
                <div>
                    <dt>{tr!(i18n, common.org_inactive)}</dt>
                    <dd>
                        {move || {
                            if inactive {
                                t_string!(i18n, common.yes).to_string()
                            } else {
                                t_string!(i18n, common.no).to_string()
                            }
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{tr!(i18n, common.phone)}</dt>
                    <dd>{organization.phone}</dd>
                </div>
            </dl>
        </section>
    }
}

/// « Accueil Organisme »: the organisation and its menu.
#[component]
pub fn OrganizationHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let organization = resource(|| (), |_| get_organization());
    let crumbs = Trail::Organization.crumbs(i18n);
    view! {
        <PageTitle text=move || t_string!(i18n, common.org_home).to_string() />
        <Breadcrumb crumbs />
        <h1>{tr!(i18n, common.org_home)}</h1>
        <Suspense fallback=move || view! { <p>{tr!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match organization.await {
                    Ok(org) => {
                        let admin = org.can_edit;
                        view! {
                            <OrganizationHeader organization=org />
                            <nav class="org-menu" aria-labelledby="org-menu-title">
                                <h2 id="org-menu-title">{tr!(i18n, common.my_organization)}</h2>
                                <ul>
                                    <li>
                                        <a href=routes::CONTACTS>{tr!(i18n, common.contacts)}</a>
                                    </li>
                                    {admin
                                        .then(|| {
                                            view! {
                                                <li>
                                                    <a href=routes::ACTIVITY>{tr!(i18n, contacts.log_title)}</a>
                                                </li>
                                            }
                                        })}
                                </ul>
                            </nav>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
