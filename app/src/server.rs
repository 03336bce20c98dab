//! Server-side plumbing shared by the server functions: the app state, the session, who is
//! calling and for which organisation (`member()` and `admin()`, where every server function
//! starts), and turning errors into HTTP statuses.

use crate::error::AppError;
use db::DatabaseConnection;
use db::auth::Membership;
use db::entity::contact_event::Kind as EventKind;
use leptos::prelude::*;
use tower_sessions::Session;

/// Session keys.
pub const ACCOUNT_KEY: &str = "account_id";
pub const ORGANIZATION_KEY: &str = "organization_id";
/// The OpenID Connect sign-in under way (`crate::auth::oidc::Pending`).
pub const OIDC_PENDING_KEY: &str = "oidc_pending";
/// The ID token the session was signed in with, named to the provider when signing out.
pub const ID_TOKEN_KEY: &str = "oidc_id_token";
/// The email of a refused demo sign-in, until the form shows it again.
pub const TYPED_EMAIL_KEY: &str = "refused_email";
/// What a form posted before the WebAssembly had loaded left for the page it sent the browser
/// to: a [`crate::ui::Notice`], or a form to show again ([`crate::contacts::dto::KeptForm`]).
pub const NOTICE_KEY: &str = "notice";
pub const KEPT_FORM_KEY: &str = "kept_form";
/// The name of the organisation a session acted for until the account's access to it was
/// removed: all that is left of that session, to tell the person why it ended.
pub const ACCESS_REMOVED_KEY: &str = "access_removed_from";

/// What every request can reach: one pool, the clock, the mail worker's wake-up, and whether
/// the server runs in production.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    /// In production the demo identity provider refuses every sign-in and there is no
    /// development mailbox.
    pub production: bool,
    pub clock: db::Clock,
    /// Wakes the mail worker after an email was written to the outbox.
    pub mail: db::outbox::Wakeup,
    /// The site's address as links in emails name it, e.g. `https://lampss.example`.
    pub public_url: String,
    /// Mon dossier N.-É. / My NS Account, when `OIDC_ISSUER` is set.
    pub oidc: Option<std::sync::Arc<crate::auth::oidc::Oidc>>,
}

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the context");
        AppError::Internal
    })
}

/// Answers with `result`, setting the status when it is an error.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(err) = &result {
        err.set_status();
    }
    result
}

impl From<db::Error> for AppError {
    fn from(err: db::Error) -> Self {
        match err {
            db::Error::NotFound => AppError::NotFound,
            db::Error::Forbidden => AppError::Forbidden,
            db::Error::NotGrantable { module } => AppError::NotGrantable { module },
            db::Error::LastModuleAdmin { module } => AppError::LastModuleAdmin { module },
            db::Error::AdministersOtherModule { module } => {
                AppError::AdministersOtherModule { module }
            }
            db::Error::Conflict(_) => AppError::Conflict,
            db::Error::Stale { by, at } => AppError::Stale {
                by,
                at: at
                    .with_timezone(&chrono_tz::America::Halifax)
                    .format("%H:%M")
                    .to_string(),
            },
            db::Error::DuplicateEmail => AppError::invalid(
                crate::error::Field::Email,
                crate::error::ValidationCode::DuplicateEmail,
            ),
            db::Error::PrimaryRequired => AppError::invalid(
                crate::error::Field::Primary,
                crate::error::ValidationCode::PrimaryRequired,
            ),
            db::Error::PrimaryInactive => AppError::invalid(
                crate::error::Field::Active,
                crate::error::ValidationCode::PrimaryInactive,
            ),
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

pub fn internal(err: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %err, "internal error");
    AppError::Internal
}

pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(internal)
}

/// Signs `account_id` in, acting for `organization_id`, under a new session id: an id planted
/// before is worth nothing after. The sign-in is in the activity log of every organisation the
/// account acts for.
pub async fn start_session(account_id: i32, organization_id: i32) -> Result<(), AppError> {
    let session = session().await?;
    session.cycle_id().await.map_err(internal)?;
    session
        .remove_value(ACCESS_REMOVED_KEY)
        .await
        .map_err(internal)?;
    session
        .insert(ACCOUNT_KEY, account_id)
        .await
        .map_err(internal)?;
    session
        .insert(ORGANIZATION_KEY, organization_id)
        .await
        .map_err(internal)?;
    let state = state()?;
    db::activity::record_sign_in(
        &state.db,
        account_id,
        EventKind::SignedIn,
        None,
        state.clock.now(),
    )
    .await?;
    tracing::info!(account = account_id, "signed in");
    Ok(())
}

/// The address this request came from: the client's, or behind a proxy the proxy's (password
/// sign-in, the only use, exists in development only).
pub async fn client_address() -> Option<std::net::IpAddr> {
    leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|connected| connected.0.ip())
}

