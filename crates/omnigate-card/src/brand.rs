//! One card brand: its number patterns, lengths, gaps and security code.
//!
//! A brand is kept as one line of text, its *record* (see [`record`]), plus the numbers that
//! detection and validation read on every keystroke, decoded once from that text. The same
//! text is how brands are written in the built-in table, how the browser module receives a
//! brand from JavaScript and how it describes one back: one format and one parser for all.

use alloc::{string::String, vec::Vec};
use core::fmt;

pub(crate) mod record;
mod spec;

pub use spec::{BrandSpec, BrandUpdate, PatternSpec};

/// A number pattern of a brand: a prefix such as `4` or an inclusive range such as
/// `2221`–`2720` whose bounds have the same number of digits (1 to 19).
///
/// Matching follows credit-card-type: only the digits that both the input and the pattern have
/// are compared, so a partial input matches every pattern it could still grow into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pattern {
    min: u64,
    max: u64,
    len: u8,
    range: bool,
}

impl Pattern {
    /// The number of digits of the pattern, which is also the strength of a match on it.
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Always false: a pattern has at least one digit (here for clippy's `len` convention).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The lowest number the pattern covers (the prefix itself for a prefix pattern).
    pub fn min(&self) -> u64 {
        self.min
    }

    /// The highest number the pattern covers (the prefix itself for a prefix pattern).
    pub fn max(&self) -> u64 {
        self.max
    }

    /// True for a `[min, max]` range, false for a prefix. Digit input matches the two kinds
    /// alike; credit-card-type compares other input differently (text for a prefix,
    /// `parseInt` for a range).
    pub fn is_range(&self) -> bool {
        self.range
    }

    /// The pattern's bounds as text, zero-padded to its length.
    pub(crate) fn texts(&self) -> (String, String) {
        (record::padded(self.min, self.len), record::padded(self.max, self.len))
    }
}

/// The name and size of a brand's security code (CVV, CVC, CID, ...).
///
/// A size of 0 means the brand issues no security code (UATP), so a form should hide the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecurityCode<'a> {
    name: &'a str,
    size: u8,
}

impl<'a> SecurityCode<'a> {
    /// What the brand calls it, for a field label: `"CVV"`, `"CID"`, `"CVC"`...
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// How many digits it has (0 when the brand has none).
    pub fn size(&self) -> u8 {
        self.size
    }
}

/// A card brand. Build a custom one from a [`BrandSpec`]; the built-in ones come with
/// [`BrandTable`](crate::BrandTable).
#[derive(Clone, PartialEq, Eq)]
pub struct Brand {
    record: String,
    patterns: Vec<Pattern>,
    // The lengths and gaps, each a byte of 1 to 19: kept as text (each such byte is a
    // character of its own), so that they are appended through the messages' out-of-line text
    // append, where a list of bytes brought a copy of the growing code into the parser.
    lengths: String,
    gaps: String,
    code_size: u8,
    luhn: bool,
}

impl Brand {
    /// Reads a brand from its record text (the format of [`record`]), filling in defaults.
    /// Fails with [`BrandError::InvalidBrand`](crate::BrandError::InvalidBrand) naming the field
    /// at fault.
    pub fn from_record(text: &str) -> Result<Self, crate::BrandError> {
        record::parse(text)
    }

    /// The brand as record text: every field given, in the format [`Brand::from_record`] reads.
    pub fn record(&self) -> &str {
        &self.record
    }

    /// The stable id, as credit-card-type spells it: `"visa"`, `"american-express"`...
    pub fn id(&self) -> &str {
        record::field(&self.record, record::ID)
    }

    /// The name to show people: `"Visa"`, `"American Express"`...
    pub fn name(&self) -> &str {
        record::field(&self.record, record::NAME)
    }

    /// The OPP `paymentBrand` code: `"VISA"`, `"MASTER"`, `"AMEX"`...
    pub fn gateway_brand(&self) -> &str {
        record::field(&self.record, record::GATEWAY)
    }

    /// The number patterns, in the order they are tried (the first match decides the strength).
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// The allowed number lengths.
    pub fn lengths(&self) -> &[u8] {
        self.lengths.as_bytes()
    }

    /// Zero-based digit indexes before which a formatted number has a space (`[4, 10]` is
    /// 4-6-5 for American Express).
    pub fn gaps(&self) -> &[u8] {
        self.gaps.as_bytes()
    }

    /// The security code's name and size.
    pub fn security_code(&self) -> SecurityCode<'_> {
        SecurityCode { name: record::field(&self.record, record::CODE_NAME), size: self.code_size }
    }

    /// The security code's size alone (0 when the brand has none): the checks read only the
    /// size, and this spares them finding the name in the record text.
    pub fn code_size(&self) -> u8 {
        self.code_size
    }

    /// Whether numbers of this brand carry a Luhn check digit (UnionPay's do not have to).
    pub fn luhn(&self) -> bool {
        self.luhn
    }

    /// The longest allowed length.
    pub fn max_length(&self) -> u8 {
        self.lengths().iter().fold(0, |longest, &length| longest.max(length))
    }

    /// The brand as plain data, to change and build again.
    pub fn to_spec(&self) -> BrandSpec {
        let text = |index| record::field(&self.record, index).into();
        BrandSpec {
            id: text(record::ID),
            name: text(record::NAME),
            gateway_brand: text(record::GATEWAY),
            patterns: self.patterns.iter().map(PatternSpec::from).collect(),
            lengths: self.lengths().into(),
            gaps: self.gaps().into(),
            security_code_name: text(record::CODE_NAME),
            security_code_size: self.code_size,
            luhn: self.luhn,
        }
    }
}

impl fmt::Debug for Brand {
    /// The fields as a derived `Debug` shows them, the lengths and gaps as lists of numbers
    /// (not as the text they are kept in).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Brand")
            .field("record", &self.record)
            .field("patterns", &self.patterns)
            .field("lengths", &self.lengths())
            .field("gaps", &self.gaps())
            .field("code_size", &self.code_size)
            .field("luhn", &self.luhn)
            .finish()
    }
}

impl From<&Pattern> for PatternSpec {
    fn from(pattern: &Pattern) -> Self {
        let (min, max) = pattern.texts();
        if pattern.range { Self::Range(min, max) } else { Self::Prefix(min) }
    }
}
