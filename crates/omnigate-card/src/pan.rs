//! [`CardNumber`]: a complete, valid card number whose `Debug` and `Display` mask it.

use alloc::{borrow::ToOwned, string::String};

use core::fmt;
use core::str::FromStr;

use crate::brand::Brand;
use crate::error::{CardError, Validity};
use crate::number::{NumberCheck, NumberOptions, validate_number};
use crate::table::BrandTable;

/// A complete and valid card number (PAN), digits only.
///
/// It is printed masked, first 6 and last 4 digits (`411111******1111`); reading the full
/// number takes [`expose`](Self::expose), so every use of the raw PAN is easy to find.
///
/// ```
/// use omnigate_card::CardNumber;
///
/// let pan: CardNumber = "4111-1111-1111-1111".parse()?;
/// assert_eq!(pan.to_string(), "411111******1111");
/// assert_eq!(pan.brand_id(), "visa");
/// # Ok::<(), omnigate_card::CardError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CardNumber {
    digits: String,
    brand_id: String,
}

impl CardNumber {
    /// Parses with a chosen table and options (`FromStr` uses the standard table and
    /// card-validator's defaults). Only a [`Valid`](Validity::Valid) number is accepted; an
    /// incomplete one fails with `empty`, `too_short` or `invalid_luhn`.
    pub fn parse_with(
        input: &str,
        table: &BrandTable,
        options: &NumberOptions,
    ) -> Result<Self, CardError> {
        let brand = Self::brand_of(input, validate_number(input, table, options))?;
        // A valid number holds only digits, spaces and hyphens: its digits are the number.
        let digits = input.bytes().filter(u8::is_ascii_digit).map(char::from).collect();
        Ok(Self { digits, brand_id: brand.id().to_owned() })
    }

    /// What [`parse_with`](Self::parse_with) decides from `check`, the [`validate_number`] of
    /// `input`: the brand of a card number, or why `input` is not one. For callers that need
    /// the check as well as the verdict, so the number is checked once.
    pub fn brand_of<'t>(input: &str, check: NumberCheck<'t>) -> Result<&'t Brand, CardError> {
        let brand = check.brand;
        match check.state {
            Validity::Invalid(error) => Err(error),
            Validity::Valid if let Some(brand) = brand => Ok(brand),
            // Not invalid, so `input` is digits, spaces and hyphens: its digits are the number.
            _ => Err(incomplete(crate::js::digit_count(input), brand)),
        }
    }

    /// The id of the detected brand (`"visa"`).
    pub fn brand_id(&self) -> &str {
        &self.brand_id
    }

    /// The first six digits (the BIN).
    pub fn bin6(&self) -> &str {
        self.digits.get(..6).unwrap_or(&self.digits)
    }

    /// The last four digits.
    pub fn last4(&self) -> &str {
        self.digits.get(self.digits.len().saturating_sub(4)..).unwrap_or(&self.digits)
    }

    /// The number of digits.
    pub fn len(&self) -> usize {
        self.digits.len()
    }

    /// Always false: a card number has digits (here for clippy's `len` convention).
    pub fn is_empty(&self) -> bool {
        self.digits.is_empty()
    }

    /// The full card number. This is the only way to read it: keep it out of logs and errors.
    pub fn expose(&self) -> &str {
        &self.digits
    }

    /// The masked form: first 6 and last 4 digits for numbers of 12 digits or more, only the
    /// last 4 for 8–11 digits, nothing for shorter ones.
    pub fn masked(&self) -> String {
        let length = self.digits.len();
        let (head, tail) = match length {
            12.. => (6, 4),
            8..=11 => (0, 4),
            _ => (0, 0),
        };
        let mut out = String::with_capacity(length);
        out.push_str(self.digits.get(..head).unwrap_or_default());
        out.extend(core::iter::repeat_n('*', length - head - tail));
        out.push_str(self.digits.get(length - tail..).unwrap_or_default());
        out
    }
}

/// Why a potentially valid number of `length` digits is not a card number yet.
fn incomplete(length: usize, brand: Option<&Brand>) -> CardError {
    let at_allowed_length =
        brand.is_some_and(|b| b.lengths().iter().any(|&l| usize::from(l) == length));
    if length == 0 {
        CardError::Empty
    } else if at_allowed_length {
        // Complete for its brand, but the check digit is wrong; a longer length is possible.
        CardError::InvalidLuhn
    } else {
        CardError::TooShort
    }
}

impl FromStr for CardNumber {
    type Err = CardError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Self::parse_with(input, &BrandTable::standard(), &NumberOptions::default())
    }
}

impl fmt::Display for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardNumber")
            .field("brand", &self.brand_id)
            .field("number", &self.masked())
            .finish()
    }
}
