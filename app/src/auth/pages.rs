//! The sign-in page, the user's home page (the organisations the account acts for), and the
//! header that says who is signed in.

use super::api::{
    OidcSignIn, SignIn, SignOut, SwitchOrganization, available_sign_in, current_session,
};
use super::dto::{SessionView, SignInError, SignInMethods};
use crate::domain::limits::{EMAIL_MAX, PASSWORD_MAX};
use crate::error::AppError;
use crate::i18n::*;
use crate::resource::{Json, resource};
use crate::routes;
use crate::ui::{Breadcrumb, ErrorNotice, PageTitle, Trail};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// The session, shared by the header and the pages (one request per page load).
#[derive(Clone, Copy)]
pub struct SessionResource(pub Resource<Result<Option<SessionView>, AppError>, Json>);

/// Makes the session available to the header and every page.
pub fn provide_session() {
    provide_context(SessionResource(resource(|| (), |_| current_session())));
}

fn use_session() -> SessionResource {
    expect_context::<SessionResource>()
}

/// The top of every page: the portal's name, the language switch, and when signed in the
/// banner, the organisation selector and sign-out.
#[component]
pub fn SessionHeader() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <header class="site-header">
            <div class="brand">
                <a href=routes::HOME class="brand-name">
                    {tr!(i18n, common.portal)}
                </a>
                <span class="brand-long">{tr!(i18n, common.portal_long)}</span>
            </div>
            <LanguageSwitch />
            <Suspense>
                {move || Suspend::new(async move {
                    session.0.await.ok().flatten().map(|s| view! { <SessionBar session=s /> })
                })}
            </Suspense>
        </header>
    }
}

/// Switches every label between French and English, without reloading or losing the page's
/// state; the choice is kept in a cookie.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || match i18n.get_locale() {
        Locale::fr => Locale::en,
        Locale::en => Locale::fr,
    };
    view! {
        <button
            type="button"
            class="language-switch"
            lang=move || other().as_str()
            on:click=move |_| {
                let locale = other();
                i18n.set_locale(locale);
                remember_locale(locale);
            }
        >
            {tr!(i18n, common.switch_language)}
        </button>
    }
}

/// The cookie that keeps the language choice; the server renders every page in it.
pub const LANGUAGE_COOKIE: &str = "i18n_pref_locale";

/// Keeps the language choice for a year, for the whole site (not just the page's path), and
/// over HTTPS only when the site is served over HTTPS.
fn remember_locale(locale: Locale) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let https = window().location().protocol().is_ok_and(|p| p == "https:");
        let cookie = format!(
            "{LANGUAGE_COOKIE}={}; Path=/; Max-Age={}; SameSite=Lax{}",
            locale.as_str(),
            365 * 24 * 3600,
            if https { "; Secure" } else { "" }
        );
        if let Ok(document) = document().dyn_into::<web_sys::HtmlDocument>() {
            let _ = document.set_cookie(&cookie);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = locale;
}

