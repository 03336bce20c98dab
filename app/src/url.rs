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

#[cfg(test)]
mod tests {
    #[test]
    fn reserved_and_non_ascii_bytes_are_escaped() {
        assert_eq!(super::encode("Ève d'A&B=1/2"), "%C3%88ve+d%27A%26B%3D1%2F2");
    }
}
