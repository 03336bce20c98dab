//! Signing in with Mon dossier N.-É. / My NS Account through OpenID Connect: the
//! authorization code flow with PKCE, `state` and `nonce`, through the `openidconnect` crate.
//!
//! The provider's metadata and keys come from its discovery document, kept for an hour and
//! fetched again at once when an ID token is signed with a key they do not hold (a rotation).
//! The ID token's signature, issuer, audience, expiry (by the app's clock) and nonce are
//! verified by the crate; the email and user identifier come from the ID token, else from the
//! userinfo endpoint, whose subject must be the token's.

use crate::domain::limits::EMAIL_MAX;
use chrono::{DateTime, Utc};
use db::auth::Identity;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreIdToken, CoreUserInfoClaims,
};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken,
    EmptyAdditionalClaims, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenClaims, IssuerUrl,
    LogoutRequest, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl, Scope, TokenResponse, reqwest,
};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// Where the provider sends the browser back to, under the site's public address.
pub const CALLBACK_PATH: &str = "/auth/callback";
/// Where the provider sends the browser after signing out there.
pub const SIGNED_OUT_PATH: &str = "/login?signed_out=1";

/// How long the discovery document and keys are trusted before they are fetched again.
const METADATA_TTL: Duration = Duration::from_secs(3600);
/// How long a person may take at the provider between leaving and coming back.
const PENDING_TTL: chrono::TimeDelta = chrono::TimeDelta::minutes(15);
/// Every provider request gives up after this long: a provider that does not answer is down.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest user identifier an account keeps (its column's size).
const USERNAME_MAX: usize = 255;

/// `OIDC_ISSUER`, `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET`, `OIDC_SCOPES`.
#[derive(Clone, Debug)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// Requested besides `openid`; `email profile` by default.
    pub scopes: Vec<String>,
}

/// Why the provider could not be reached or answered nonsense: the person can only try later.
#[derive(Debug, thiserror::Error)]
#[error("the identity provider is unavailable: {0}")]
pub struct Unavailable(pub String);

/// Why coming back from the provider did not sign anyone in.
#[derive(Debug, thiserror::Error)]
pub enum CallbackError {
    /// The person cancelled at the provider (`access_denied`).
    #[error("cancelled at the provider")]
    Cancelled,
    #[error(transparent)]
    Unavailable(#[from] Unavailable),
    /// Anything that does not verify: no sign-in under way, a `state` that is not this
    /// browser's, a code already used, an ID token that is expired, for another audience,
    /// from another issuer, badly signed, or without the nonce of this sign-in.
    #[error("refused: {0}")]
    Refused(String),
}

/// What the flow needs to remember in the session between leaving for the provider and
/// coming back.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pending {
    state: String,
    nonce: String,
    pkce_verifier: String,
    started: DateTime<Utc>,
    /// What to do once signed in.
    pub purpose: Purpose,
}

/// Why the person went to the provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Purpose {
    /// Sign in, then go to this path of the site (already checked as same-site), if any.
    SignIn { next: Option<String> },
    /// Accept the invitation of this link's token.
    Accept { token: String },
}

/// Who came back from the provider, and the ID token to name them with when signing out.
pub struct SignedIn {
    pub identity: Identity,
    pub id_token: String,
}

type Metadata = ProviderMetadataWithLogout;
/// A client made from discovery: authorization endpoint set, token and userinfo endpoints
/// as the provider advertises them.
type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;
type Claims = IdTokenClaims<EmptyAdditionalClaims, CoreGenderClaim>;

/// The configured OpenID provider, its cached discovery document, and the HTTP client that
/// talks to it.
pub struct Oidc {
    settings: OidcSettings,
    issuer: IssuerUrl,
    redirect_url: RedirectUrl,
    post_logout_url: PostLogoutRedirectUrl,
    http: reqwest::Client,
    metadata: RwLock<Option<(Metadata, Instant)>>,
}

