//! [`Cvc`], a card security code kept as digits and printed masked, and card-validator's `cvv`.

use alloc::{borrow::ToOwned, string::String};

use core::fmt;
use core::str::FromStr;

use crate::brand::Brand;
use crate::error::{CardError, Validity};
use crate::js;

/// A card security code (CVV, CVC, CID...): 3 or 4 digits, kept as a string so a leading zero
/// survives. `Debug` and `Display` print `***`; [`expose`](Self::expose) reads it.
///
/// ```
/// use omnigate_card::Cvc;
///
/// let cvc: Cvc = "012".parse()?;
/// assert_eq!(cvc.expose(), "012");
/// assert_eq!(format!("{cvc} {cvc:?}"), "*** Cvc(***)");
/// # Ok::<(), omnigate_card::CardError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Cvc(String);

impl Cvc {
    /// The digits. This is the only way to read them: keep them out of logs and errors.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The number of digits (3 or 4).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false (here for clippy's `len` convention).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The digits a `Cvc` parsed from `input` would hold, or why parsing fails: for callers
    /// that only report the outcome, without copying the digits.
    ///
    /// ```
    /// use omnigate_card::{CardError, Cvc};
    ///
    /// assert_eq!(Cvc::digits_of(" 012 "), Ok("012"));
    /// assert_eq!(Cvc::digits_of("12"), Err(CardError::TooShort));
    /// ```
    // `inline`: the browser module's `validateCard` then keeps the answer in registers; out of
    // line, the `Result` went back through memory (-11 B gzip).
    #[inline]
    pub fn digits_of(input: &str) -> Result<&str, CardError> {
        let digits = js::trim(input);
        match digits.len() {
            _ if !js::all_digits(digits) => Err(CardError::InvalidCharacters),
            0 => Err(CardError::Empty),
            1 | 2 => Err(CardError::TooShort),
            3 | 4 => Ok(digits),
            _ => Err(CardError::TooLong),
        }
    }

    /// Whether the code has the size `brand` uses (4 for American Express, else 3).
    pub fn fits(&self, brand: &Brand) -> bool {
        self.0.len() == usize::from(brand.code_size())
    }

    /// [`fits`](Self::fits) as a result, failing with [`CardError::BrandMismatch`].
    pub fn check_brand(&self, brand: &Brand) -> Result<(), CardError> {
        if self.fits(brand) { Ok(()) } else { Err(CardError::BrandMismatch) }
    }
}

impl FromStr for Cvc {
    type Err = CardError;

    /// Accepts 3 or 4 ASCII digits, ignoring white space around them.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Self::digits_of(input).map(|digits| Self(digits.to_owned()))
    }
}

impl fmt::Display for Cvc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Debug for Cvc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cvc(***)")
    }
}

/// Checks a security code as typed, exactly like card-validator's `cvv(value, maxLength)`:
/// `lengths` holds the allowed lengths (`&[3]` is card-validator's default, `&[4]` for
/// American Express, `&[3, 4]` when the brand is unknown).
///
/// Like card-validator, a length between the shortest allowed and the larger of 3 and the
/// longest allowed also counts as valid, and an empty `lengths` never completes.
///
/// ```
/// use omnigate_card::validate_cvc;
///
/// assert!(validate_cvc("123", &[3]).is_valid());
/// assert!(validate_cvc("12", &[3]).is_potentially_valid());
/// assert_eq!(validate_cvc("12a", &[3]).error().map(|e| e.code()), Some("invalid_characters"));
/// ```
pub fn validate_cvc(input: &str, lengths: &[usize]) -> Validity {
    let shortest = lengths.iter().copied().min().unwrap_or(usize::MAX);
    let longest = lengths.iter().copied().max().unwrap_or(0);
    validate_cvc_lengths(input, shortest, longest, lengths.contains(&input.len()))
}

/// [`validate_cvc`] for a list of allowed lengths given by all the rule asks of it: its
/// `shortest` and `longest` lengths and whether it holds the input's length (`allowed`). For
/// an empty list, `shortest` is `usize::MAX` (then `longest` is not read). The browser
/// module's JavaScript sums up a list so, and its `validateCvc` passes three numbers instead
/// of a list.
///
/// ```
/// use omnigate_card::{Validity, validate_cvc_lengths};
///
/// assert_eq!(validate_cvc_lengths("12", 3, 4, false), Validity::PotentiallyValid);
/// assert_eq!(validate_cvc_lengths("1234", 4, 4, true), Validity::Valid);
/// let too_long = validate_cvc_lengths("12345", 3, 4, false);
/// assert_eq!(too_long.error().map(|error| error.code()), Some("too_long"));
/// ```
#[inline] // the browser module's one caller packs the result where it is made
pub fn validate_cvc_lengths(
    input: &str,
    shortest: usize,
    longest: usize,
    allowed: bool,
) -> Validity {
    // card-validator's maximum starts at 3: a length is too long past the larger of the two.
    validate_cvc_bounds(input, shortest, longest.max(3).saturating_add(1), allowed)
}

/// card-validator's `cvv` rule over its three readings of `maxLength`, for callers that read
/// them as card-validator does: whether the list holds the input's length (`allowed`), the
/// shortest length not below its minimum (`shortest`), and the shortest length above its
/// maximum (`too_long`). card-validator's maximum is at least 3 unless it compared two strings
/// as text (`['4', '4e-1']` ends at 0.4), so `too_long` can be anything, 0 included.
///
/// ```
/// use omnigate_card::{Validity, validate_cvc_bounds};
///
/// assert_eq!(validate_cvc_bounds("12", 3, 5, false), Validity::PotentiallyValid);
/// assert_eq!(validate_cvc_bounds("1234", 3, 5, false), Validity::Valid);
/// // card-validator's maximum 0.4 (`['4', '4e-1']`): a one-digit code is already too long.
/// let too_long = validate_cvc_bounds("1", 0, 1, false);
/// assert_eq!(too_long.error().map(|error| error.code()), Some("too_long"));
/// ```
#[inline]
pub fn validate_cvc_bounds(
    input: &str,
    shortest: usize,
    too_long: usize,
    allowed: bool,
) -> Validity {
    let length = input.len();
    if !js::all_digits(input) {
        Validity::Invalid(CardError::InvalidCharacters)
    } else if allowed {
        Validity::Valid
    } else if length < shortest {
        // Every allowed length is longer: typing more can complete the code.
        Validity::PotentiallyValid
    } else if length >= too_long {
        Validity::Invalid(CardError::TooLong)
    } else {
        // card-validator's leniency: a length between the shortest allowed and the maximum
        // is valid too.
        Validity::Valid
    }
}
