//! « Invitation pour le LaMPSS » (inviting an existing contact), the profile and message
//! fields the « avec accès » form shares, the page an invitation link opens, and the
//! development mailbox (« Courriels envoyés »).

use super::api::{
    AcceptInvitation, OidcAcceptInvitation, PostInvitation, invitation_form, open_invitation,
    send_invitation, sent_mail,
};
use super::dto::{
    AcceptError, GrantableProfile, InviteInput, InviteSettings, LinkRefusal, LinkView, MailStatus,
    MailView, confirm_send,
};
use crate::auth::api::available_sign_in;
use crate::auth::dto::SignInMethods;
use crate::contacts::dto::{FormPage, KeptForm};
use crate::contacts::nav::{contact_resource, list_href};
use crate::domain::Localized;
use crate::domain::limits::{EMAIL_MAX, PASSWORD_MAX};
use crate::error::{AppError, Field, FieldError};
use crate::i18n::*;
use crate::resource::resource;
use crate::routes;
use crate::ui::{
    Breadcrumb, ConfirmDialog, ConfirmPage, ErrorNotice, ErrorSummary, FieldErrorText, FieldShell,
    Flash, Notice, PageTitle, Trail, described_by, field_error,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

/// The security-profile checkboxes (only the administrator's modules' profiles enabled) and
/// the extra message of an invitation.
#[component]
pub fn InvitationFields(
    /// The catalogue, each profile marked grantable or not.
    profiles: Vec<GrantableProfile>,
    /// The choices being made.
    draft: RwSignal<InviteInput>,
    /// The errors to show next to the fields.
    #[prop(into)]
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_of = move |field: Field| field_error(i18n, errors, field);
    let profiles_error = error_of(Field::Profiles);
    let message_error = error_of(Field::Message);
    // One group per module, in catalogue order, the modules this administrator may grant
    // first; a group they may not grant from says why once.
    let mut groups: Vec<(String, Localized, bool, Vec<GrantableProfile>)> = Vec::new();
    for profile in profiles {
        match groups.iter_mut().find(|g| g.0 == profile.module_code) {
            Some(group) => group.3.push(profile),
            None => groups.push((
                profile.module_code.clone(),
                profile.module.clone(),
                profile.grantable,
                vec![profile],
            )),
        }
    }
    groups.sort_by_key(|group| !group.2);
    let groups = groups
        .into_iter()
        .map(|(code, module, grantable, profiles)| {
            let why = format!("module-{code}-why");
            let reason = (!grantable).then(|| {
                let module = module.clone();
                view! {
                    <p class="hint" id=why.clone()>
                        {move || {
                            t_string!(
                                i18n,
                                invitations.not_your_module,
                                module = module.get(i18n.get_locale()).to_string()
                            )
                                .to_string()
                        }}
                    </p>
                }
            });
            let choices = profiles
                .into_iter()
                .map(|p| profile_choice(i18n, p, draft, (!grantable).then(|| why.clone())))
                .collect_view();
            view! {
                <fieldset class="module-group" disabled=!grantable>
                    <legend>{move || module.get(i18n.get_locale()).to_string()}</legend>
                    {reason}
                    <ul class="profile-choices">{choices}</ul>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <FieldShell
            field=Field::Message
            label=Signal::derive(move || t_string!(i18n, invitations.message).to_string())
            error=message_error
            required=false
            hint=Some(Signal::derive(move || t_string!(i18n, invitations.message_hint).to_string()))
        >
            <textarea
                id="invitation_message"
                name="message"
                rows="5"
                maxlength=super::dto::MESSAGE_MAX
                aria-invalid=move || message_error.with(Option::is_some).then_some("true")
                aria-describedby=described_by(Field::Message, true, message_error)
                prop:value=move || draft.with(|d| d.message.clone())
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    draft.update(|d| d.message = value);
                }
            >
                // The text the server writes in, before (or without) the WebAssembly.
                {draft.with_untracked(|d| d.message.clone())}
            </textarea>
        </FieldShell>
        <fieldset
            id="profiles"
            tabindex="-1"
            class="profiles"
            class:has-error=move || profiles_error.with(Option::is_some)
            aria-describedby=move || {
                if profiles_error.with(Option::is_some) {
                    "profiles-hint profiles-error"
                } else {
                    "profiles-hint"
                }
            }
        >
            <legend>
                {tr!(i18n, invitations.profiles)} " " {tr!(i18n, common.required)}
            </legend>
            <p class="hint" id="profiles-hint">{tr!(i18n, invitations.profiles_hint)}</p>
            <FieldErrorText field=Field::Profiles error=profiles_error />
            {groups}
        </fieldset>
    }
}

/// One profile's checkbox; `why` names the reason it cannot be chosen, when it cannot.
fn profile_choice(
    i18n: leptos_i18n::I18nContext<Locale>,
    profile: GrantableProfile,
    draft: RwSignal<InviteInput>,
    why: Option<String>,
) -> impl IntoView {
    let id = profile.id;
    let control = format!("profile-{id}");
    let label = profile.label;
    let on_change = move |ev| {
        let checked = event_target_checked(&ev);
        draft.update(|d| {
            d.profiles.retain(|p| *p != id);
            if checked {
                d.profiles.push(id);
            }
        });
    };
    view! {
        <li class="check">
            <input
                type="checkbox"
                id=control.clone()
                name="profiles[]"
                value=id.0
                disabled=!profile.grantable
                aria-describedby=why
                checked=move || draft.with(|d| d.profiles.contains(&id))
                prop:checked=move || draft.with(|d| d.profiles.contains(&id))
                on:change=on_change
            />
            <label for=control>{move || label.get(i18n.get_locale()).to_string()}</label>
        </li>
    }
}

/// « Invitation pour le LaMPSS »: invites an existing contact.
#[component]
pub fn InvitePage() -> impl IntoView {
    let i18n = use_i18n();
    let settings = contact_resource(|id| async move {
        let settings = invitation_form(Some(id)).await?;
        let kept = KeptForm::take(FormPage::Invite(id)).await;
        Ok::<_, AppError>((settings, kept.unwrap_or_default()))
    });
    let back = list_href();
    view! {
        <PageTitle text=move || t_string!(i18n, invitations.invite_title).to_string() />
        <Breadcrumb crumbs=Trail::Invite.crumbs(i18n) />
        <h1>{tr!(i18n, invitations.invite_title)}</h1>
        <Suspense fallback=move || view! { <p>{tr!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok((settings, kept)) => view! { <InviteForm settings back kept /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InviteForm(
    settings: InviteSettings,
    back: Signal<String>,
    /// The form as posted before the WebAssembly had loaded, sent back to be corrected or
    /// confirmed.
    kept: KeptForm,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let Some(invitee) = settings.invitee.clone() else {
        return view! { <ErrorNotice error=AppError::NotFound /> }.into_any();
    };
    let draft = RwSignal::new(kept.invite.unwrap_or_else(|| settings.initial.clone()));
    let errors = RwSignal::new(kept.errors);
    let notice = RwSignal::new(kept.notice);
    let summary_focus = RwSignal::new(0_u32);
    let confirm_open = RwSignal::new(false);
    let grantable = StoredValue::new(settings.grantable());
    let id = invitee.id;
    let name = format!("{} {}", invitee.first_name, invitee.last_name);
    let listed_name = format!("{}, {}", invitee.last_name, invitee.first_name);

    let send = Action::new(move |input: &InviteInput| send_invitation(id, input.clone()));
    Effect::new({
        let listed_name = listed_name.clone();
        move |_| match send.value().get() {
            Some(Ok(())) => {
                Flash::set(Notice::InvitationSent {
                    name: listed_name.clone(),
                });
                navigate(&back.get_untracked(), Default::default());
            }
            Some(Err(AppError::Validation(found))) => {
                errors.set(found);
                summary_focus.update(|n| *n += 1);
            }
            Some(Err(error)) => notice.set(Some(error)),
            None => {}
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if send.pending().get_untracked() {
            return;
        }
        notice.set(None);
        let checked = grantable.with_value(|g| draft.with_untracked(|d| d.parse(g)));
        match checked {
            Ok(_) => {
                errors.set(Vec::new());
                confirm_open.set(true);
            }
            Err(found) => {
                errors.set(found);
                summary_focus.update(|n| *n += 1);
            }
        }
    };
    let valid_until = settings.valid_until.clone();
    let paragraphs = Signal::derive(move || confirm_send(i18n, name.clone(), &valid_until));
    if kept.confirm {
        let mut controls = draft.get_untracked().controls();
        controls.extend([("id", id.to_string()), ("back", back.get_untracked())]);
        return view! { <ConfirmPage paragraphs action=PostInvitation::PATH controls /> }
            .into_any();
    }
    view! {
        {move || notice.get().map(|error| view! { <ErrorNotice error /> })}
        <ErrorSummary errors focus=summary_focus />
        <dl class="invitee">
            <dt>{tr!(i18n, invitations.invitee)}</dt>
            <dd>{listed_name} " — " {invitee.email}</dd>
        </dl>
        {settings
            .reused_from
            .map(|sent| {
                view! {
                    <p class="notice reused">
                        {move || {
                            t_string!(
                                i18n,
                                invitations.reused_expired,
                                date = sent.get(i18n.get_locale()).to_string()
                            )
                                .to_string()
                        }}
                    </p>
                }
            })}
        <form class="details-form" novalidate method="post" action=PostInvitation::PATH on:submit=on_submit>
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="back" value=move || back.get() />
            <InvitationFields profiles=settings.profiles draft errors />
            <div class="actions">
                <button type="submit" class="primary" disabled=move || send.pending().get()>
                    {move || if send.pending().get() {
                        t_string!(i18n, invitations.sending).to_string()
                    } else {
                        t_string!(i18n, invitations.send).to_string()
                    }}
                </button>
                <a class="button" href=move || back.get()>{tr!(i18n, common.cancel)}</a>
            </div>
        </form>
        <ConfirmDialog
            open=confirm_open
            paragraphs
            on_confirm=Callback::new(move |_| {
                send.dispatch(draft.get_untracked());
            })
        />
    }
    .into_any()
}

/// The page an invitation link opens (`/invitation/<token>`): who invites whom, then accept
/// as the signed-in account, by signing in, or by opening an account.
#[component]
pub fn AcceptPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let link = resource(move || token.get(), open_invitation);
    let methods = resource(|| (), |_| available_sign_in());
    let error = move || {
        let code = query.with(|q| q.get("error").unwrap_or_default());
        AcceptError::from_code(&code).map(|error| {
            match error {
                AcceptError::Invalid => t_string!(i18n, invitations.err_invalid),
                AcceptError::MustWait => t_string!(i18n, auth.must_wait),
                AcceptError::ShortPassword => t_string!(i18n, invitations.err_short_password),
                AcceptError::AccountExists => t_string!(i18n, invitations.err_account_exists),
                AcceptError::AlreadyMember => t_string!(i18n, invitations.err_already_member),
                AcceptError::Disabled => t_string!(i18n, invitations.err_disabled),
                AcceptError::Unavailable => t_string!(i18n, auth.unavailable),
                AcceptError::Cancelled => t_string!(i18n, auth.cancelled),
                AcceptError::Failed => t_string!(i18n, auth.failed),
            }
            .to_string()
        })
    };
    view! {
        <PageTitle text=move || t_string!(i18n, invitations.accept_title).to_string() />
        <Suspense fallback=move || view! { <p>{tr!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let methods = methods.await.unwrap_or_default();
                match link.await {
                    Ok(LinkView::Valid {
                        organization,
                        first_name,
                        last_name,
                        email,
                        sender,
                        valid_until,
                        signed_in_as,
                    }) => {
                        let token = token.get_untracked();
                        let invited = email.clone();
                        view! {
                            <section class="accept">
                                <h1>{tr!(i18n, invitations.accept_title)}</h1>
                                <p>
                                    {move || {
                                        t_string!(
                                            i18n,
                                            invitations.accept_intro,
                                            sender = sender.clone(),
                                            org = organization.clone()
                                        )
                                            .to_string()
                                    }}
                                </p>
                                <p>
                                    {move || {
                                        t_string!(
                                            i18n,
                                            invitations.accept_for,
                                            name = format!("{first_name} {last_name}"),
                                            email = email.clone()
                                        )
                                            .to_string()
                                    }}
                                </p>
                                <p>
                                    {move || {
                                        t_string!(
                                            i18n,
                                            invitations.accept_valid,
                                            date = valid_until.get(i18n.get_locale()).to_string()
                                        )
                                            .to_string()
                                    }}
                                </p>
                                {move || {
                                    error()
                                        .map(|message| {
                                            view! {
                                                <div class="notice notice-error" role="alert" id="accept-error">
                                                    <p>{message}</p>
                                                </div>
                                            }
                                        })
                                }}
                                <AcceptForms token invited signed_in_as methods />
                            </section>
                        }
                            .into_any()
                    }
                    Ok(LinkView::Refused(refusal)) => view! { <RefusedLink refusal /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The ways to accept: as the account signed in here, with Mon dossier N.-É. (OpenID Connect),
/// or in development with the demo identity provider.
#[component]
fn AcceptForms(
    token: String,
    /// The address the invitation was sent to, which a new account is opened for.
    invited: String,
    signed_in_as: Option<String>,
    methods: SignInMethods,
) -> impl IntoView {
    let i18n = use_i18n();
    let as_signed_in = signed_in_as.map(|login| {
        view! {
            <form method="post" action=AcceptInvitation::PATH class="stack">
                <input type="hidden" name="token" value=token.clone() />
                <p>
                    {move || t_string!(i18n, invitations.accept_as, login = login.clone()).to_string()}
                </p>
                <button type="submit" class="primary">{tr!(i18n, invitations.accept_button)}</button>
            </form>
        }
    });
    let provider = methods.provider.then(|| {
        view! {
            <form method="post" action=OidcAcceptInvitation::PATH class="stack">
                <input type="hidden" name="token" value=token.clone() />
                <button type="submit" class="primary">{tr!(i18n, invitations.provider_accept)}</button>
            </form>
        }
    });
    let signing_in_email = methods.typed_email;
    let demo = methods.demo.then(|| view! {
        {methods.provider.then(|| view! { <h2 class="demo-heading">{tr!(i18n, invitations.demo_heading)}</h2> })}
        <div class="accept-ways">
            <form method="post" action=AcceptInvitation::PATH class="stack" aria-labelledby="sign-in-heading">
                <h2 id="sign-in-heading">{tr!(i18n, invitations.sign_in_heading)}</h2>
                <input type="hidden" name="token" value=token.clone() />
                <div class="field">
                    <label for="accept-email">{tr!(i18n, auth.email)}</label>
                    <input id="accept-email" name="email" value=signing_in_email type="email" autocomplete="username" required maxlength=EMAIL_MAX />
                </div>
                <div class="field">
                    <label for="accept-password">{tr!(i18n, auth.password)}</label>
                    <input id="accept-password" name="password" type="password" autocomplete="current-password" required maxlength=PASSWORD_MAX />
                </div>
                <button type="submit" class="primary">{tr!(i18n, invitations.sign_in_accept)}</button>
            </form>
            <form method="post" action=AcceptInvitation::PATH class="stack" aria-labelledby="new-account-heading">
                <h2 id="new-account-heading">{tr!(i18n, invitations.new_account_heading)}</h2>
                <input type="hidden" name="token" value=token />
                <input type="hidden" name="new_account" value="1" />
                <div class="field">
                    <label for="new-email">{tr!(i18n, auth.email)}</label>
                    <input id="new-email" value=invited type="email" autocomplete="username" readonly aria-describedby="new-email-hint" />
                    <p class="hint" id="new-email-hint">{tr!(i18n, invitations.new_account_email)}</p>
                </div>
                <div class="field">
                    <label for="new-password">{tr!(i18n, invitations.new_password)}</label>
                    <input id="new-password" name="password" type="password" autocomplete="new-password" required minlength="8" maxlength=PASSWORD_MAX />
                </div>
                <button type="submit">{tr!(i18n, invitations.new_account_accept)}</button>
            </form>
        </div>
    });
    view! {
        {as_signed_in}
        {provider}
        {demo}
    }
}

/// One clear page for a link that does not work, saying why.
#[component]
fn RefusedLink(refusal: LinkRefusal) -> impl IntoView {
    let i18n = use_i18n();
    let reason = move || match refusal {
        LinkRefusal::Unknown => t_string!(i18n, invitations.refused_unknown),
        LinkRefusal::Expired => t_string!(i18n, invitations.refused_expired),
        LinkRefusal::Retracted => t_string!(i18n, invitations.refused_retracted),
        LinkRefusal::Used => t_string!(i18n, invitations.refused_used),
        LinkRefusal::SenderCannotGrant => t_string!(i18n, invitations.refused_sender_cannot_grant),
    };
    view! {
        <section class="accept">
            <h1>{tr!(i18n, invitations.refused_title)}</h1>
            <div class="notice notice-error" role="alert">
                <p>{reason}</p>
            </div>
            <p><a href=routes::LOGIN>{tr!(i18n, invitations.sign_in_link)}</a></p>
        </section>
    }
}

/// « Courriels envoyés »: the development mailbox.
#[component]
pub fn MailboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let mail = resource(|| (), |_| sent_mail());
    view! {
        <PageTitle text=move || t_string!(i18n, invitations.mailbox_title).to_string() />
        <h1>{tr!(i18n, invitations.mailbox_title)}</h1>
        <p>{tr!(i18n, invitations.mailbox_intro)}</p>
        <Suspense fallback=move || view! { <p>{tr!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match mail.await {
                    Ok(messages) if messages.is_empty() => {
                        view! { <p>{tr!(i18n, invitations.mailbox_empty)}</p> }.into_any()
                    }
                    Ok(messages) => {
                        view! {
                            <ol class="mailbox">
                                {messages.into_iter().map(|m| view! { <MailItem mail=m /> }).collect_view()}
                            </ol>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MailItem(mail: MailView) -> impl IntoView {
    let i18n = use_i18n();
    let MailView {
        id,
        to,
        subject,
        text,
        link,
        status,
        created,
    } = mail;
    let heading = format!("mail-{id}");
    let heading_id = heading.clone();
    let status_text = move || match status {
        MailStatus::Sent => t_string!(i18n, invitations.mail_status_sent),
        MailStatus::Failed => t_string!(i18n, invitations.mail_status_failed),
        MailStatus::Pending => t_string!(i18n, invitations.mail_status_pending),
    };
    view! {
        <li>
            <article class="mail" aria-labelledby=heading>
                <h2 id=heading_id>{subject}</h2>
                <p class="mail-meta">
                    {move || t_string!(i18n, invitations.mail_to, to = to.clone()).to_string()}
                    " · "
                    {move || created.get(i18n.get_locale()).to_string()}
                    " · "
                    {status_text}
                </p>
                {link.map(|href| view! { <p><a href=href>{tr!(i18n, invitations.mail_open_link)}</a></p> })}
                <pre class="mail-body">{text}</pre>
            </article>
        </li>
    }
}
