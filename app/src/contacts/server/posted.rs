//! The forms posted as HTML forms, before the WebAssembly has loaded. They go through the same
//! checks and saves as the forms' server functions; what the browser's form would show
//! (errors, a confirmation, a conflict) is kept in the session for the page the browser is
//! sent back to.

use crate::contacts::dto::{ContactFormPost, FormPage, KeptForm};
use crate::contacts::form::{Before, questions};
use crate::domain::ContactId;
use crate::error::AppError;
use crate::invitations::dto::InviteInput;
use crate::routes;
use crate::server::{KEPT_FORM_KEY, NOTICE_KEY, admin, keep};
use crate::ui::Notice;

/// Saves the posted details form (a contact added, with or without access, or edited), or
/// sends the browser back to it. Administrators only.
#[tracing::instrument(name = "post_contact_form", skip_all)]
pub async fn post_form(form: ContactFormPost) -> Result<(), AppError> {
    let call = admin().await?;
    let back = crate::url::list_path(&form.back);
    let contact = match form.contact.trim() {
        "" => None,
        id => Some(
            id.parse::<ContactId>()
                .ok()
                .filter(|id| id.0 > 0)
                .ok_or(AppError::NotFound)?,
        ),
    };
    let with_access = contact.is_none() && !form.with_access.is_empty();
    let page = match contact {
        Some(id) => FormPage::Details(id),
        None if with_access => FormPage::NewContactWithAccess,
        None => FormPage::NewContact,
    };
    let input = form.input();
    let invite = with_access.then(|| form.invite());
    let mut kept = KeptForm {
        page,
        version: form.version.trim().parse::<i32>().ok(),
        input: Some(input.clone()),
        invite: invite.clone(),
        ..KeptForm::default()
    };
    if !form.cancel.is_empty() {
        return send_back(back, kept).await;
    }
    if form.confirmed.is_empty() {
        let before = match contact {
            Some(id) => super::details(id).await?.before(),
            None => {
                let settings = super::new_form().await?;
                Before::new_contact(settings.primary.map(|(_, name)| name))
            }
        };
        // Sending an invitation is always confirmed; a change, when it does more than save.
        if with_access || !questions(&before, &input).is_empty() {
            // The fields are checked first, by the saving's own rule, as the browser does
            // before it asks.
            kept.errors = match super::validate(&call.db, &call.caller, &input).await {
                Ok(_) => Vec::new(),
                Err(AppError::Validation(errors)) => errors,
                Err(error) => return Err(error),
            };
            if let Some(invite) = &invite {
                let grantable = crate::invitations::server::form(None).await?.grantable();
                kept.errors
                    .extend(invite.parse(&grantable).err().unwrap_or_default());
            }
            kept.confirm = kept.errors.is_empty();
            return send_back(back, kept).await;
        }
    }
    let name = input.listed_name();
    let saved = match (contact, invite) {
        (Some(id), _) => super::update(id, kept.version.unwrap_or_default(), input)
            .await
            .map(|saved| {
                if saved.invitation_retracted {
                    Notice::SavedInvitationRetracted { name }
                } else {
                    Notice::Saved { name }
                }
            }),
        (None, Some(invite)) => crate::invitations::server::create_with_access(input, invite)
            .await
            .map(|_| Notice::InvitationSent { name }),
        (None, None) => super::create(input).await.map(|_| Notice::Saved { name }),
    };
    done(back, saved, kept).await
}

/// Sends the posted invitation of the existing contact `id`, after its confirmation page, or
/// sends the browser back to its form. Administrators only.
#[tracing::instrument(name = "post_invitation", skip_all, fields(id = id.0))]
pub async fn post_invitation(
    id: ContactId,
    invite: InviteInput,
    back: &str,
    confirmed: bool,
    cancel: bool,
) -> Result<(), AppError> {
    admin().await?;
    let back = crate::url::list_path(back);
    let mut kept = KeptForm {
        page: FormPage::Invite(id),
        invite: Some(invite.clone()),
        ..KeptForm::default()
    };
    if cancel {
        return send_back(back, kept).await;
    }
    let settings = match crate::invitations::server::form(Some(id)).await {
        Ok(settings) => settings,
        Err(error) => return done(back, Err(error), kept).await,
    };
    if !confirmed {
        match invite.parse(&settings.grantable()) {
            Err(errors) => kept.errors = errors,
            Ok(_) => kept.confirm = true,
        }
        return send_back(back, kept).await;
    }
    let name = settings
        .invitee
        .map(|i| format!("{}, {}", i.last_name, i.first_name))
        .unwrap_or_default();
    let sent = crate::invitations::server::send(id, invite)
        .await
        .map(|()| Notice::InvitationSent { name });
    done(back, sent, kept).await
}

/// What came of a posted form: saved, the list (`back`) says so; refused, the form's page
/// shows why, with what was typed (or with the saved values, when someone else saved them
/// meanwhile, as in the browser).
async fn done(
    back: &str,
    outcome: Result<Notice, AppError>,
    mut kept: KeptForm,
) -> Result<(), AppError> {
    match outcome {
        Ok(notice) => {
            keep(NOTICE_KEY, &notice).await?;
            leptos_axum::redirect(back);
            Ok(())
        }
        Err(AppError::Validation(errors)) => {
            kept.errors = errors;
            send_back(back, kept).await
        }
        Err(error) => {
            if matches!(error, AppError::Stale { .. }) {
                kept.input = None;
                kept.version = None;
            }
            kept.notice = Some(error);
            send_back(back, kept).await
        }
    }
}

/// Back to the form's page (with the list's filters, for its way back), which shows `kept`.
async fn send_back(back: &str, kept: KeptForm) -> Result<(), AppError> {
    let list_query = back.find('?').map(|at| &back[at..]).unwrap_or_default();
    let page = match kept.page {
        FormPage::NewContact => format!("{}{list_query}", routes::NEW_CONTACT),
        FormPage::NewContactWithAccess => {
            format!("{}{list_query}", routes::NEW_CONTACT_WITH_ACCESS)
        }
        FormPage::Details(id) => routes::contact(id, list_query),
        FormPage::Invite(id) => routes::invite(id, list_query),
    };
    keep(KEPT_FORM_KEY, &kept).await?;
    leptos_axum::redirect(&page);
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