impl std::fmt::Debug for Oidc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Oidc")
            .field("issuer", &self.settings.issuer)
            .field("client_id", &self.settings.client_id)
            .finish_non_exhaustive()
    }
}

impl Oidc {
    /// Checks the settings; nothing is fetched until someone signs in, so that a provider
    /// that is down does not stop the site.
    pub fn new(settings: OidcSettings, public_url: &str) -> Result<Self, String> {
        let issuer = IssuerUrl::new(settings.issuer.clone())
            .map_err(|e| format!("OIDC_ISSUER is not a URL: {e}"))?;
        let site = public_url.trim_end_matches('/');
        let redirect_url = RedirectUrl::new(format!("{site}{CALLBACK_PATH}"))
            .map_err(|e| format!("PUBLIC_URL is not a URL: {e}"))?;
        let post_logout_url = PostLogoutRedirectUrl::new(format!("{site}{SIGNED_OUT_PATH}"))
            .map_err(|e| format!("PUBLIC_URL is not a URL: {e}"))?;
        let http = reqwest::ClientBuilder::new()
            // Following redirects would let a provider's answer send the server elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(REQUEST_TIMEOUT)
            .build()
            .map_err(|e| format!("cannot make the HTTP client of OpenID Connect: {e}"))?;
        Ok(Self {
            settings,
            issuer,
            redirect_url,
            post_logout_url,
            http,
            metadata: RwLock::new(None),
        })
    }

    /// The address the provider must know as this site's redirect URI.
    pub fn redirect_url(&self) -> &str {
        self.redirect_url.as_str()
    }

    /// The provider's discovery document and keys: the cached ones while fresh, else fetched.
    async fn metadata(&self, refresh: bool) -> Result<Metadata, Unavailable> {
        if !refresh
            && let Some((metadata, at)) = self.metadata.read().await.as_ref()
            && at.elapsed() < METADATA_TTL
        {
            return Ok(metadata.clone());
        }
        let fetched = Metadata::discover_async(self.issuer.clone(), &self.http)
            .await
            .map_err(|e| {
                tracing::warn!(issuer = %self.settings.issuer, error = %e, error_source = ?std::error::Error::source(&e), "OpenID discovery failed");
                Unavailable(e.to_string())
            })?;
        *self.metadata.write().await = Some((fetched.clone(), Instant::now()));
        Ok(fetched)
    }

