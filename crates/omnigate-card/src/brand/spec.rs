//! Brands from user data: [`BrandSpec`] is checked before it becomes a [`Brand`], and
//! [`BrandUpdate`] merges changes into one, like credit-card-type's `updateCard`.

use alloc::{string::String, vec, vec::Vec};

use alloc::borrow::Cow;

use super::{Brand, Pattern, Repr, SecurityCode};
use crate::error::CardError;

/// A pattern as user data, before validation: digit strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternSpec {
    /// A prefix such as `"4"` or `"6011"`.
    Prefix(String),
    /// An inclusive range such as `("2221", "2720")`; both bounds need the same digit count.
    Range(String, String),
}

impl From<&Pattern> for PatternSpec {
    fn from(pattern: &Pattern) -> Self {
        match &pattern.0 {
            Repr::Prefix(prefix) => Self::Prefix(prefix.clone().into_owned()),
            Repr::Range(min, max) => {
                Self::Range(min.clone().into_owned(), max.clone().into_owned())
            }
        }
    }
}

/// A brand as user data. [`BrandSpec::build`] (or `Brand::try_from`) checks it and fails with
/// [`CardError::InvalidBrand`] naming the field at fault.
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

    /// Checks the spec and builds the brand.
    pub fn build(self) -> Result<Brand, CardError> {
        check_text("id", &self.id, 64)?;
        check_text("name", &self.name, 64)?;
        check_text("security_code_name", &self.security_code_name, 32)?;
        let gateway_ok = self.gateway_brand.len() <= 32
            && self
                .gateway_brand
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        if self.gateway_brand.is_empty() || !gateway_ok {
            return Err(invalid("gateway_brand", "must be 1-32 of A-Z, 0-9 and _"));
        }
        if self.patterns.is_empty() {
            return Err(invalid("patterns", "must not be empty"));
        }
        let patterns = self.patterns.into_iter().map(pattern).collect::<Result<Vec<_>, _>>()?;
        if self.lengths.is_empty() || self.lengths.iter().any(|&l| !(1..=19).contains(&l)) {
            return Err(invalid("lengths", "must be one or more lengths of 1-19 digits"));
        }
        let gaps_ok = self.gaps.iter().all(|&g| (1..=18).contains(&g))
            && self.gaps.windows(2).all(|pair| pair[0] < pair[1]);
        if !gaps_ok {
            return Err(invalid("gaps", "must be increasing indexes of 1-18"));
        }
        if self.security_code_size > 8 {
            return Err(invalid("security_code_size", "must be 0-8"));
        }
        Ok(Brand {
            id: Cow::Owned(self.id),
            name: Cow::Owned(self.name),
            gateway_brand: Cow::Owned(self.gateway_brand),
            patterns: Cow::Owned(patterns),
            lengths: Cow::Owned(self.lengths),
            gaps: Cow::Owned(self.gaps),
            security_code: SecurityCode {
                name: Cow::Owned(self.security_code_name),
                size: self.security_code_size,
            },
            luhn: self.luhn,
        })
    }
}

impl TryFrom<BrandSpec> for Brand {
    type Error = CardError;

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
    pub(crate) fn apply(self, brand: &Brand) -> Result<Brand, CardError> {
        if self.id.as_deref().is_some_and(|id| id != brand.id()) {
            return Err(CardError::BrandIdMismatch);
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

fn invalid(field: &'static str, reason: &'static str) -> CardError {
    CardError::InvalidBrand { field, reason }
}

fn check_text(field: &'static str, value: &str, max: usize) -> Result<(), CardError> {
    let count = value.chars().count();
    if count == 0 || count > max || value.chars().any(char::is_control) {
        return Err(invalid(field, "must be non-empty, short and without control characters"));
    }
    Ok(())
}

fn digits(value: &str) -> bool {
    (1..=19).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit())
}

fn pattern(spec: PatternSpec) -> Result<Pattern, CardError> {
    match spec {
        PatternSpec::Prefix(prefix) if digits(&prefix) => {
            Ok(Pattern(Repr::Prefix(Cow::Owned(prefix))))
        }
        PatternSpec::Range(min, max) if digits(&min) && min.len() == max.len() && digits(&max) => {
            // Same length and ASCII digits: comparing the strings compares the numbers.
            if min > max {
                return Err(invalid("patterns", "range minimum is above its maximum"));
            }
            Ok(Pattern(Repr::Range(Cow::Owned(min), Cow::Owned(max))))
        }
        _ => Err(invalid("patterns", "must be 1-19 digits, range bounds of equal length")),
    }
}
