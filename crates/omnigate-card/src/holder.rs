//! [`Holder`], the cardholder name, and card-validator's `cardholderName` check.

use alloc::{borrow::ToOwned, string::String};

use core::fmt;
use core::str::FromStr;

use crate::error::{CardError, Validity};
use crate::js;

/// The longest cardholder name accepted, in UTF-16 units (card-validator's limit).
pub const MAX_HOLDER_LENGTH: usize = 255;

/// Checks a cardholder name as typed, exactly like card-validator's `cardholderName`: empty is
/// potentially valid, over 255 characters is invalid, and a name made only of digits, white
/// space and hyphens stays potentially valid (it looks like a card number typed in the wrong
/// field).
///
/// ```
/// use omnigate_card::validate_holder;
///
/// assert!(validate_holder("Jane Doe").is_valid());
/// assert!(!validate_holder("4111 1111").is_valid());
/// ```
// `inline`: the browser module's one caller then keeps the result in registers; out of
// line, the `Validity` went back through memory (-20 to -45 B gzip each).
#[inline]
pub fn validate_holder(input: &str) -> Validity {
    if input.is_empty() {
        return Validity::PotentiallyValid;
    }
    if js::len16(input) > MAX_HOLDER_LENGTH {
        return Validity::Invalid(CardError::TooLong);
    }
    // Only digits, hyphens and JS white space: the rule card numbers are typed with.
    if js::is_number_text(input) {
        return Validity::PotentiallyValid;
    }
    Validity::Valid
}

/// A valid cardholder name, trimmed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Holder(String);

impl Holder {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name a `Holder` parsed from `input` would hold, or why parsing fails: for callers
    /// that only report the outcome, without copying the name.
    ///
    /// ```
    /// use omnigate_card::{CardError, Holder};
    ///
    /// assert_eq!(Holder::name_of(" Jane Doe "), Ok("Jane Doe"));
    /// assert_eq!(Holder::name_of("4111 1111"), Err(CardError::InvalidHolder));
    /// ```
    pub fn name_of(input: &str) -> Result<&str, CardError> {
        let name = js::trim(input);
        if name.is_empty() {
            return Err(CardError::Empty);
        }
        if has_control(name) {
            return Err(CardError::InvalidHolder);
        }
        match validate_holder(name) {
            Validity::Valid => Ok(name),
            Validity::PotentiallyValid => Err(CardError::InvalidHolder),
            // The one error the check makes (a test holds it to that): named here, not copied
            // out of its answer. A new error in `validate_holder` must get its arm here.
            Validity::Invalid(_) => Err(CardError::TooLong),
        }
    }
}

impl FromStr for Holder {
    type Err = CardError;

    /// Trims white space, then needs [`validate_holder`] to say valid; control characters are
    /// refused too, since the name goes into gateway requests.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Self::name_of(input).map(|name| Self(name.to_owned()))
    }
}

/// Whether `text` has a control character (`char::is_control`), found on the UTF-8 bytes: C0
/// controls and DEL are one byte each, C1 controls (U+0080 to U+009F) are 0xC2 then 0x80 to 0x9F,
/// and no other character's encoding holds those sequences.
fn has_control(text: &str) -> bool {
    // One pass, remembering the byte before: no second loop over pairs.
    let mut before = 0;
    for &b in text.as_bytes() {
        if b < 0x20 || b == 0x7f || (before == 0xc2 && matches!(b, 0x80..=0x9f)) {
            return true;
        }
        before = b;
    }
    false
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::String;

    use super::{CardError, Validity, has_control, validate_holder};
    use crate::js;

    #[test]
    fn number_like_names_found_on_bytes_as_on_characters() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for text in
                [alloc::format!("{c}"), alloc::format!("1 {c}-"), alloc::format!("{c}\u{3000}2")]
            {
                let like = text.chars().all(|c| c.is_ascii_digit() || c == '-' || js::is_space(c));
                assert_eq!(validate_holder(&text).is_valid(), !like, "{text:?}");
            }
        }
    }

    #[test]
    fn the_check_fails_only_names_too_long() {
        // `Holder::name_of` names this error itself rather than copying it out.
        let long = ["a", "é", "1", "😀", " ", "-", "\u{0}"].map(|c| c.repeat(256));
        for text in long.iter().map(String::as_str).chain(["", "a", "1 -", "\u{0}", "Jane"]) {
            // Also one character shorter (a 256-character text is one too long, 255 fits).
            let shorter = text.char_indices().nth(1).map_or("", |(at, _)| &text[at..]);
            for text in [text, shorter] {
                if let Validity::Invalid(error) = validate_holder(text) {
                    assert_eq!(error, CardError::TooLong, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn controls_found_on_bytes_are_rusts() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = alloc::format!("a{c}é");
            assert_eq!(has_control(&text), c.is_control(), "{c:?}");
        }
    }
}
