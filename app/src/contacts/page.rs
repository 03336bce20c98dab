//! « Pers.-ress. de l'organisme »: the search form and the list, driven by the URL query so
//! that reload, a shared link and Back show the same view.

use super::api::list_contacts;
use super::dto::ContactQuery;
use super::row_actions::{RowActions, RowActionsView};
use super::search::SearchForm;
use super::table::{AddContactButton, ContactTable};
use crate::i18n::*;
use crate::organization::api::get_organization;
use crate::organization::dto::OrganizationView;
use crate::resource::resource;
use crate::ui::{Breadcrumb, ErrorNotice, ExportButton, Flash, PageTitle, Trail};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Draws the organisation above its contacts: the organisation domain's header, handed over
/// by the page that composes the two (`crate::pages`).
pub type OrganizationHeaderView = fn(OrganizationView) -> AnyView;

#[component]
pub fn ContactsPage(
    /// Draws the organisation's header.
    header: OrganizationHeaderView,
) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| ContactQuery::from_params(|key| p.get_all(key).unwrap_or_default()))
    });
    let organization = resource(|| (), |_| get_organization());
    // Bumped after a change made from the list (a retracted invitation, removed access).
    let changed = RwSignal::new(0_u32);
    let contacts = resource(
        move || (query.get(), changed.get()),
        |(query, _)| list_contacts(query),
    );
    let actions = RowActions::new(changed);
    // « saved », when a details form has just returned here; or kept by the server, when the
    // form was posted before the WebAssembly had loaded.
    let flash = Flash::take();
    let kept = resource(|| (), |_| Flash::take_kept());
    // Just arrived from an accepted invitation.
    let welcome = params.with_untracked(|p| p.get("welcome").is_some());
    let crumbs = Trail::Contacts.crumbs(i18n);
    view! {
        <PageTitle text=move || t_string!(i18n, common.contacts).to_string() />
        <Breadcrumb crumbs />
        <h1>{tr!(i18n, contacts.title)}</h1>
        <div role="status" class="flash">
            {flash.map(|notice| view! { <p class="notice">{move || notice.text(i18n)}</p> })}
            <Suspense>
                {move || Suspend::new(async move {
                    kept.await.map(|notice| view! { <p class="notice">{move || notice.text(i18n)}</p> })
                })}
            </Suspense>
            {welcome.then(|| view! { <p class="notice">{tr!(i18n, contacts.welcome)}</p> })}
        </div>
        <Suspense fallback=move || view! { <p>{tr!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match organization.await {
                    Ok(org) => {
                        let profiles = org.profiles.clone();
                        let can_edit = org.can_edit;
                        view! {
                            {header(org)}
                            <SearchForm query profiles />
                            {can_edit.then(|| view! { <RowActionsView actions /> })}
                            <Transition fallback=move || {
                                view! { <p>{tr!(i18n, common.loading)}</p> }
                            }>
                                {move || Suspend::new(async move {
                                    match contacts.await {
                                        Ok(page) => {
                                            let actions = can_edit.then_some(actions);
                                            view! { <ContactTable page query actions /> }.into_any()
                                        }
                                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                                    }
                                })}
                            </Transition>
                            <div class="list-actions">
                                {can_edit
                                    .then(|| {
                                        view! {
                                            <AddContactButton query />
                                            <AddContactButton query with_access=true />
                                        }
                                    })}
                                <ExportButton query={Signal::<ContactQuery>::from(query)} action=crate::routes::CONTACTS_CSV />
                                {can_edit
                                    .then(|| {
                                        view! {
                                            <a class="button" href=crate::routes::ACTIVITY>
                                                {tr!(i18n, contacts.log_title)}
                                            </a>
                                        }
                                    })}
                            </div>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
