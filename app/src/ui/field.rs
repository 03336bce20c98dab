//! Form fields: the shell every field shares (box, label, hint, error) and the text and
//! select fields built on it.

use crate::error::Field;
use crate::i18n::*;
use leptos::prelude::*;

/// The error under a field, prefixed for screen readers.
#[component]
pub fn FieldErrorText(
    /// The field it belongs to (names the element `<id>-error`).
    field: Field,
    /// The message, when there is an error.
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{}-error", field.control_id());
    move || {
        error.get().map(|message| {
            view! {
                <p class="field-error" id=id.clone()>
                    <span class="visually-hidden">{tr!(i18n, common.error_prefix)} " "</span>
                    {message}
                </p>
            }
        })
    }
}

pub fn described_by(
    field: Field,
    hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> String {
    move || {
        let id = field.control_id();
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{id}-hint"));
        }
        if error.with(Option::is_some) {
            ids.push(format!("{id}-error"));
        }
        ids.join(" ")
    }
}

fn label_text(
    i18n: leptos_i18n::I18nContext<Locale>,
    label: Signal<String>,
    required: bool,
) -> impl Fn() -> String {
    move || {
        if required {
            format!("{} {}", label.get(), t_string!(i18n, common.required))
        } else {
            label.get()
        }
    }
}

/// What every field of the form shares around its control: the box (marked while the field
/// is in error), the label (« (obligatoire) » added when required), the hint and the error.
#[component]
pub fn FieldShell(
    /// Which field (the label points at its control id).
    field: Field,
    /// The visible label.
    label: Signal<String>,
    /// The field's error message, if any.
    error: Signal<Option<String>>,
    required: bool,
    /// Help shown under the label (its id is `<control id>-hint`).
    hint: Option<Signal<String>>,
    /// The control.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = field.control_id();
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id>{label_text(i18n, label, required)}</label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
            <FieldErrorText field error />
            {children()}
        </div>
    }
}

/// A labelled text input with its hint and error.
#[component]
pub fn TextField(
    /// Which field (its control id).
    field: Field,
    /// The visible label.
    label: Signal<String>,
    /// The current text.
    value: Signal<String>,
    /// Each keystroke.
    on_input: Callback<String>,
    /// The user left the field after changing it.
    on_change: Callback<()>,
    /// The field's error message, if any.
    error: Signal<Option<String>>,
    #[prop(optional)] required: bool,
    /// The input type; text by default.
    #[prop(optional)]
    kind: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// Help shown under the label.
    #[prop(optional)]
    hint: Option<Signal<String>>,
) -> impl IntoView {
    let id = field.control_id();
    let has_hint = hint.is_some();
    view! {
        <FieldShell field label error required hint>
            <input
                id=id
                name=id
                type=kind.unwrap_or("text")
                autocomplete=autocomplete.unwrap_or("off")
                inputmode=inputmode
                aria-required=required.then_some("true")
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by(field, has_hint, error)
                value=value
                prop:value=value
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:change=move |_| on_change.run(())
            />
        </FieldShell>
    }
}

/// A labelled select with « - Choisir - » first, and its error.
#[component]
pub fn SelectField(
    /// Which field (its control id).
    field: Field,
    /// The visible label.
    label: Signal<String>,
    /// The selected value.
    value: Signal<String>,
    /// A new choice.
    on_input: Callback<String>,
    /// The user made a choice.
    on_change: Callback<()>,
    /// The field's error message, if any.
    error: Signal<Option<String>>,
    #[prop(optional)] required: bool,
    /// (value, label) pairs.
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = field.control_id();
    view! {
        <FieldShell field label error required hint=None>
            <select
                id=id
                name=id
                aria-required=required.then_some("true")
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by(field, false, error)
                prop:value=value
                on:change=move |ev| {
                    on_input.run(event_target_value(&ev));
                    on_change.run(());
                }
            >
                <option value="">{tr!(i18n, common.choose)}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(code, name)| {
                            let selected = {
                                let code = code.clone();
                                move || value.with(|v| *v == code)
                            };
                            view! { <option value=code selected=selected>{name}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </FieldShell>
    }
}
