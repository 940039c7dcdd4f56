//! [`PostalCode`] and card-validator's `postalCode` check.

use alloc::{borrow::ToOwned, string::String};

use core::fmt;
use core::str::FromStr;

use crate::error::{CardError, Validity};
use crate::js;

/// card-validator's default `minLength`.
pub const DEFAULT_POSTAL_MIN_LENGTH: usize = 2;

/// The longest postal code [`PostalCode`] accepts (the check while typing has no limit).
pub const MAX_POSTAL_LENGTH: usize = 16;

/// Checks a postal code as typed, exactly like card-validator's `postalCode(value,
/// {minLength})`: shorter than `min_length` (0 means the default 2) is potentially valid, and
/// so is a code whose first `min_length` characters after trimming are not all ASCII letters
/// or digits. A string is never invalid.
///
/// ```
/// use omnigate_card::validate_postal_code;
///
/// assert!(validate_postal_code("10115", 2).is_valid());
/// assert!(!validate_postal_code(" -1", 2).is_valid());
/// ```
// `inline`: the browser module's one caller then keeps the result in registers; out of
// line, the `Validity` went back through memory (-20 to -45 B gzip each).
#[inline]
pub fn validate_postal_code(input: &str, min_length: usize) -> Validity {
    let min_length = if min_length == 0 { DEFAULT_POSTAL_MIN_LENGTH } else { min_length };
    if js::len16(input) < min_length {
        return Validity::PotentiallyValid;
    }
    let code = js::trim(input);
    // Bytes stand for characters here: while the characters are ASCII letters and digits each
    // is one byte, and the first other character starts with a byte that is not one either.
    // The first `min_length` of them (all of a shorter code) are letters or digits when the
    // code leads with at least that many: a count, with no sub-slice to cut.
    let leading = code.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if code.is_empty() || leading < min_length.min(code.len()) {
        return Validity::PotentiallyValid;
    }
    Validity::Valid
}

/// A valid postal code, trimmed, at most 16 characters without control characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PostalCode(String);

impl PostalCode {
    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for PostalCode {
    type Err = CardError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let code = js::trim(input);
        let length = code.chars().count();
        if length == 0 {
            return Err(CardError::Empty);
        }
        if length > MAX_POSTAL_LENGTH {
            return Err(CardError::TooLong);
        }
        if code.chars().any(char::is_control) {
            return Err(CardError::InvalidPostalCode);
        }
        match validate_postal_code(code, DEFAULT_POSTAL_MIN_LENGTH) {
            Validity::Valid => Ok(Self(code.to_owned())),
            _ if length < DEFAULT_POSTAL_MIN_LENGTH => Err(CardError::TooShort),
            _ => Err(CardError::InvalidPostalCode),
        }
    }
}

impl fmt::Display for PostalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
