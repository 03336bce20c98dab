//! The result count, the table of contacts, its page navigation, and the add buttons under
//! it.

use super::confirm_page::{AskButton, ContactAction};
use super::dto::{ContactPage, ContactQuery, ContactRow, InvitationLine};
use super::nav::list_url;
use super::row_actions::{RowAction, RowActions};
use crate::domain::Language;
use crate::i18n::*;
use crate::routes;
use crate::ui::{LiveQuery, Pagination};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The result count, the table of contacts and the page navigation.
#[component]
pub fn ContactTable(
    /// The page to show.
    page: ContactPage,
    /// The query it answers, for the page links.
    #[prop(into)]
    query: Signal<ContactQuery>,
    /// The row actions, for an administrator; none for others.
    actions: Option<RowActions>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = page.total;
    let empty = page.rows.is_empty();
    let beyond = empty && total > 0;
    view! {
        <section class="results" aria-labelledby="results-count">
            <p id="results-count" class="count" role="status" aria-live="polite">
                {t!(i18n, contacts.results, count = total)}
            </p>
            {if empty {
                view! {
                    <p class="empty">
                        {if beyond {
                            view! {
                                {tr!(i18n, contacts.page_beyond)}
                                " "
                                <a href=move || {
                                    list_url(&query.get().with_page(1))
                                }>{tr!(i18n, contacts.first_page)}</a>
                            }
                                .into_any()
                        } else {
                            tr!(i18n, contacts.empty).into_any()
                        }}
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <table class="contacts">
                        <caption class="visually-hidden">{tr!(i18n, contacts.list_caption)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{tr!(i18n, contacts.col_contact)}</th>
                                <th scope="col">{tr!(i18n, contacts.col_details)}</th>
                                <th scope="col">{tr!(i18n, contacts.col_status)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {
                                let list_query = query.get_untracked().to_query_string();
                                page.rows
                                    .into_iter()
                                    .map(|row| view! { <ContactRowView row list_query=list_query.clone() actions /> })
                                    .collect_view()
                            }
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
            <Pagination page=page.page page_count=page.page_count query />
        </section>
    }
}

#[component]
fn ContactRowView(
    /// The contact to show.
    row: ContactRow,
    /// The list's query (`?…` or empty), kept in the details link for the way back.
    list_query: String,
    /// The row actions, for an administrator; none for others.
    actions: Option<RowActions>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ContactRow {
        id,
        last_name,
        first_name,
        is_primary,
        is_admin,
        profiles,
        title,
        email,
        account_email,
        phone,
        phone_ext,
        cell_phone,
        language,
        active,
        has_access,
        invitation,
        is_self,
    } = row;
    let profile_text = move || {
        if profiles.is_empty() {
            t_string!(i18n, contacts.none).to_string()
        } else {
            let locale = i18n.get_locale();
            profiles
                .iter()
                .map(|p| p.get(locale))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mailto = format!("mailto:{email}");
    view! {
        <tr class:inactive=!active>
            <td>
                <a class="name" href=routes::contact(id, &list_query)>
                    {format!("{last_name}, {first_name}")}
                </a>
                {is_primary
                    .then(|| view! { <span class="badge">{tr!(i18n, contacts.primary)}</span> })}
                {is_admin
                    .then(|| {
                        view! {
                            <span class="badge badge-admin">
                                {tr!(i18n, contacts.administrator)}
                            </span>
                        }
                    })}
                <span class="profiles">{profile_text}</span>
            </td>
            <td>
                {(!title.is_empty()).then(|| view! { <span class="title">{title}</span> })}
                <a href=mailto class="email">{email}</a>
                {account_email
                    .map(|email| {
                        view! {
                            <span class="account-email">
                                {move || t_string!(i18n, contacts.identity_email_line, email = email.clone()).to_string()}
                            </span>
                        }
                    })}
                {(!phone.is_empty())
                    .then(|| {
                        let phone = move || {
                            if phone_ext.is_empty() {
                                format!("{} {phone}", t_string!(i18n, contacts.phone))
                            } else {
                                format!(
                                    "{} {phone}, {} {phone_ext}",
                                    t_string!(i18n, contacts.phone),
                                    t_string!(i18n, contacts.ext),
                                )
                            }
                        };
                        view! { <span class="phone">{phone}</span> }
                    })}
                {(!cell_phone.is_empty())
                    .then(|| {
                        let cell = move || {
                            format!("{} {cell_phone}", t_string!(i18n, contacts.cell))
                        };
                        view! { <span class="phone">{cell}</span> }
                    })}
                <span class="language">
                    {move || match language {
                        Language::Fr => t_string!(i18n, contacts.lang_fr).to_string(),
                        Language::En => t_string!(i18n, contacts.lang_en).to_string(),
                    }}
                </span>
            </td>
            <td>
                <span class="state">
                    {move || {
                        if active {
                            t_string!(i18n, contacts.active).to_string()
                        } else {
                            t_string!(i18n, contacts.inactive).to_string()
                        }
                    }}
                </span>
                <span class="access">
                    {move || {
                        if has_access {
                            t_string!(i18n, contacts.access).to_string()
                        } else {
                            t_string!(i18n, contacts.no_access).to_string()
                        }
                    }}
                </span>
                <InvitationStatus line=invitation.clone() />
                {actions
                    .and_then(|actions| {
                        let name = format!("{last_name}, {first_name}");
                        // Each action keeps the guide's words as its name and says, as its
                        // description, what it does to whom (hidden text: a description, not
                        // more words in the cell).
                        let described = format!("row-action-{}", id.0);
                        let description = {
                            let name = name.clone();
                            let invitation = invitation.clone();
                            move || match invitation {
                                InvitationLine::Pending { .. } => {
                                    t_string!(i18n, contacts.retract_action_desc, name = name.clone())
                                        .to_string()
                                }
                                InvitationLine::Linked => {
                                    t_string!(i18n, contacts.remove_access_action_desc, name = name.clone())
                                        .to_string()
                                }
                                _ => {
                                    t_string!(i18n, contacts.invite_action_desc, name = name.clone())
                                        .to_string()
                                }
                            }
                        };
                        let back = format!("{}{list_query}", routes::CONTACTS);
                        // Pending: retract it; linked: remove the access (never one's own).
                        let asked = match invitation {
                            InvitationLine::Pending { .. } => Some((
                                ContactAction::Retract,
                                RowAction::Retract { id, name: name.clone() },
                            )),
                            InvitationLine::Linked if !is_self => Some((
                                ContactAction::RemoveAccess,
                                RowAction::RemoveAccess { id, name: name.clone() },
                            )),
                            _ => None,
                        };
                        let action = match (asked, invitation) {
                            (Some((action, row)), _) => Some(view! {
                                <AskButton
                                    id
                                    action
                                    back
                                    class="row-action"
                                    described=described.clone()
                                    on_ask=Callback::new(move |_| actions.ask(row.clone()))
                                >
                                    {move || match action {
                                        ContactAction::Retract => t_string!(i18n, contacts.retract_action),
                                        _ => t_string!(i18n, contacts.remove_access_action),
                                    }}
                                </AskButton>
                            }.into_any()),
                            // None, retracted or expired: invite (again), if still active.
                            (None, InvitationLine::None | InvitationLine::Expired { .. }) if active => Some(view! {
                                <a class="row-action" aria-describedby=described.clone() href=routes::invite(id, &list_query)>
                                    {tr!(i18n, contacts.invite_action)}
                                </a>
                            }.into_any()),
                            _ => None,
                        };
                        action.map(|action| view! {
                            {action}
                            <span hidden id=described>{description}</span>
                        })
                    })}
            </td>
        </tr>
    }
}

/// The invitation line of a row.
#[component]
fn InvitationStatus(line: InvitationLine) -> impl IntoView {
    let i18n = use_i18n();
    move || match &line {
        InvitationLine::Linked => {
            Some(view! { <span class="invitation">{tr!(i18n, contacts.linked)}</span> }.into_any())
        }
        InvitationLine::Pending { expires } => {
            let date = expires.get(i18n.get_locale()).to_string();
            Some(
                view! {
                    <span class="invitation">
                        {t!(i18n, contacts.invitation_expires, date = date.clone())}
                    </span>
                }
                .into_any(),
            )
        }
        InvitationLine::Expired { on } => {
            let date = on.get(i18n.get_locale()).to_string();
            Some(
                view! {
                    <span class="invitation">
                        {t!(i18n, contacts.invitation_expired, date = date.clone())}
                    </span>
                }
                .into_any(),
            )
        }
        InvitationLine::None => None,
    }
}

/// « Ajouter une personne-ressource » (or « … avec accès au LaMPSS »), under the list
/// (administrators only). A GET form, so it works before the WebAssembly loads; it carries
/// the list's filters for the way back.
#[component]
pub fn AddContactButton(
    /// The list's query now.
    #[prop(into)]
    query: Signal<ContactQuery>,
    /// Adds the contact with an invitation to the portal.
    #[prop(optional)]
    with_access: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let path = if with_access {
        routes::NEW_CONTACT_WITH_ACCESS
    } else {
        routes::NEW_CONTACT
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        navigate(
            &format!("{path}{}", query.get_untracked().to_query_string()),
            Default::default(),
        );
    };
    view! {
        <form method="get" action=path on:submit=on_submit>
            {move || {
                query
                    .get()
                    .to_pairs()
                    .into_iter()
                    .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
                    .collect_view()
            }}
            <button type="submit">
                {move || {
                    if with_access {
                        t_string!(i18n, contacts.add_with_access_title).to_string()
                    } else {
                        t_string!(i18n, contacts.add_title).to_string()
                    }
                }}
            </button>
        </form>
    }
}
