//! Wire values that must never be printed: card number, CVV and omni token.
//!
//! Each wrapper masks itself in `Debug` and `Display`; the raw text takes an explicit `expose()`,
//! which is easy to grep for. They hold wire text, not validated card data: the card rules live in
//! `omnigate-card`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Masks a card-shaped value as first 6 + stars + last 4 (`420000******0000`). Masking is
/// idempotent: a value masked this way comes back unchanged, so text of unknown origin (another
/// system's "masked" field) can always be masked once more. Anything too short to keep both
/// ends, or made of anything but ASCII digits and stars, becomes `***`.
pub fn mask_card_like(value: &str) -> String {
    let card_like = value.bytes().all(|byte| byte.is_ascii_digit() || byte == b'*');
    if !card_like || value.len() < 12 {
        return "***".to_owned();
    }
    let (head, rest) = value.split_at(6);
    let (middle, tail) = rest.split_at(rest.len() - 4);
    format!("{head}{}{tail}", "*".repeat(middle.len()))
}

/// `card.number` as sent on the wire.
#[derive(Clone, PartialEq, Eq)]
pub struct Pan(String);

/// `card.cvv` as sent on the wire.
#[derive(Clone, PartialEq, Eq)]
pub struct Cvv(String);

/// An omni token (`card.omniToken`): card-shaped, BIN and last 4 kept, middle random.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OmniToken(String);

impl Pan {
    /// Wraps a card number as received.
    pub fn new(number: impl Into<String>) -> Self {
        Self(number.into())
    }

    /// The raw card number. Every call site is a place where the PAN leaves its wrapper.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl Cvv {
    /// Wraps a security code as received.
    pub fn new(code: impl Into<String>) -> Self {
        Self(code.into())
    }

    /// The raw security code.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl OmniToken {
    /// Wraps a token as received or issued.
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    /// The raw token.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The token masked for logs and lists (`420000******0000`).
    pub fn masked(&self) -> String {
        mask_card_like(&self.0)
    }
}

impl fmt::Debug for Pan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pan({})", mask_card_like(&self.0))
    }
}

impl fmt::Display for Pan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&mask_card_like(&self.0))
    }
}

impl fmt::Debug for Cvv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cvv(***)")
    }
}

impl fmt::Display for Cvv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Debug for OmniToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OmniToken({})", self.masked())
    }
}

impl fmt::Display for OmniToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_masked_when_formatted() {
        let pan = Pan::new("4200000000000000");
        let cvv = Cvv::new("123");
        let token = OmniToken::new("4200008317420000");
        for shown in
            [format!("{pan:?} {pan}"), format!("{cvv:?} {cvv}"), format!("{token:?} {token}")]
        {
            assert!(!shown.contains("4200000000000000"), "{shown}");
            assert!(!shown.contains("123"), "{shown}");
            assert!(!shown.contains("4200008317420000"), "{shown}");
        }
        assert_eq!(token.masked(), "420000******0000");
        assert_eq!(mask_card_like("42"), "***");
        assert_eq!(mask_card_like("4200 0000 0000 0000"), "***");
        assert_eq!(mask_card_like("420000******0000"), "420000******0000");
        assert_eq!(mask_card_like("42000000****0000"), "420000******0000");
        assert_eq!(serde_json::to_string(&token).unwrap(), "\"4200008317420000\"");
    }
}
