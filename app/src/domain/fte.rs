//! Full-time equivalents (« ETP »).

use super::Language;
use crate::error::ValidationCode;
use std::fmt;

/// A full-time equivalent from 0 to 1 with at most two decimals (« 0,75 » or "0.75").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fte(u8);

impl Fte {
    pub fn parse(text: &str) -> Result<Self, ValidationCode> {
        let text = text.trim().replace(',', ".");
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty())
            || !digits(whole)
            || !digits(fraction)
            || fraction.len() > 2
            || whole.len() > 3
        {
            return Err(ValidationCode::InvalidFte);
        }
        let whole: u32 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| ValidationCode::InvalidFte)?
        };
        let fraction: u32 = format!("{fraction:0<2}")
            .parse()
            .map_err(|_| ValidationCode::InvalidFte)?;
        let hundredths = whole * 100 + fraction;
        if hundredths > 100 {
            return Err(ValidationCode::InvalidFte);
        }
        Ok(Self(hundredths as u8))
    }

    pub fn from_hundredths(hundredths: i32) -> Option<Self> {
        u8::try_from(hundredths)
            .ok()
            .filter(|h| *h <= 100)
            .map(Self)
    }

    pub fn hundredths(self) -> i32 {
        i32::from(self.0)
    }

    /// As `language` writes it: « 0,75 » in French, "0.75" in English.
    pub fn written(self, language: Language) -> String {
        match language {
            Language::Fr => self.to_string().replace('.', ","),
            Language::En => self.to_string(),
        }
    }
}

impl fmt::Display for Fte {
    /// "1", "0.8", "0.75".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            100 => write!(f, "1"),
            0 => write!(f, "0"),
            h if h % 10 == 0 => write!(f, "0.{}", h / 10),
            h => write!(f, "0.{h:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ftes() {
        for (text, hundredths, shown) in [
            ("1", 100, "1"),
            ("0", 0, "0"),
            ("0.5", 50, "0.5"),
            ("0,75", 75, "0.75"),
            (".8", 80, "0.8"),
            ("1.00", 100, "1"),
            (" 0.05 ", 5, "0.05"),
        ] {
            let fte = Fte::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(fte.hundredths(), hundredths, "{text}");
            assert_eq!(fte.to_string(), shown, "{text}");
        }
        for bad in [
            "",
            ".",
            "1.01",
            "2",
            "-0.5",
            "0.333",
            "abc",
            "1e0",
            "0.5.5",
            "99999999999",
        ] {
            assert_eq!(Fte::parse(bad), Err(ValidationCode::InvalidFte), "{bad}");
        }
        assert_eq!(Fte::from_hundredths(101), None);
        let half = Fte::parse("0.5").unwrap();
        assert_eq!(half.written(Language::Fr), "0,5");
        assert_eq!(half.written(Language::En), "0.5");
    }
}