#[component]
fn SessionBar(session: SessionView) -> impl IntoView {
    let i18n = use_i18n();
    let SessionView {
        login,
        organization,
        organizations,
        ..
    } = session;
    let org_name = organization.name.clone();
    let several = organizations.len() > 1;
    view! {
        <div class="session-bar">
            <p class="banner">
                {t!(i18n, common.banner, login = login.clone(), org = org_name.clone())}
            </p>
            {several
                .then(|| {
                    view! {
                        <form method="post" action=SwitchOrganization::PATH class="org-switch">
                            <label for="organization-select">{tr!(i18n, common.acting_for)}</label>
                            <select id="organization-select" name="organization_id">
                                {organizations
                                    .into_iter()
                                    .map(|o| {
                                        view! {
                                            <option
                                                value=o.id.to_string()
                                                selected=o.id == organization.id
                                            >
                                                {o.name}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <button type="submit">{tr!(i18n, common.change_org)}</button>
                        </form>
                    }
                })}
            <form method="post" action=SignOut::PATH class="sign-out">
                <button type="submit">{tr!(i18n, common.sign_out)}</button>
            </form>
        </div>
    }
}

/// The sign-in page: « Ouvrir une session avec Mon dossier N.-É. » when the OpenID provider
/// is configured, and in development the demo identity provider's form. Errors come back in
/// the query (`?error=…`), so both are plain POST forms that work before the WebAssembly has
/// loaded.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |key: &str| query.with(|q| q.get(key).unwrap_or_default());
    let error = move || {
        SignInError::from_code(&param("error")).map(|error| {
            match error {
                SignInError::Invalid => t_string!(i18n, auth.invalid),
                SignInError::MustWait => t_string!(i18n, auth.must_wait),
                SignInError::NoOrganization => t_string!(i18n, auth.no_organization),
                SignInError::Disabled => t_string!(i18n, auth.disabled),
                SignInError::Unavailable => t_string!(i18n, auth.unavailable),
                SignInError::Cancelled => t_string!(i18n, auth.cancelled),
                SignInError::Failed => t_string!(i18n, auth.failed),
            }
            .to_string()
        })
    };
    let signed_out = move || !param("signed_out").is_empty();
    let methods = resource(|| (), |_| available_sign_in());
    view! {
        <PageTitle text=move || t_string!(i18n, auth.title).to_string() />
        <section class="login">
            <h1>{tr!(i18n, auth.title)}</h1>
            <p class="provider">{tr!(i18n, auth.provider)}</p>
            <p>{tr!(i18n, auth.intro)}</p>
            {move || {
                error()
                    .map(|message| {
                        view! {
                            <div class="notice notice-error" role="alert" id="login-error">
                                <p>{message}</p>
                            </div>
                        }
                    })
            }}
            {move || {
                signed_out()
                    .then(|| {
                        view! {
                            <div class="notice" role="status">
                                <p>{tr!(i18n, auth.signed_out)}</p>
                            </div>
                        }
                    })
            }}
            <Suspense>
                {move || Suspend::new(async move {
                    match methods.await {
                        Ok(methods) => {
                            let removed = methods.access_removed_from.clone().map(|organization| {
                                view! {
                                    <div class="notice" role="status">
                                        <p>
                                            {move || {
                                                t_string!(i18n, common.error_access_removed, org = organization.clone())
                                                    .to_string()
                                            }}
                                        </p>
                                    </div>
                                }
                            });
                            view! {
                                {removed}
                                <SignInForms methods next=Signal::derive(move || param("next")) has_error=Signal::derive(move || error().is_some()) />
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn SignInForms(
    methods: SignInMethods,
    next: Signal<String>,
    has_error: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let provider = methods.provider.then(|| {
        view! {
            <form method="post" action=OidcSignIn::PATH class="stack">
                <input type="hidden" name="next" value=next />
                <button type="submit" class="primary">
                    {tr!(i18n, auth.provider_submit)}
                </button>
            </form>
        }
    });
    let typed_email = methods.typed_email;
    let demo = methods.demo.then(|| {
        let heading = methods.provider.then(|| {
            view! {
                <h2 id="demo-heading">{tr!(i18n, auth.demo_heading)}</h2>
                <p>{tr!(i18n, auth.demo_intro)}</p>
            }
        });
        view! {
            <div class="demo-sign-in">
                {heading}
                <form method="post" action=SignIn::PATH class="stack">
                    <input type="hidden" name="next" value=next />
                    <div class="field">
                        <label for="login-email">{tr!(i18n, auth.email)}</label>
                        <input
                            id="login-email"
                            name="email"
                            value=typed_email
                            type="email"
                            autocomplete="username"
                            required
                            maxlength=EMAIL_MAX
                            aria-describedby=move || has_error.get().then_some("login-error")
                        />
                    </div>
                    <div class="field">
                        <label for="login-password">{tr!(i18n, auth.password)}</label>
                        <input
                            id="login-password"
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            required
                            maxlength=PASSWORD_MAX
                        />
                    </div>
                    <button type="submit" class=if methods.provider { "" } else { "primary" }>
                        {tr!(i18n, auth.submit)}
                    </button>
                </form>
            </div>
        }
    });
    view! {
        {provider}
        {demo}
    }
}

/// The user's home page: the organisations the account acts for, and acting for another.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let crumbs = Trail::Home.crumbs(i18n);
    view! {
        <PageTitle text=move || t_string!(i18n, auth.home_title).to_string() />
        <Breadcrumb crumbs />
        <h1>{tr!(i18n, auth.home_title)}</h1>
        <Suspense fallback=move || view! { <p>{tr!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match session.0.await {
                    Ok(Some(s)) => view! { <OrganizationList session=s /> }.into_any(),
                    Ok(None) => {
                        view! { <ErrorNotice error=crate::error::AppError::Unauthorized /> }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrganizationList(session: SessionView) -> impl IntoView {
    let i18n = use_i18n();
    let current = session.organization.id;
    view! {
        <p>{tr!(i18n, auth.home_intro)}</p>
        <ul class="organizations">
            {session
                .organizations
                .into_iter()
                .map(|o| {
                    let name = o.name.clone();
                    if o.id == current {
                        view! {
                            <li>
                                <strong>{o.name}</strong>
                                " — "
                                {tr!(i18n, auth.current)}
                                " · "
                                <a href=routes::ORGANIZATION>{tr!(i18n, auth.open_org)}</a>
                            </li>
                        }
                            .into_any()
                    } else {
                        view! {
                            <li>
                                <form method="post" action=SwitchOrganization::PATH>
                                    <input
                                        type="hidden"
                                        name="organization_id"
                                        value=o.id.to_string()
                                    />
                                    <button type="submit">
                                        {t!(i18n, auth.act_for, org = name.clone())}
                                    </button>
                                </form>
                            </li>
                        }
                            .into_any()
                    }
                })
                .collect_view()}
        </ul>
    }
}
