//! What every page has: its title, the skip link, the routing notice, the message carried
//! to the next page, and the page for an unknown path.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use serde::{Deserialize, Serialize};

/// What a change just did, said on the page it leads to (« saved », « sent »…) in that page's
/// language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    /// A contact's details were saved; `name` is « Nom, Prénom ».
    Saved {
        name: String,
    },
    /// Saved, and the new email retracted the pending invitation.
    SavedInvitationRetracted {
        name: String,
    },
    /// An invitation went out (with a new contact, or to an existing one).
    InvitationSent {
        name: String,
    },
    InvitationResent {
        name: String,
    },
    InvitationRetracted {
        name: String,
    },
    AccessRemoved {
        name: String,
    },
    /// The change was refused, and why.
    Refused {
        error: crate::error::AppError,
    },
}

impl Notice {
    pub fn text(&self, i18n: I18nContext<Locale>) -> String {
        match self.clone() {
            Notice::Saved { name } => t_string!(i18n, contacts.saved, name = name),
            Notice::SavedInvitationRetracted { name } => {
                t_string!(i18n, contacts.saved_invitation_retracted, name = name)
            }
            Notice::InvitationSent { name } => t_string!(i18n, invitations.sent, name = name),
            Notice::InvitationResent { name } => {
                t_string!(i18n, invitations.resent, name = name)
            }
            Notice::InvitationRetracted { name } => {
                t_string!(i18n, contacts.retracted_done, name = name)
            }
            Notice::AccessRemoved { name } => {
                t_string!(i18n, contacts.access_removed_done, name = name)
            }
            Notice::Refused { error } => return super::errors::error_message(i18n, &error),
        }
        .to_string()
    }
}

/// A message for the next page, e.g. « saved » after a form returns to the list. Provided
/// once by the app; the page that shows it takes it.
#[derive(Clone, Copy)]
pub struct Flash(pub RwSignal<Option<Notice>>);

impl Flash {
    pub fn provide() {
        provide_context(Flash(RwSignal::new(None)));
    }

    pub fn set(notice: Notice) {
        if let Some(flash) = use_context::<Flash>() {
            flash.0.set(Some(notice));
        }
    }

    /// The waiting message, if any, which is then gone.
    pub fn take() -> Option<Notice> {
        use_context::<Flash>().and_then(|flash| flash.0.try_update(Option::take).flatten())
    }

    /// The message a form posted before the WebAssembly had loaded left for the page the
    /// browser was sent to (kept in the session), which is then gone. Such a post always
    /// leads to a page rendered by the server: in the browser there is none to take.
    pub async fn take_kept() -> Option<Notice> {
        #[cfg(feature = "ssr")]
        {
            crate::server::take(crate::server::NOTICE_KEY)
                .await
                .ok()
                .flatten()
        }
        #[cfg(not(feature = "ssr"))]
        {
            None
        }
    }
}

/// The first stop of the keyboard: straight to the page's content.
#[component]
pub fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">
            {tr!(i18n, common.skip_to_content)}
        </a>
    }
}

/// Says that the next page is on its way while the router loads its code and data (a page's
/// code is fetched the first time it is shown).
#[component]
pub fn RoutingStatus(is_routing: ReadSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="routing-status" role="status">
            {move || {
                is_routing.get().then(|| view! { <span>{tr!(i18n, common.loading)}</span> })
            }}
        </div>
    }
}

/// The document's title, « page — LaMPSS ». The server writes it into the page's head
/// (leptos_meta's `<Title>`); the browser then keeps it up to date itself, for the language
/// switch and the pages it opens. leptos_meta's `<Title>` would also do that, but while it
/// hydrates it first sets the title of an empty list of texts, and the tab shows no title until
/// the page's code has run.
#[component]
pub fn PageTitle(
    /// The page's name.
    #[prop(into)]
    text: TextProp,
) -> impl IntoView {
    let title = move || format!("{} — LaMPSS", text.get());
    // Called on the server, `Title` hands the text to the page's head at once; what it returns
    // renders nothing. Both sides render nothing here, so hydration finds what it expects. The
    // server's text is read now, as a plain string: the head is written after the page has
    // rendered, and nothing reactive should have to outlive the render for it.
    #[cfg(feature = "ssr")]
    let _ = leptos_meta::Title(leptos_meta::TitleProps::builder().text(title()).build());
    #[cfg(not(feature = "ssr"))]
    Effect::new(move |_| document().set_title(&title()));
}

/// The page shown for an unknown path.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, common.not_found_title).to_string() />
        <h1>{tr!(i18n, common.not_found_title)}</h1>
        <p>{tr!(i18n, common.not_found_text)}</p>
        <p>
            <a href=crate::routes::HOME>{tr!(i18n, common.back_home)}</a>
        </p>
    }
}
