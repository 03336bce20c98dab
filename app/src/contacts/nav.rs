//! Where a contact's pages are: the list with the filters it was left with, and the contact
//! the page's `:id` names. Used by the contact pages and by the invitation page of a contact.

use super::dto::ContactQuery;
use crate::domain::ContactId;
use crate::error::AppError;
use crate::resource::{Json, resource};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The list's URL with the filters it had when the user left it.
pub fn list_href() -> Signal<String> {
    let params = use_query_map();
    Signal::derive(move || {
        let query =
            params.with(|p| ContactQuery::from_params(|key| p.get_all(key).unwrap_or_default()));
        list_url(&query)
    })
}

/// The list's URL for `query`.
pub fn list_url(query: &ContactQuery) -> String {
    crate::ui::LiveQuery::url(query)
}

/// Loads what `load` gives for the contact of the page's `:id`; an id that is not a positive
/// number is not found.
pub fn contact_resource<T, F, Fut>(load: F) -> Resource<Result<T, AppError>, Json>
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(ContactId) -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i32>().ok())
                .filter(|id| *id > 0)
                .map(ContactId)
        })
    });
    resource(
        move || id.get(),
        move |id| async move {
            match id {
                Some(id) => load(id).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}
