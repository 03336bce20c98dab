//! The files people download: the contacts list and the activity log as CSV
//! (`/organization/contacts.csv`, `/organization/activity.csv`, with the page's own query and
//! `lang`). A plain GET, so that the link works without JavaScript and the browser saves the
//! file; the checks are the page's (`app::contacts::export`).

use app::contacts::activity::dto::ActivityQuery;
use app::contacts::dto::ContactQuery;
use app::contacts::export::CsvFile;
use app::error::AppError;
use app::i18n::Locale;
use app::server::AppState;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use futures::TryStreamExt;
use leptos::prelude::provide_context;
use leptos::reactive::{computed::ScopedFuture, owner::Owner};

/// `/organization/contacts.csv?…`: the contacts the same query selects on the list, every
/// page of them. A query the list refuses sends the browser to the list, which says why.
pub async fn contacts(state: AppState, req: Request) -> Response {
    download(state, req, app::routes::CONTACTS, |all| {
        let query = ContactQuery::from_params(all);
        async move |locale| app::contacts::export::contacts(query, locale).await
    })
    .await
}

/// `/organization/activity.csv?…`: the activity log the same query selects on its page,
/// every page of it. Administrators only.
pub async fn activity(state: AppState, req: Request) -> Response {
    download(state, req, app::routes::ACTIVITY, |all| {
        let query = ActivityQuery::from_params(all);
        async move |locale| app::contacts::export::activity(query, locale).await
    })
    .await
}

/// Answers with the file `export` makes of the request's query (read by `read`, in the
/// language `lang` names), checked as the page at `page` checks it.
async fn download<R, E, Fut>(state: AppState, req: Request, page: &str, read: R) -> Response
where
    R: FnOnce(&dyn Fn(&str) -> Vec<String>) -> E,
    E: FnOnce(Locale) -> Fut,
    Fut: Future<Output = Result<CsvFile, AppError>>,
{
    let (parts, _) = req.into_parts();
    let raw_query = parts.uri.query().unwrap_or_default().to_owned();
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw_query.as_bytes())
        .into_owned()
        .collect();
    let all = |key: &str| -> Vec<String> {
        pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let export = read(&all);
    let locale = match all("lang").pop().as_deref() {
        Some("en") => Locale::en,
        _ => Locale::fr,
    };
    // The page with the same parameters, a refused one included, for it to say why.
    let kept: Vec<String> = pairs
        .iter()
        .filter(|(key, _)| key != "lang")
        .map(|(key, value)| format!("{}={}", app::url::encode(key), app::url::encode(value)))
        .collect();
    let back = match kept.is_empty() {
        true => page.to_string(),
        false => format!("{page}?{}", kept.join("&")),
    };
    let owner = Owner::new();
    let file = owner
        .with(|| {
            ScopedFuture::new(async move {
                provide_context(parts);
                provide_context(state);
                export(locale).await
            })
        })
        .await;
    let file = match file {
        Ok(file) => file,
        Err(AppError::Validation(_)) => return Redirect::to(&back).into_response(),
        // The session ended (or the access was removed, which the sign-in page says).
        Err(AppError::Unauthorized | AppError::AccessRemoved { .. }) => {
            return Redirect::to(app::routes::LOGIN).into_response();
        }
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return status.into_response();
        }
    };
    let disposition = format!("attachment; filename=\"{}\"", file.file_name);
    let body = Body::from_stream(file.bytes.map_err(|error| {
        tracing::error!(%error, "the CSV export stopped");
        std::io::Error::other(error.to_string())
    }));
    let mut res = (StatusCode::OK, body).into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    res
}
