//! The modal confirmation.

use crate::i18n::*;
use leptos::prelude::*;

/// The attribute that marks the element to focus again when a dialog closes.
const OPENER_MARK: &str = "data-dialog-opener";

/// A modal confirmation (native `<dialog>`): OK runs `on_confirm`, Annuler and Esc close it
/// with nothing done. It opens with the focus on Annuler, the choice that does nothing; focus
/// stays inside while it is open and returns where it was after.
#[component]
pub fn ConfirmDialog(
    /// Opens and closes the dialog.
    open: RwSignal<bool>,
    /// The question, one paragraph each.
    #[prop(into)]
    paragraphs: Signal<Vec<String>>,
    /// Runs when the user clicks OK.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<leptos::html::Dialog>::new();
    Effect::watch(
        move || open.get(),
        move |is_open, _, _| {
            let Some(dialog) = node.get_untracked() else {
                return;
            };
            if *is_open && !dialog.open() {
                // Marks where the focus was, to give it back on closing (an attribute rather
                // than a stored element, which could not live in the server's views).
                if let Some(active) = document().active_element() {
                    let _ = active.set_attribute(OPENER_MARK, "");
                }
                let _ = dialog.show_modal();
            } else if !*is_open && dialog.open() {
                dialog.close();
            }
        },
        false,
    );
    // Closed by Esc, by a button or by code: the state follows, and the focus goes back.
    let on_close = move |_| {
        open.set(false);
        let selector = format!("[{OPENER_MARK}]");
        if let Ok(Some(opener)) = document().query_selector(&selector) {
            let _ = opener.remove_attribute(OPENER_MARK);
            if let Ok(opener) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(opener) {
                let _ = opener.focus();
            }
        }
    };
    view! {
        <dialog
            node_ref=node
            class="confirm"
            aria-labelledby="confirm-title"
            aria-describedby="confirm-text"
            on:close=on_close
        >
            <h2 id="confirm-title">{tr!(i18n, contacts.confirm_title)}</h2>
            // A space after each paragraph, so that the text reads as one (« …2026. Cliquez… »)
            // where it is taken whole.
            <div id="confirm-text">
                {move || {
                    paragraphs.get().into_iter().map(|p| view! { <p>{p}</p> " " }).collect_view()
                }}
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="primary"
                    on:click=move |_| {
                        open.set(false);
                        on_confirm.run(());
                    }
                >
                    {tr!(i18n, common.ok)}
                </button>
                // The dialog opens on Annuler, so that Enter does not confirm at once.
                <button type="button" autofocus on:click=move |_| open.set(false)>
                    {tr!(i18n, common.cancel)}
                </button>
            </div>
        </dialog>
    }
}

/// The question a [`ConfirmDialog`] asks, as a page of its own for a form posted before the
/// WebAssembly had loaded: OK posts the form's `controls` again to `action` with
/// `confirmed`, Annuler with `cancel` (back to the form, as typed).
#[component]
pub fn ConfirmPage(
    /// The question, one paragraph each.
    #[prop(into)]
    paragraphs: Signal<Vec<String>>,
    /// Where the form posts.
    action: &'static str,
    /// The form's controls, each as (name, value).
    controls: Vec<(&'static str, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dialog open class="confirm confirm-page" aria-labelledby="confirm-title" aria-describedby="confirm-text">
            <h2 id="confirm-title">{tr!(i18n, contacts.confirm_title)}</h2>
            <div id="confirm-text">
                {move || {
                    paragraphs.get().into_iter().map(|p| view! { <p>{p}</p> " " }).collect_view()
                }}
            </div>
            <form method="post" action=action class="actions">
                {controls
                    .into_iter()
                    .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
                    .collect_view()}
                <button type="submit" class="primary" name="confirmed" value="1">
                    {tr!(i18n, common.ok)}
                </button>
                <button type="submit" name="cancel" value="1" autofocus>
                    {tr!(i18n, common.cancel)}
                </button>
            </form>
        </dialog>
    }
}
