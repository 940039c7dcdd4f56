//! Brands from user data: [`BrandSpec`] is checked before it becomes a [`Brand`], and
//! [`BrandUpdate`] merges changes into one, like credit-card-type's `updateCard`.

use alloc::string::String;
use alloc::{vec, vec::Vec};

use super::{Brand, record};
use crate::error::BrandError;

/// A pattern as user data, before validation: digit strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternSpec {
    /// A prefix such as `"4"` or `"6011"`.
    Prefix(String),
    /// An inclusive range such as `("2221", "2720")`; both bounds need the same digit count.
    Range(String, String),
}

/// A brand as user data. [`BrandSpec::build`] (or `Brand::try_from`) checks it and fails with
/// [`BrandError::InvalidBrand`] naming the field at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrandSpec {
    /// 1–64 characters, no control characters (`"my-card"`).
    pub id: String,
    /// 1–64 characters, no control characters.
    pub name: String,
    /// The OPP `paymentBrand`: 1–32 of `A-Z`, `0-9`, `_`.
    pub gateway_brand: String,
    /// At least one pattern; 1–19 digits each.
    pub patterns: Vec<PatternSpec>,
    /// At least one length, each 1–19.
    pub lengths: Vec<u8>,
    /// Strictly increasing indexes, each 1–18.
    pub gaps: Vec<u8>,
    /// 1–32 characters (`"CVV"`).
    pub security_code_name: String,
    /// 0–8 digits (0: no security code).
    pub security_code_size: u8,
    /// Whether numbers carry a Luhn check digit.
    pub luhn: bool,
}

impl BrandSpec {
    /// A spec with the common defaults: gateway code from the id (`"my-card"` → `"MYCARD"`),
    /// 16 digits, gaps 4-8-12, a 3-digit `CVV`, Luhn on. Patterns still have to be added.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        let id = id.into();
        let gateway_brand = id
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        Self {
            id,
            name: name.into(),
            gateway_brand,
            patterns: Vec::new(),
            lengths: vec![16],
            gaps: vec![4, 8, 12],
            security_code_name: "CVV".into(),
            security_code_size: 3,
            luhn: true,
        }
    }

    /// Checks the spec and builds the brand (written as a record, then read by the one
    /// parser every brand goes through).
    ///
    /// The record is written straight into one String: no string per field or list joined
    /// afterwards.
    pub fn build(self) -> Result<Brand, BrandError> {
        let mut record = String::from("=");
        for text in [&self.id, &self.name, &self.gateway_brand] {
            push_text(&mut record, text, false);
            record.push_str(NEXT);
        }
        for (index, pattern) in self.patterns.iter().enumerate() {
            if index > 0 {
                record.push(',');
            }
            match pattern {
                PatternSpec::Prefix(prefix) => push_text(&mut record, prefix, true),
                PatternSpec::Range(min, max) => {
                    push_text(&mut record, min, true);
                    record.push('~');
                    push_text(&mut record, max, true);
                }
            }
        }
        for list in [&self.lengths, &self.gaps] {
            record.push_str(NEXT);
            for (index, &number) in list.iter().enumerate() {
                if index > 0 {
                    record.push(',');
                }
                push_number(&mut record, number);
            }
        }
        record.push_str(NEXT);
        push_text(&mut record, &self.security_code_name, false);
        record.push_str(NEXT);
        push_number(&mut record, self.security_code_size);
        record.push_str(if self.luhn { "\u{1f}=1" } else { "\u{1f}=0" });
        record::parse(&record)
    }
}

/// What ends one field of a record and starts the next given one.
const NEXT: &str = "\u{1f}=";

/// Appends a text value with the record's separator made unacceptable (U+0001), so that a
/// value holding one is refused instead of shifting the fields; for a pattern `bound`, the
/// list separators `,` and `~` too.
///
/// Copied in runs between separators: they are ASCII, so no char needs decoding or encoding.
fn push_text(record: &mut String, value: &str, bound: bool) {
    let mut start = 0;
    for (at, byte) in value.bytes().enumerate() {
        if byte == 0x1f || (bound && matches!(byte, b',' | b'~')) {
            record.push_str(value.get(start..at).unwrap_or_default());
            record.push('\u{1}');
            start = at + 1;
        }
    }
    record.push_str(value.get(start..).unwrap_or_default());
}

/// Appends `number` in decimal.
fn push_number(record: &mut String, number: u8) {
    crate::push_decimal(record, u32::from(number), 1);
}

impl TryFrom<BrandSpec> for Brand {
    type Error = BrandError;

    fn try_from(spec: BrandSpec) -> Result<Self, Self::Error> {
        spec.build()
    }
}

/// Changes to an existing brand: every `Some` field replaces the brand's value, like
/// credit-card-type's `updateCard`. An `id` that differs from the brand's is an error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BrandUpdate {
    /// Must equal the brand's id when given.
    pub id: Option<String>,
    /// New display name.
    pub name: Option<String>,
    /// New OPP `paymentBrand` code.
    pub gateway_brand: Option<String>,
    /// New patterns (replaces all).
    pub patterns: Option<Vec<PatternSpec>>,
    /// New lengths.
    pub lengths: Option<Vec<u8>>,
    /// New gaps.
    pub gaps: Option<Vec<u8>>,
    /// New security code name and size.
    pub security_code: Option<(String, u8)>,
    /// New Luhn flag.
    pub luhn: Option<bool>,
}

impl BrandUpdate {
    /// Applies the changes to `brand` and checks the result.
    pub(crate) fn apply(self, brand: &Brand) -> Result<Brand, BrandError> {
        if self.id.as_deref().is_some_and(|id| id != brand.id()) {
            return Err(BrandError::BrandIdMismatch);
        }
        let mut spec = brand.to_spec();
        spec.name = self.name.unwrap_or(spec.name);
        spec.gateway_brand = self.gateway_brand.unwrap_or(spec.gateway_brand);
        spec.patterns = self.patterns.unwrap_or(spec.patterns);
        spec.lengths = self.lengths.unwrap_or(spec.lengths);
        spec.gaps = self.gaps.unwrap_or(spec.gaps);
        if let Some((name, size)) = self.security_code {
            spec.security_code_name = name;
            spec.security_code_size = size;
        }
        spec.luhn = self.luhn.unwrap_or(spec.luhn);
        spec.build()
    }
}
