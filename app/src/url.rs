//! URL query encoding, the same in the browser and on the server.

/// `application/x-www-form-urlencoded` encoding of one value.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// `path` with the query `pairs` (`path?key=value&…`, or `path` alone when there are none).
pub fn with_query(path: &str, pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .map(|(key, value)| format!("{key}={}", encode(value)))
        .collect();
    if parts.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", parts.join("&"))
    }
}

/// Only a path of this site: never another origin (`//host`, `https:`), never a backslash,
/// never the sign-in page or a server function.
pub fn local_path(next: &str) -> Option<&str> {
    // Visible ASCII only: it goes into a Location header as it is.
    let ok = next.bytes().all(|b| (0x21..=0x7e).contains(&b))
        && next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.starts_with(crate::routes::LOGIN)
        && !next.starts_with("/api/");
    ok.then_some(next)
}

/// Where a page reached from the contacts list returns: `back` when it is the list (with its
/// filters), else the list.
pub fn list_path(back: &str) -> &str {
    local_path(back)
        .filter(|path| {
            path.strip_prefix(crate::routes::CONTACTS)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('?'))
        })
        .unwrap_or(crate::routes::CONTACTS)
}

#[cfg(test)]
mod tests {
    use super::{list_path, local_path};

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(
            local_path("/organization/contacts?page=2"),
            Some("/organization/contacts?page=2")
        );
        for bad in [
            "/a\nb",
            "/é",
            "/a b",
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "evil",
            "/login",
            "/api/sign_out",
        ] {
            assert_eq!(local_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn back_is_the_list() {
        assert_eq!(
            list_path("/organization/contacts?last_name=le"),
            "/organization/contacts?last_name=le"
        );
        for other in [
            "/organization/contacts/5",
            "/organization",
            "https://evil.example",
        ] {
            assert_eq!(list_path(other), "/organization/contacts", "{other}");
        }
    }

    #[test]
    fn reserved_and_non_ascii_bytes_are_escaped() {
        assert_eq!(super::encode("Ève d'A&B=1/2"), "%C3%88ve+d%27A%26B%3D1%2F2");
    }
}
