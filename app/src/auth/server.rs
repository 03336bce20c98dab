//! The server side of signing in: checking the password, rotating the session id, choosing
//! the organisation, and where to send the browser next.

use super::dto::{OrganizationChoice, SessionView, SignInError};
use crate::domain::OrganizationId;
use crate::domain::limits::{EMAIL_MAX, PASSWORD_MAX};
use crate::error::AppError;
use crate::routes;
use crate::server::{ORGANIZATION_KEY, caller, internal, session, start_session, state};

/// Only a path of this site: never another origin (`//host`, `https:`), never a backslash.
fn safe_next(next: &str) -> Option<&str> {
    // Visible ASCII only: it goes into a Location header as it is.
    let ok = next.bytes().all(|b| (0x21..=0x7e).contains(&b))
        && next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.starts_with(routes::LOGIN)
        && !next.starts_with("/api/");
    ok.then_some(next)
}

fn login_with(error: SignInError, next: &str) -> String {
    let error = error.code();
    match safe_next(next) {
        Some(next) => format!(
            "{}?error={error}&next={}",
            routes::LOGIN,
            crate::url::encode(next)
        ),
        None => format!("{}?error={error}", routes::LOGIN),
    }
}

#[tracing::instrument(name = "sign_in", skip_all)]
pub async fn sign_in(email: String, password: String, next: String) -> Result<(), AppError> {
    let state = state()?;
    if state.production {
        leptos_axum::redirect(&login_with(SignInError::Disabled, &next));
        return Ok(());
    }
    let account = if email.len() > EMAIL_MAX || password.len() > PASSWORD_MAX {
        None
    } else {
        db::auth::authenticate(&state.db, &email, &password).await?
    };
    let Some(account) = account else {
        tracing::info!("sign-in refused");
        leptos_axum::redirect(&login_with(SignInError::Invalid, &next));
        return Ok(());
    };
    let memberships = db::auth::memberships(&state.db, account.id).await?;
    let Some(first) = memberships.first() else {
        leptos_axum::redirect(&login_with(SignInError::NoOrganization, &next));
        return Ok(());
    };
    start_session(account.id, first.organization.id).await?;
    let target = match safe_next(&next) {
        Some(next) => next,
        None if memberships.len() > 1 => routes::HOME,
        None => routes::CONTACTS,
    };
    leptos_axum::redirect(target);
    Ok(())
}

#[tracing::instrument(name = "sign_out", skip_all)]
pub async fn sign_out() -> Result<(), AppError> {
    session().await?.flush().await.map_err(internal)?;
    leptos_axum::redirect(&format!("{}?signed_out=1", routes::LOGIN));
    Ok(())
}

#[tracing::instrument(name = "switch_organization", skip_all)]
pub async fn switch_organization(organization_id: String) -> Result<(), AppError> {
    let caller = caller().await?;
    let id: OrganizationId = organization_id.parse().map_err(|_| AppError::NotFound)?;
    // Only an organisation the account acts for; any other id is simply unknown.
    if !caller.memberships.iter().any(|m| m.organization.id == id.0) {
        return Err(AppError::NotFound);
    }
    session()
        .await?
        .insert(ORGANIZATION_KEY, id.0)
        .await
        .map_err(internal)?;
    leptos_axum::redirect(routes::CONTACTS);
    Ok(())
}

#[tracing::instrument(name = "current_session", skip_all)]
pub async fn current_session() -> Result<Option<SessionView>, AppError> {
    let caller = match caller().await {
        Ok(caller) => caller,
        Err(AppError::Unauthorized) => return Ok(None),
        Err(err) => return Err(err),
    };
    let organizations = caller
        .memberships
        .into_iter()
        .map(|m| OrganizationChoice {
            id: OrganizationId(m.organization.id),
            name: m.organization.name,
        })
        .collect();
    Ok(Some(SessionView {
        login: caller.login,
        is_admin: caller.membership.is_admin(),
        organization: OrganizationChoice {
            id: OrganizationId(caller.membership.organization.id),
            name: caller.membership.organization.name,
        },
        organizations,
    }))
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(
            safe_next("/organization/contacts?page=2"),
            Some("/organization/contacts?page=2")
        );
        for bad in [
            "/a\nb",
            "/é",
            "/a b",
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "evil",
            "/login",
            "/api/sign_out",
        ] {
            assert_eq!(safe_next(bad), None, "{bad}");
        }
    }
}
