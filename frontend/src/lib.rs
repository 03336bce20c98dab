//! The browser entry point: hydrates the server-rendered page once the code of the page it
//! shows has loaded (each page is a lazily loaded part of the WebAssembly), keeping what the
//! person typed in the meantime.

mod early_input;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let document = leptos::prelude::document();
        let Some(body) = document.body() else {
            return;
        };
        let early = early_input::EarlyInput::watch(&document);
        let app = leptos::mount::hydrate_from_async(body.clone(), app::App).await;
        app.forget();
        early.restore(&document);
        // Tells whoever watches the page (end-to-end tests, styles) that links and live
        // filters are now handled in the browser.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
