//! Generates the `i18n` module from `locales/{fr,en}/*.json`; French is the default.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("i18n");
    let config = Config::new("fr")?
        .add_locale("en")?
        .add_namespaces(["common", "auth", "contacts", "invitations", "mail"])?
        .locales_path("../locales")
        .parse_options(ParseOptions::new().interpolate_display(true));
    let translations = TranslationsInfos::parse(config)?;
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out)?;
    Ok(())
}
