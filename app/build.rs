//! Generates the `i18n` module from `locales/{fr,en}/*.json`; French is the default. The
//! emails' texts (`mail.json`) go into the server's build only.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("i18n");
    let mut namespaces = vec!["common", "auth", "contacts", "invitations"];
    // The emails' texts are the server's alone: in the browser's build they would only move
    // code into the WebAssembly every page loads first (about 66 KB).
    if std::env::var_os("CARGO_FEATURE_SSR").is_some() {
        namespaces.push("mail");
    }
    let config = Config::new("fr")?
        .add_locale("en")?
        .add_namespaces(namespaces)?
        .locales_path("../locales")
        .parse_options(ParseOptions::new().interpolate_display(true));
    let translations = TranslationsInfos::parse(config)?;
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out)?;
    Ok(())
}
