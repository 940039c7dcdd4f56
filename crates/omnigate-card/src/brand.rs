//! One card brand: its number patterns, lengths, gaps and security code.

use alloc::borrow::Cow;

mod spec;

pub use spec::{BrandSpec, BrandUpdate, PatternSpec};

/// A number pattern of a brand: a prefix such as `"4"` or an inclusive range such as
/// `"2221"`–`"2720"` whose bounds have the same number of digits.
///
/// Matching follows credit-card-type: only the digits that both the input and the pattern have
/// are compared, so a partial input matches every pattern it could still grow into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern(Repr);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Repr {
    Prefix(Cow<'static, str>),
    Range(Cow<'static, str>, Cow<'static, str>),
}

impl Pattern {
    pub(crate) const fn from_static_prefix(prefix: &'static str) -> Self {
        Self(Repr::Prefix(Cow::Borrowed(prefix)))
    }

    pub(crate) const fn from_static_range(min: &'static str, max: &'static str) -> Self {
        Self(Repr::Range(Cow::Borrowed(min), Cow::Borrowed(max)))
    }

    /// The prefix, when this pattern is one.
    pub fn prefix(&self) -> Option<&str> {
        match &self.0 {
            Repr::Prefix(prefix) => Some(prefix),
            Repr::Range(..) => None,
        }
    }

    /// The inclusive `(min, max)` bounds, when this pattern is a range.
    pub fn range(&self) -> Option<(&str, &str)> {
        match &self.0 {
            Repr::Range(min, max) => Some((min, max)),
            Repr::Prefix(_) => None,
        }
    }

    /// The number of digits of the pattern, which is also the strength of a match on it.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Prefix(prefix) => prefix.len(),
            Repr::Range(min, _) => min.len(),
        }
    }

    /// Always false: a pattern has at least one digit (here for clippy's `len` convention).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The name and size of a brand's security code (CVV, CVC, CID, ...).
///
/// A size of 0 means the brand issues no security code (UATP), so a form should hide the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecurityCode {
    name: Cow<'static, str>,
    size: u8,
}

impl SecurityCode {
    /// What the brand calls it, for a field label: `"CVV"`, `"CID"`, `"CVC"`...
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How many digits it has (0 when the brand has none).
    pub fn size(&self) -> u8 {
        self.size
    }
}

/// A card brand. Build a custom one from a [`BrandSpec`]; the built-in ones come with
/// [`BrandTable`](crate::BrandTable).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Brand {
    id: Cow<'static, str>,
    name: Cow<'static, str>,
    gateway_brand: Cow<'static, str>,
    patterns: Cow<'static, [Pattern]>,
    lengths: Cow<'static, [u8]>,
    gaps: Cow<'static, [u8]>,
    security_code: SecurityCode,
    luhn: bool,
}

/// The parts of a built-in brand, in the order the data file lists them.
pub(crate) struct StaticBrand {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) gateway_brand: &'static str,
    pub(crate) patterns: &'static [Pattern],
    pub(crate) lengths: &'static [u8],
    pub(crate) gaps: &'static [u8],
    pub(crate) code: (&'static str, u8),
    pub(crate) luhn: bool,
}

impl Brand {
    pub(crate) const fn from_static(data: StaticBrand) -> Self {
        Self {
            id: Cow::Borrowed(data.id),
            name: Cow::Borrowed(data.name),
            gateway_brand: Cow::Borrowed(data.gateway_brand),
            patterns: Cow::Borrowed(data.patterns),
            lengths: Cow::Borrowed(data.lengths),
            gaps: Cow::Borrowed(data.gaps),
            security_code: SecurityCode { name: Cow::Borrowed(data.code.0), size: data.code.1 },
            luhn: data.luhn,
        }
    }

    /// The stable id, as credit-card-type spells it: `"visa"`, `"american-express"`...
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The name to show people: `"Visa"`, `"American Express"`...
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The OPP `paymentBrand` code: `"VISA"`, `"MASTER"`, `"AMEX"`...
    pub fn gateway_brand(&self) -> &str {
        &self.gateway_brand
    }

    /// The number patterns, in the order they are tried (the first match decides the strength).
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// The allowed number lengths.
    pub fn lengths(&self) -> &[u8] {
        &self.lengths
    }

    /// Zero-based digit indexes before which a formatted number has a space (`[4, 10]` is
    /// 4-6-5 for American Express).
    pub fn gaps(&self) -> &[u8] {
        &self.gaps
    }

    /// The security code's name and size.
    pub fn security_code(&self) -> &SecurityCode {
        &self.security_code
    }

    /// Whether numbers of this brand carry a Luhn check digit (UnionPay's do not have to).
    pub fn luhn(&self) -> bool {
        self.luhn
    }

    /// The longest allowed length.
    pub fn max_length(&self) -> u8 {
        self.lengths.iter().copied().max().unwrap_or(0)
    }

    /// The brand as plain data, to change and build again.
    pub fn to_spec(&self) -> BrandSpec {
        BrandSpec {
            id: self.id.clone().into_owned(),
            name: self.name.clone().into_owned(),
            gateway_brand: self.gateway_brand.clone().into_owned(),
            patterns: self.patterns.iter().map(PatternSpec::from).collect(),
            lengths: self.lengths.to_vec(),
            gaps: self.gaps.to_vec(),
            security_code_name: self.security_code.name.clone().into_owned(),
            security_code_size: self.security_code.size,
            luhn: self.luhn,
        }
    }
}
