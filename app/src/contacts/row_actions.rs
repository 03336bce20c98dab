//! What an administrator does from a row of the list (retract an invitation, remove access),
//! after confirming.

use super::api::{remove_access, retract_invitation};
use crate::domain::ContactId;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{ConfirmDialog, ErrorNotice};
use leptos::prelude::*;

/// What an administrator can do from a row, after confirming.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowAction {
    /// « Invitation au LaMPSS retirée ».
    Retract { id: ContactId, name: String },
    /// « Supprimer l'accès au LaMPSS ».
    RemoveAccess { id: ContactId, name: String },
}

/// The row actions' state, kept by the page so that it outlives the list's reloads: the
/// action waiting for confirmation, the confirmation dialog, and the last outcome.
#[derive(Clone, Copy)]
pub struct RowActions {
    pending: RwSignal<Option<RowAction>>,
    open: RwSignal<bool>,
    outcome: RwSignal<Option<Result<RowAction, AppError>>>,
    run: Action<RowAction, Result<RowAction, AppError>>,
}

impl RowActions {
    /// `changed` is bumped after each action that succeeded, to reload the list.
    pub fn new(changed: RwSignal<u32>) -> Self {
        let outcome = RwSignal::new(None);
        let run = Action::new(move |action: &RowAction| {
            let action = action.clone();
            async move {
                let result = match &action {
                    RowAction::Retract { id, .. } => {
                        retract_invitation(*id, String::new(), String::new()).await
                    }
                    RowAction::RemoveAccess { id, .. } => {
                        remove_access(*id, String::new(), String::new()).await
                    }
                };
                result.map(|_| action)
            }
        });
        Effect::new(move |_| {
            if let Some(result) = run.value().get() {
                if result.is_ok() {
                    changed.update(|n| *n += 1);
                }
                outcome.set(Some(result));
            }
        });
        Self {
            pending: RwSignal::new(None),
            open: RwSignal::new(false),
            outcome,
            run,
        }
    }

    /// Asks the user to confirm `action`.
    pub fn ask(self, action: RowAction) {
        self.outcome.set(None);
        self.pending.set(Some(action));
        self.open.set(true);
    }
}

/// The confirmation dialog of the row actions and what came of the last one.
#[component]
pub fn RowActionsView(
    /// The page's row actions.
    actions: RowActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let questions = Signal::derive(move || {
        let Some(action) = actions.pending.get() else {
            return Vec::new();
        };
        let question = match action {
            RowAction::Retract { name, .. } => {
                t_string!(i18n, contacts.confirm_retract, name = name).to_string()
            }
            RowAction::RemoveAccess { name, .. } => {
                t_string!(i18n, contacts.confirm_remove_access, name = name).to_string()
            }
        };
        vec![
            question,
            t_string!(i18n, contacts.confirm_continue).to_string(),
        ]
    });
    let on_confirm = Callback::new(move |_| {
        if let Some(action) = actions.pending.get_untracked() {
            actions.run.dispatch(action);
        }
    });
    let done = move || match actions.outcome.get() {
        Some(Ok(RowAction::Retract { name, .. })) => {
            Some(t_string!(i18n, contacts.retracted_done, name = name).to_string())
        }
        Some(Ok(RowAction::RemoveAccess { name, .. })) => {
            Some(t_string!(i18n, contacts.access_removed_done, name = name).to_string())
        }
        _ => None,
    };
    // Once the action is done, the focus goes to what came of it: the row's button it left
    // from is gone with the list's reload.
    let outcome_node = NodeRef::<leptos::html::Div>::new();
    Effect::watch(
        move || actions.outcome.with(Option::is_some),
        move |done, _, _| {
            if *done && let Some(node) = outcome_node.get_untracked() {
                let _ = node.focus();
            }
        },
        false,
    );
    view! {
        <div class="action-outcome" tabindex="-1" node_ref=outcome_node>
            <div role="status">
                {move || done().map(|text| view! { <p class="notice">{text}</p> })}
            </div>
            {move || match actions.outcome.get() {
                Some(Err(error)) => Some(view! { <ErrorNotice error /> }),
                _ => None,
            }}
        </div>
        <ConfirmDialog open=actions.open paragraphs=questions on_confirm />
    }
}