/// Checks a demo sign-in's email and password ([`db::auth::authenticate`]), after the failures
/// of either have been waited for: the account, or why not.
pub async fn check_password(
    state: &AppState,
    email: &str,
    password: &str,
) -> Result<Result<db::entity::account::Model, PasswordRefused>, AppError> {
    use crate::domain::limits::{EMAIL_MAX, PASSWORD_MAX};
    use db::auth::PasswordSignIn;
    // Too long to be anyone's: refused without a hash, and without counting.
    if email.len() > EMAIL_MAX || password.len() > PASSWORD_MAX {
        return Ok(Err(PasswordRefused::Invalid));
    }
    let address = client_address().await;
    let now = state.clock.now();
    Ok(
        match db::auth::authenticate(&state.db, email, password, address, now).await? {
            PasswordSignIn::Account(account) => Ok(account),
            PasswordSignIn::Refused { account } => {
                tracing::info!("sign-in refused");
                if let Some(account) = account {
                    record_failure(state, account, now);
                }
                Err(PasswordRefused::Invalid)
            }
            PasswordSignIn::MustWait => {
                tracing::warn!("sign-in refused: too many failures, must wait");
                Err(PasswordRefused::MustWait)
            }
        },
    )
}

/// Records a wrong password for `account` in the activity log of each organisation it acts
/// for, beside the answer rather than before it: the answer to a known email then takes the
/// time an unknown one's takes.
fn record_failure(state: &AppState, account: i32, at: chrono::DateTime<chrono::Utc>) {
    let db = state.db.clone();
    tokio::spawn(async move {
        let failed = EventKind::SignInFailed;
        if let Err(error) = db::activity::record_sign_in(&db, account, failed, None, at).await {
            tracing::error!(%error, "a failed sign-in not recorded");
        }
    });
}

/// Why [`check_password`] signed nobody in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordRefused {
    /// Unknown email, or wrong password.
    Invalid,
    /// Too many failures lately.
    MustWait,
}

/// Keeps the email of a refused demo sign-in for the form that shows it again (an email too
/// long to be one is not kept).
pub async fn keep_typed_email(email: &str) -> Result<(), AppError> {
    if email.trim().is_empty() || email.len() > crate::domain::limits::EMAIL_MAX {
        return Ok(());
    }
    keep(TYPED_EMAIL_KEY, &email.trim()).await
}

/// The email of this browser's last refused demo sign-in, removed as it is read.
pub async fn take_typed_email() -> Result<Option<String>, AppError> {
    take(TYPED_EMAIL_KEY).await
}

/// Keeps `value` in the session under `key`, for the next page.
pub async fn keep<T: serde::Serialize>(key: &str, value: &T) -> Result<(), AppError> {
    session().await?.insert(key, value).await.map_err(internal)
}

/// What was kept under `key`, removed as it is read.
pub async fn take<T: serde::de::DeserializeOwned>(key: &str) -> Result<Option<T>, AppError> {
    session().await?.remove(key).await.map_err(internal)
}

/// The signed-in account, acting for one organisation it still belongs to.
#[derive(Clone, Debug)]
pub struct Caller {
    pub account_id: i32,
    /// The identity account's login (its email), shown in the banner.
    pub login: String,
    /// The organisation acted for.
    pub membership: Membership,
    /// Every organisation the account acts for, this one included.
    pub memberships: Vec<Membership>,
}

impl Caller {
    pub fn organization_id(&self) -> i32 {
        self.membership.organization.id
    }
}

/// The caller of the page being rendered, read once for all the server functions its
/// resources call (the banner's session, the organisation, the list…): each page request
/// still checks it against the database, once rather than once a function.
#[derive(Clone, Default)]
pub struct PageCaller(std::sync::Arc<tokio::sync::OnceCell<Caller>>);

impl PageCaller {
    /// Part of every page's context (the server's page routes provide it).
    pub fn provide() {
        provide_context(Self::default());
    }
}

/// Who is calling, re-checked against the database on every call (on every page request, for
/// the functions a page renders with: [`PageCaller`]): a session whose account no longer acts
/// for the organisation (contact deactivated, access removed) is signed out, and its next
/// calls say why until the person signs in again.
pub async fn caller() -> Result<Caller, AppError> {
    match use_context::<PageCaller>() {
        Some(PageCaller(page)) => page.get_or_try_init(read_caller).await.cloned(),
        None => read_caller().await,
    }
}

