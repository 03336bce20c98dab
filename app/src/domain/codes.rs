//! Reasons the server writes into a page's address (`?error=invalid`) and the page reads back:
//! one enum and one table of codes for both sides.

/// An enum whose variants travel in a URL as fixed codes: `code()` writes one, `from_code()`
/// reads it back (anything else is `None`).
macro_rules! query_codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $code:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $name {
            /// Its code in the URL.
            pub fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }

            /// The variant of `code`, if it is one.
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use query_codes;

#[cfg(test)]
mod tests {
    query_codes! {
        pub enum Example {
            One = "one",
            Two = "two",
        }
    }

    #[test]
    fn codes_read_back_and_nothing_else_does() {
        for example in [Example::One, Example::Two] {
            assert_eq!(Example::from_code(example.code()), Some(example));
        }
        assert_eq!(Example::from_code("three"), None);
        assert_eq!(Example::from_code("ONE"), None);
        assert_eq!(Example::from_code(""), None);
    }
}
