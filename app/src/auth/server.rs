//! The server side of signing in: checking the password, rotating the session id, choosing
//! the organisation, and where to send the browser next.

use super::dto::{OrganizationChoice, SessionView, SignInError, SignInMethods};
use super::oidc::{CallbackError, Pending, Purpose};
use crate::domain::OrganizationId;
use crate::error::AppError;
use crate::invitations::dto::AcceptError;
use crate::routes;
use crate::server::{
    ACCOUNT_KEY, AppState, ID_TOKEN_KEY, OIDC_PENDING_KEY, ORGANIZATION_KEY, PasswordRefused,
    caller, check_password, internal, session, start_session, state,
};
use crate::url::local_path;
use db::entity::contact_event::Kind as EventKind;

fn login_with(error: SignInError, next: &str) -> String {
    let error = error.code();
    match local_path(next) {
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
    let account = match check_password(&state, &email, &password).await? {
        Ok(account) => account,
        Err(refused) => {
            crate::server::keep_typed_email(&email).await?;
            let error = match refused {
                PasswordRefused::Invalid => SignInError::Invalid,
                PasswordRefused::MustWait => SignInError::MustWait,
            };
            leptos_axum::redirect(&login_with(error, &next));
            return Ok(());
        }
    };
    enter(&state, account.id, &next).await.map(|_| ())
}

/// Signs `account_id` in for its first organisation and sends it where it was going; an
/// account that acts for no organisation is sent back to the sign-in page. Whether it entered.
async fn enter(state: &AppState, account_id: i32, next: &str) -> Result<bool, AppError> {
    let memberships = db::auth::memberships(&state.db, account_id).await?;
    let Some(first) = memberships.first() else {
        tracing::info!(
            account = account_id,
            "sign-in of an account without organisation"
        );
        leptos_axum::redirect(&login_with(SignInError::NoOrganization, next));
        return Ok(false);
    };
    start_session(account_id, first.organization.id).await?;
    let target = match local_path(next) {
        Some(next) => next,
        None if memberships.len() > 1 => routes::HOME,
        None => routes::CONTACTS,
    };
    leptos_axum::redirect(target);
    Ok(true)
}

/// The ways to sign in this server offers, with the email of this browser's last refused
/// demo sign-in (taken: it fills the form once).
pub async fn sign_in_methods() -> Result<SignInMethods, AppError> {
    let state = state()?;
    let typed_email = if state.production {
        None
    } else {
        crate::server::take_typed_email().await?
    };
    let access_removed_from = session()
        .await?
        .get(crate::server::ACCESS_REMOVED_KEY)
        .await
        .map_err(internal)?;
    Ok(SignInMethods {
        provider: state.oidc.is_some(),
        demo: !state.production,
        typed_email,
        access_removed_from,
    })
}

/// Sends the browser to the OpenID provider, remembering in the session why (`purpose`) and
/// what proves the way back is this browser's; to `unavailable` when the provider cannot be
/// reached or is not configured.
pub(crate) async fn to_provider(
    state: &AppState,
    purpose: Purpose,
    unavailable: &str,
) -> Result<(), AppError> {
    let Some(oidc) = state.oidc.as_ref() else {
        leptos_axum::redirect(unavailable);
        return Ok(());
    };
    match oidc.begin(purpose, state.clock.now()).await {
        Ok((url, pending)) => {
            session()
                .await?
                .insert(OIDC_PENDING_KEY, pending)
                .await
                .map_err(internal)?;
            leptos_axum::redirect(&url);
        }
        Err(err) => {
            tracing::warn!(error = %err, "sign-in with the identity provider not started");
            leptos_axum::redirect(unavailable);
        }
    }
    Ok(())
}

#[tracing::instrument(name = "oidc_sign_in", skip_all)]
pub async fn oidc_sign_in(next: String) -> Result<(), AppError> {
    let state = state()?;
    let next = local_path(&next).map(str::to_owned);
    let unavailable = login_with(SignInError::Unavailable, next.as_deref().unwrap_or(""));
    to_provider(&state, Purpose::SignIn { next }, &unavailable).await
}

/// Where the OpenID provider sends the browser back (`/auth/callback`): with a code to
/// exchange, or with an error (`access_denied` when the person cancelled).
#[tracing::instrument(name = "oidc_callback", skip_all)]
pub async fn oidc_callback(
    code: String,
    state_param: String,
    error: String,
) -> Result<(), AppError> {
    let state = state()?;
    let session = session().await?;
    // Single use: a callback replayed, or one this browser did not start, finds nothing.
    let pending: Option<Pending> = session.remove(OIDC_PENDING_KEY).await.map_err(internal)?;
    let (Some(pending), Some(oidc)) = (pending, state.oidc.as_ref()) else {
        tracing::info!("provider callback without a sign-in under way");
        leptos_axum::redirect(&login_with(SignInError::Failed, ""));
        return Ok(());
    };
    let purpose = pending.purpose.clone();
    let outcome = if !error.is_empty() {
        Err(match error.as_str() {
            "access_denied" => CallbackError::Cancelled,
            "temporarily_unavailable" | "server_error" => CallbackError::Unavailable(
                super::oidc::Unavailable(format!("the provider answered {error}")),
            ),
            other => CallbackError::Refused(format!("the provider answered {other}")),
        })
    } else {
        oidc.finish(pending, &state_param, &code, state.clock.now())
            .await
    };
    let signed_in = match outcome {
        Ok(signed_in) => signed_in,
        Err(err) => {
            tracing::info!(error = %err, "sign-in with the identity provider refused");
            let (sign_in, accept) = match err {
                CallbackError::Cancelled => (SignInError::Cancelled, AcceptError::Cancelled),
                CallbackError::Unavailable(_) => {
                    (SignInError::Unavailable, AcceptError::Unavailable)
                }
                CallbackError::Refused(_) => (SignInError::Failed, AcceptError::Failed),
            };
            leptos_axum::redirect(&match &purpose {
                Purpose::SignIn { next } => login_with(sign_in, next.as_deref().unwrap_or("")),
                Purpose::Accept { token } => {
                    crate::invitations::server::back_to_link(token, accept)
                }
            });
            return Ok(());
        }
    };
    let identity = &signed_in.identity;
    let entered = match &purpose {
        Purpose::SignIn { next } => {
            let next = next.as_deref().unwrap_or("");
            match db::auth::identity_account(&state.db, identity).await? {
                Some(account) => enter(&state, account.id, next).await?,
                None => {
                    // Nobody of any organisation yet: nothing is stored about this person.
                    tracing::info!("sign-in of an identity without account");
                    leptos_axum::redirect(&login_with(SignInError::NoOrganization, next));
                    false
                }
            }
        }
        Purpose::Accept { token } => {
            let account =
                db::auth::open_identity_account(&state.db, identity, state.clock.now()).await?;
            crate::invitations::server::accept_as(
                &state,
                token,
                db::invitations::Acceptor::Account(account.id),
            )
            .await?
        }
    };
    if entered {
        // Named to the provider when signing out.
        session
            .insert(ID_TOKEN_KEY, signed_in.id_token)
            .await
            .map_err(internal)?;
    }
    Ok(())
}

/// Ends the session here and, when the session came from the OpenID provider and it offers
/// RP-initiated logout, there too, coming back to the sign-in page.
#[tracing::instrument(name = "sign_out", skip_all)]
pub async fn sign_out() -> Result<(), AppError> {
    let state = state()?;
    let session = session().await?;
    let id_token: Option<String> = session.get(ID_TOKEN_KEY).await.map_err(internal)?;
    let account: Option<i32> = session.get(ACCOUNT_KEY).await.map_err(internal)?;
    session.flush().await.map_err(internal)?;
    if let Some(account) = account {
        let now = state.clock.now();
        db::activity::record_sign_in(&state.db, account, EventKind::SignedOut, None, now).await?;
    }
    let at_provider = match (&id_token, state.oidc.as_ref()) {
        (Some(id_token), Some(oidc)) => oidc.logout_url(id_token).await,
        _ => None,
    };
    leptos_axum::redirect(
        &at_provider.unwrap_or_else(|| format!("{}?signed_out=1", routes::LOGIN)),
    );
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
    let state = state()?;
    let (account, now) = (caller.account_id, state.clock.now());
    let switched = EventKind::OrganizationSwitched;
    db::activity::record_sign_in(&state.db, account, switched, Some(id.0), now).await?;
    leptos_axum::redirect(routes::CONTACTS);
    Ok(())
}

#[tracing::instrument(name = "current_session", skip_all)]
pub async fn current_session() -> Result<Option<SessionView>, AppError> {
    let caller = match caller().await {
        Ok(caller) => caller,
        Err(AppError::Unauthorized | AppError::AccessRemoved { .. }) => return Ok(None),
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
