//! Folding of names and emails into the keys the list searches and sorts on.
//!
//! Both databases compare the keys byte by byte the same way, so search and order are the
//! same on SQLite and PostgreSQL: « LeBlanc » and « leblanc » meet, « Ève » sorts with « eve »
//! and not after « z », and « d'Entremont » sorts as « dentremont », as in a French directory.

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Lower-cases and strips accents.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The key of a name: folded, letters and digits only.
pub fn name_key(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The key of an email: folded and trimmed; every character kept (substring search).
pub fn email_key(s: &str) -> String {
    fold(s.trim())
}

/// A `LIKE` pattern matching text that contains `key` anywhere (escaped, `ESCAPE '\'`).
pub fn like_substring(key: &str) -> sea_orm::sea_query::LikeExpr {
    sea_orm::sea_query::LikeExpr::new(format!("%{}%", escape_like(key))).escape('\\')
}

/// Escapes `%`, `_` and the escape character itself for a `LIKE … ESCAPE '\'` pattern.
pub fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(name_key("LeBlanc"), "leblanc");
        assert_eq!(name_key("Ève"), "eve");
        assert_eq!(name_key("Hébert"), "hebert");
        assert_eq!(name_key("d'Entremont"), "dentremont");
        assert_eq!(name_key("Le Blanc"), "leblanc");
        assert_eq!(
            email_key(" Luc.LeBlanc@Example.NET "),
            "luc.leblanc@example.net"
        );
    }

    #[test]
    fn accented_names_sort_with_their_letter() {
        let mut names = vec![
            "Zwicker",
            "Émond",
            "Arsenault",
            "Ouellette",
            "Eddy",
            "Daigle",
        ];
        names.sort_by_key(|n| name_key(n));
        assert_eq!(
            names,
            [
                "Arsenault",
                "Daigle",
                "Eddy",
                "Émond",
                "Ouellette",
                "Zwicker"
            ]
        );
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