/// [`caller`], read from the session and the database.
async fn read_caller() -> Result<Caller, AppError> {
    let state = state()?;
    let session = session().await?;
    let account_id: Option<i32> = session.get(ACCOUNT_KEY).await.map_err(internal)?;
    let organization_id: Option<i32> = session.get(ORGANIZATION_KEY).await.map_err(internal)?;
    let (Some(account_id), Some(organization_id)) = (account_id, organization_id) else {
        let removed: Option<String> = session.get(ACCESS_REMOVED_KEY).await.map_err(internal)?;
        return Err(match removed {
            Some(organization) => AppError::AccessRemoved { organization },
            None => AppError::Unauthorized,
        });
    };
    let (account, memberships) = db::auth::account_and_memberships(&state.db, account_id).await?;
    let membership = memberships
        .iter()
        .find(|m| m.organization.id == organization_id)
        .cloned();
    let Some(membership) = membership else {
        let organization = match db::contacts::organization(&state.db, organization_id).await {
            Ok(organization) => organization.name,
            Err(db::Error::NotFound) => {
                session.flush().await.map_err(internal)?;
                return Err(AppError::Unauthorized);
            }
            Err(err) => return Err(err.into()),
        };
        // The reason first, then nothing of the signed-in session is kept, under a new id: a
        // call of the same moment that finds the account gone finds the reason too.
        session
            .insert(ACCESS_REMOVED_KEY, &organization)
            .await
            .map_err(internal)?;
        for key in [
            ACCOUNT_KEY,
            ORGANIZATION_KEY,
            ID_TOKEN_KEY,
            OIDC_PENDING_KEY,
        ] {
            session.remove_value(key).await.map_err(internal)?;
        }
        session.cycle_id().await.map_err(internal)?;
        tracing::info!(account = account_id, "session ended: access removed");
        return Err(AppError::AccessRemoved { organization });
    };
    // A membership was read with its account.
    let account = account.ok_or(db::Error::NotFound)?;
    Ok(Caller {
        account_id,
        login: account.login(),
        membership,
        memberships,
    })
}

/// What a server function acts with: who calls, the database and the rest of the app's
/// state, and the moment of the call (one reading of the clock, so that everything a call
/// writes carries the same time).
pub struct Call {
    pub caller: Caller,
    pub db: DatabaseConnection,
    pub state: AppState,
    pub now: chrono::DateTime<chrono::Utc>,
}

/// A signed-in member of the organisation acted for, read-only members included.
pub async fn member() -> Result<Call, AppError> {
    let state = state()?;
    let caller = caller().await?;
    Ok(Call {
        caller,
        db: state.db.clone(),
        now: state.clock.now(),
        state,
    })
}

/// An administrator of the organisation acted for; anyone else is refused (403).
pub async fn admin() -> Result<Call, AppError> {
    let call = member().await?;
    if call.caller.membership.is_admin() {
        Ok(call)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The content type a server function's arguments are posted in.
#[expect(
    clippy::extra_unused_type_parameters,
    reason = "F is what is asked about: its protocol names I"
)]
const fn input_type<F, I, O>() -> &'static str
where
    F: leptos::server_fn::ServerFn<Protocol = leptos::server_fn::Http<I, O>>,
    I: leptos::server_fn::ContentType,
{
    I::CONTENT_TYPE
}

macro_rules! server_functions {
    ($($function:path),+ $(,)?) => {
        /// Every server function: its path, and the content type its arguments come in. The
        /// server refuses a body of another type (a page of another site can post
        /// `text/plain` without asking first, never `application/json`), and a test checks
        /// that this names every function the server registered.
        pub const SERVER_FUNCTIONS: &[(&str, &str)] = &[
            $((<$function as leptos::server_fn::ServerFn>::PATH, input_type::<$function, _, _>())),+
        ];
    };
}

server_functions![
    crate::auth::api::SignIn,
    crate::auth::api::AvailableSignIn,
    crate::auth::api::OidcSignIn,
    crate::auth::api::OidcCallback,
    crate::auth::api::SignOut,
    crate::auth::api::SwitchOrganization,
    crate::auth::api::CurrentSession,
    crate::contacts::api::ListContacts,
    crate::contacts::api::NewContactForm,
    crate::contacts::api::GetContact,
    crate::contacts::api::CreateContact,
    crate::contacts::api::UpdateContact,
    crate::contacts::api::PostContactForm,
    crate::contacts::api::RetractInvitation,
    crate::contacts::api::RemoveAccess,
    crate::contacts::api::ActivityLog,
    crate::invitations::api::InvitationForm,
    crate::invitations::api::SendInvitation,
    crate::invitations::api::CreateContactWithAccess,
    crate::invitations::api::PostInvitation,
    crate::invitations::api::ResendInvitation,
    crate::invitations::api::OpenInvitation,
    crate::invitations::api::AcceptInvitation,
    crate::invitations::api::OidcAcceptInvitation,
    crate::invitations::api::SentMail,
    crate::organization::api::GetOrganization,
];

/// The content type the server function at `path` takes, if one is there.
pub fn server_function_input(path: &str) -> Option<&'static str> {
    SERVER_FUNCTIONS
        .iter()
        .find(|(at, _)| *at == path)
        .map(|(_, input)| *input)
}
