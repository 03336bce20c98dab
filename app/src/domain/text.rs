//! Texts in both of the product's languages.

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// A text the server has already put in both languages (profile labels, dates).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub fr: String,
    pub en: String,
}

impl Localized {
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::fr => &self.fr,
            Locale::en => &self.en,
        }
    }
}

/// One of the product's two languages, as a contact's preference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Language {
    Fr,
    En,
}

impl Language {
    /// As the form sends it: `fr` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }
}

/// The interface's language for a contact's (their emails are in it).
impl From<Language> for Locale {
    fn from(language: Language) -> Self {
        match language {
            Language::Fr => Locale::fr,
            Language::En => Locale::en,
        }
    }
}

/// A contact's language for the interface's (a new contact's default).
impl From<Locale> for Language {
    fn from(locale: Locale) -> Self {
        match locale {
            Locale::fr => Language::Fr,
            Locale::en => Language::En,
        }
    }
}

/// The interface's language for a contact's as the database stores it.
#[cfg(feature = "ssr")]
impl From<db::entity::contact::Language> for Locale {
    fn from(language: db::entity::contact::Language) -> Self {
        Language::from(language).into()
    }
}

#[cfg(feature = "ssr")]
impl From<db::entity::contact::Language> for Language {
    fn from(language: db::entity::contact::Language) -> Self {
        match language {
            db::entity::contact::Language::Fr => Self::Fr,
            db::entity::contact::Language::En => Self::En,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<Language> for db::entity::contact::Language {
    fn from(language: Language) -> Self {
        match language {
            Language::Fr => Self::Fr,
            Language::En => Self::En,
        }
    }
}

/// A module's full name in each language, from its code, with the short name its profiles'
/// labels use (GEC is CMT in English, EFO is OFA). The guide gives no expansion of CPEP.
pub fn module_name(code: &str) -> Localized {
    let (fr, en) = match code {
        "GEC" => (
            "Outil de gestion de cas (GEC)",
            "Case Management Tool (CMT)",
        ),
        "GA" => ("Gestion de l'apprenant", "Learner Management"),
        "EFO" => (
            "Ententes de financement d'organisme (EFO)",
            "Organization Funding Agreements (OFA)",
        ),
        "ISS" => ("Inscription à un service", "Service Registration"),
        other => (other, other),
    };
    Localized {
        fr: fr.to_string(),
        en: en.to_string(),
    }
}
