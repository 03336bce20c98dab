//! The details form posted as an HTML form, before the WebAssembly has loaded. It goes
//! through the same checks and saves as the form's server functions; what the browser's form
//! would show (errors, a confirmation, a conflict) is kept in the session for the page the
//! browser is sent back to.

use crate::contacts::dto::{ContactFormPost, KeptForm};
use crate::contacts::form::{Before, FormRules, questions};
use crate::domain::ContactId;
use crate::error::AppError;
use crate::routes;
use crate::server::{KEPT_FORM_KEY, NOTICE_KEY, admin, keep};
use crate::ui::Notice;

/// Saves the posted form, or sends the browser back to it. Administrators only.
#[tracing::instrument(name = "post_contact_form", skip_all)]
pub async fn post_form(form: ContactFormPost) -> Result<(), AppError> {
    admin().await?;
    let back = crate::url::list_path(&form.back).to_string();
    let list_query = back.find('?').map(|at| &back[at..]).unwrap_or_default();
    let contact = match form.contact.trim() {
        "" => None,
        id => Some(
            id.parse::<i32>()
                .ok()
                .filter(|id| *id > 0)
                .map(ContactId)
                .ok_or(AppError::NotFound)?,
        ),
    };
    let version = form.version.trim().parse::<i32>().ok();
    let page = match contact {
        Some(id) => routes::contact(id, list_query),
        None => format!("{}{list_query}", routes::NEW_CONTACT),
    };
    let input = form.input();
    let mut kept = KeptForm {
        contact,
        version,
        input: Some(input.clone()),
        ..KeptForm::default()
    };
    if !form.cancel.is_empty() {
        return send_back(&page, &kept).await;
    }
    if form.confirmed.is_empty() {
        let (before, settings) = match contact {
            Some(id) => {
                let details = super::details(id).await?;
                (details.before(), details.settings)
            }
            None => {
                let settings = super::new_form().await?;
                let other = settings.primary.clone().map(|(_, name)| name);
                (Before::new_contact(other), settings)
            }
        };
        let asked = questions(&before, &input);
        if !asked.is_empty() {
            // The fields are checked first, as the browser does before it asks.
            let offices = settings.office_codes();
            let rules = FormRules {
                requires_job: settings.requires_job,
                office_locations: &offices,
            };
            match input.parse(rules) {
                Err(errors) => kept.errors = errors,
                Ok(_) => kept.questions = asked,
            }
            return send_back(&page, &kept).await;
        }
    }
    let saved = match contact {
        None => super::create(input.clone()).await.map(|_| false),
        Some(id) => super::update(id, version.unwrap_or_default(), input.clone())
            .await
            .map(|saved| saved.invitation_retracted),
    };
    match saved {
        Ok(retracted) => {
            let name = input.listed_name();
            let notice = if retracted {
                Notice::SavedInvitationRetracted { name }
            } else {
                Notice::Saved { name }
            };
            keep(NOTICE_KEY, &notice).await?;
            leptos_axum::redirect(&back);
            Ok(())
        }
        Err(AppError::Validation(errors)) => {
            kept.errors = errors;
            send_back(&page, &kept).await
        }
        Err(error) => {
            // Someone else saved it: the form starts again from their values, as in the
            // browser.
            if matches!(error, AppError::Stale { .. }) {
                kept.input = None;
                kept.version = None;
            }
            kept.notice = Some(error);
            send_back(&page, &kept).await
        }
    }
}

async fn send_back(page: &str, kept: &KeptForm) -> Result<(), AppError> {
    keep(KEPT_FORM_KEY, kept).await?;
    leptos_axum::redirect(page);
    Ok(())
}

/// An action on a contact (retract its invitation, remove its access, send its invitation
/// again). Posted from its confirmation page before the WebAssembly has loaded (`back` is
/// set), it sends the browser back to the list, saying what came of it; Annuler (`cancel`)
/// does nothing. Called by the page's code, it answers as `run` does.
pub async fn post_action(
    id: ContactId,
    back: &str,
    cancel: &str,
    done: impl FnOnce(String) -> Notice,
    run: impl std::future::Future<Output = Result<(), AppError>>,
) -> Result<(), AppError> {
    if back.is_empty() {
        return run.await;
    }
    if cancel.is_empty() {
        let outcome = match super::details(id).await {
            Ok(details) => run.await.map(|()| done(details.input.listed_name())),
            Err(error) => Err(error),
        };
        let notice = outcome.unwrap_or_else(|error| Notice::Refused { error });
        keep(NOTICE_KEY, &notice).await?;
    }
    leptos_axum::redirect(crate::url::list_path(back));
    Ok(())
}
