//! What a person types, checks or selects before the page has hydrated. The server's form
//! takes it at once, but hydration then sets each control to its component's state, which
//! knows nothing of it. So from the moment the WebAssembly starts, the controls the person
//! has changed (their value differs from the one the server sent) are noted, and then every
//! change until hydration ends; once hydrated, each one is given its value back and told so
//! with the event its handlers listen to (`input` for text, `change` for boxes and lists),
//! and the state holds what the person sees. One mechanism for every form.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{
    Document, Element, Event, EventInit, HtmlInputElement, HtmlOptionElement, HtmlSelectElement,
    HtmlTextAreaElement,
};

/// A control's value as the person left it.
enum Value {
    Text(String),
    Checked(bool),
    Selected(String),
}

/// The controls changed before hydration, and the listener that notes them.
pub struct EarlyInput {
    changed: Rc<RefCell<Vec<(Element, Value)>>>,
    listener: Closure<dyn FnMut(Event)>,
}

const EVENTS: [&str; 2] = ["input", "change"];

impl EarlyInput {
    /// Notes the controls already changed, then each further change.
    pub fn watch(document: &Document) -> Self {
        let changed = Rc::new(RefCell::new(Vec::new()));
        if let Ok(controls) = document.query_selector_all("input, select, textarea") {
            for i in 0..controls.length() {
                if let Some(el) = controls.item(i).and_then(|n| n.dyn_into::<Element>().ok())
                    && changed_by_person(&el)
                    && let Some(value) = value_of(&el)
                {
                    changed.borrow_mut().push((el, value));
                }
            }
        }
        let listener = Closure::<dyn FnMut(Event)>::new({
            let changed = changed.clone();
            move |ev: Event| {
                if let Some(el) = ev.target().and_then(|t| t.dyn_into::<Element>().ok())
                    && let Some(value) = value_of(&el)
                {
                    let mut changed = changed.borrow_mut();
                    changed.retain(|(noted, _)| noted != &el);
                    changed.push((el, value));
                }
            }
        });
        for kind in EVENTS {
            let _ = document.add_event_listener_with_callback_and_bool(
                kind,
                listener.as_ref().unchecked_ref(),
                true,
            );
        }
        Self { changed, listener }
    }

    /// Stops noting, and gives each control noted its value back.
    pub fn restore(self, document: &Document) {
        for kind in EVENTS {
            let _ = document.remove_event_listener_with_callback_and_bool(
                kind,
                self.listener.as_ref().unchecked_ref(),
                true,
            );
        }
        for (el, value) in self.changed.take() {
            let kind = match value {
                Value::Text(text) => {
                    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                        input.set_value(&text);
                    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
                        area.set_value(&text);
                    }
                    "input"
                }
                Value::Checked(checked) => {
                    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                        input.set_checked(checked);
                    }
                    "change"
                }
                Value::Selected(selected) => {
                    if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
                        select.set_value(&selected);
                    }
                    "change"
                }
            };
            let init = EventInit::new();
            init.set_bubbles(true);
            if let Ok(event) = Event::new_with_event_init_dict(kind, &init) {
                let _ = el.dispatch_event(&event);
            }
        }
    }
}

fn is_box(input: &HtmlInputElement) -> bool {
    matches!(input.type_().as_str(), "checkbox" | "radio")
}

/// The control's value, for the controls a person fills (not buttons or hidden fields).
fn value_of(el: &Element) -> Option<Value> {
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        match input.type_().as_str() {
            "hidden" | "submit" | "button" | "reset" | "image" | "file" => None,
            _ if is_box(input) => Some(Value::Checked(input.checked())),
            _ => Some(Value::Text(input.value())),
        }
    } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
        Some(Value::Selected(select.value()))
    } else {
        el.dyn_ref::<HtmlTextAreaElement>()
            .map(|area| Value::Text(area.value()))
    }
}

/// Whether the control no longer holds what the server sent (the person, or the browser
/// filling a form in for them, changed it).
fn changed_by_person(el: &Element) -> bool {
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        if is_box(input) {
            input.checked() != input.default_checked()
        } else {
            input.value() != input.default_value()
        }
    } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
        // The option the server marked selected (the last one marked), or else the first.
        let options = select.options();
        let sent = (0..options.length())
            .rev()
            .find(|i| {
                options
                    .item(*i)
                    .and_then(|o| o.dyn_into::<HtmlOptionElement>().ok())
                    .is_some_and(|o| o.default_selected())
            })
            .unwrap_or(0);
        select.selected_index() != sent as i32
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        area.default_value().is_ok_and(|sent| area.value() != sent)
    } else {
        false
    }
}