    fn client(&self, metadata: Metadata) -> Client {
        CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.clone())),
        )
        .set_redirect_uri(self.redirect_url.clone())
    }

    /// The provider's authorization URL for a new sign-in, and what to keep in the session
    /// until the person comes back.
    pub async fn begin(
        &self,
        purpose: Purpose,
        now: DateTime<Utc>,
    ) -> Result<(String, Pending), Unavailable> {
        let client = self.client(self.metadata(false).await?);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in &self.settings.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok((
            url.to_string(),
            Pending {
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                pkce_verifier: verifier.secret().clone(),
                started: now,
                purpose,
            },
        ))
    }

    /// Finishes the sign-in the provider sent the browser back from: checks `state` against
    /// the pending sign-in, exchanges the code, and verifies the ID token.
    pub async fn finish(
        &self,
        pending: Pending,
        state: &str,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<SignedIn, CallbackError> {
        if state != pending.state {
            return Err(CallbackError::Refused("state is not this browser's".into()));
        }
        if now - pending.started > PENDING_TTL {
            return Err(CallbackError::Refused(
                "sign-in started too long ago".into(),
            ));
        }
        let client = self.client(self.metadata(false).await?);
        let token = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| CallbackError::Unavailable(Unavailable(e.to_string())))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                // The provider refused the code: used already, expired, or not for us.
                openidconnect::RequestTokenError::ServerResponse(answer) => {
                    CallbackError::Refused(format!("token endpoint: {answer}"))
                }
                other => CallbackError::Unavailable(Unavailable(other.to_string())),
            })?;
        let id_token = token
            .id_token()
            .ok_or_else(|| CallbackError::Refused("no ID token".into()))?
            .clone();
        let nonce = Nonce::new(pending.nonce);
        let claims = match verify(&client, &id_token, &nonce, now) {
            Err(ClaimsVerificationError::SignatureVerification(
                openidconnect::SignatureVerificationError::NoMatchingKey,
            )) => {
                // Signed with a key not in the cached set: the provider rotated its keys.
                let client = self.client(self.metadata(true).await?);
                verify(&client, &id_token, &nonce, now)
            }
            other => other,
        }
        .map_err(|e| CallbackError::Refused(format!("ID token: {e}")))?;
        // The access token must be the one this ID token was issued with.
        if let Some(expected) = claims.access_token_hash() {
            let refused = |e: &dyn std::fmt::Display| {
                CallbackError::Refused(format!("access token hash: {e}"))
            };
            let verifier = client.id_token_verifier();
            let alg = id_token.signing_alg().map_err(|e| refused(&e))?;
            let key = id_token.signing_key(&verifier).map_err(|e| refused(&e))?;
            let actual = AccessTokenHash::from_token(token.access_token(), alg, key)
                .map_err(|e| refused(&e))?;
            if actual != *expected {
                return Err(CallbackError::Refused("access token hash differs".into()));
            }
        }
        let subject = claims.subject().clone();
        let mut email = claims.email().map(|e| e.as_str().to_owned());
        let mut email_verified = claims.email_verified();
        let mut username = claims.preferred_username().map(|u| u.as_str().to_owned());
        if email.is_none() || username.is_none() {
            // Many providers give these only at the userinfo endpoint.
            if let Ok(request) =
                client.user_info(token.access_token().clone(), Some(subject.clone()))
            {
                let info: CoreUserInfoClaims =
                    request
                        .request_async(&self.http)
                        .await
                        .map_err(|e| match e {
                            openidconnect::UserInfoError::ClaimsVerification(e) => {
                                CallbackError::Refused(format!("userinfo: {e}"))
                            }
                            other => CallbackError::Unavailable(Unavailable(other.to_string())),
                        })?;
                if email.is_none() {
                    email = info.email().map(|e| e.as_str().to_owned());
                    email_verified = info.email_verified();
                }
                if username.is_none() {
                    username = info.preferred_username().map(|u| u.as_str().to_owned());
                }
            }
        }
        Ok(SignedIn {
            identity: Identity {
                issuer: claims.issuer().to_string(),
                subject: subject.to_string(),
                // Kept only within what the account's columns hold.
                email: email
                    .map(|e| e.trim().to_lowercase())
                    .filter(|e| !e.is_empty() && e.chars().count() <= EMAIL_MAX),
                email_verified: email_verified.unwrap_or(false),
                username: username
                    .filter(|u| !u.trim().is_empty() && u.chars().count() <= USERNAME_MAX)
                    .unwrap_or_else(|| subject.to_string()),
            },
            id_token: id_token.to_string(),
        })
    }

    /// Where to send the browser to end the provider's session too (RP-initiated logout),
    /// when the provider offers it.
    pub async fn logout_url(&self, id_token: &str) -> Option<String> {
        let metadata = self.metadata(false).await.ok()?;
        let endpoint = metadata
            .additional_metadata()
            .end_session_endpoint
            .clone()?;
        let mut request = LogoutRequest::from(endpoint)
            .set_client_id(ClientId::new(self.settings.client_id.clone()))
            .set_post_logout_redirect_uri(self.post_logout_url.clone());
        if let Ok(token) = id_token.parse::<CoreIdToken>() {
            request = request.set_id_token_hint(&token);
        }
        Some(request.http_get_url().to_string())
    }
}

/// The ID token's claims, once its signature, issuer, audience, expiry (at `now`) and nonce
/// are verified.
fn verify(
    client: &Client,
    id_token: &CoreIdToken,
    nonce: &Nonce,
    now: DateTime<Utc>,
) -> Result<Claims, ClaimsVerificationError> {
    let verifier = client.id_token_verifier().set_time_fn(move || now);
    id_token.claims(&verifier, nonce).cloned()
}
