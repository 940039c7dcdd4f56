//! Brand detection exactly as credit-card-type 10.3.0 does it (`matches.ts`,
//! `add-matching-cards-to-results.ts`, `find-best-match.ts`).
//!
//! The input is compared as JavaScript sees it, in UTF-16 code units and with `parseInt` for
//! ranges, so even inputs with spaces or letters give credit-card-type's answer.

use alloc::{vec, vec::Vec};

use crate::brand::{Brand, Pattern};
use crate::js;

/// A brand that `detect` found, with the strength of its match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BrandMatch<'a> {
    /// The candidate brand.
    pub brand: &'a Brand,
    /// The digit count of the brand's first matching pattern, when the input is at least that
    /// long (credit-card-type's `matchStrength`); `None` while the input is shorter.
    pub strength: Option<usize>,
}

/// The input as UTF-16 code units, without copying the common all-ASCII case (whose digit-only
/// form, every call from `validate_number`, is matched without parsing).
enum Units<'s> {
    Ascii { bytes: &'s [u8], digits: bool },
    Wide(Vec<u16>),
}

impl Units<'_> {
    fn len(&self) -> usize {
        match self {
            Self::Ascii { bytes, .. } => bytes.len(),
            Self::Wide(units) => units.len(),
        }
    }

    fn get(&self, index: usize) -> u16 {
        match self {
            Self::Ascii { bytes, .. } => bytes.get(index).map_or(0, |&b| u16::from(b)),
            Self::Wide(units) => units.get(index).copied().unwrap_or(0),
        }
    }

    /// `parseInt` of the first `count` units.
    fn parse_prefix(&self, count: usize) -> Option<i128> {
        js::parse_int((0..count.min(self.len())).map(|i| self.get(i)))
    }
}

/// credit-card-type's `matches(cardNumber, pattern)`.
fn matches(input: &Units<'_>, pattern: &Pattern) -> bool {
    if let Units::Ascii { bytes, digits: true } = input {
        return matches_digits(bytes, pattern);
    }
    if let Some(prefix) = pattern.prefix() {
        let shared = input.len().min(prefix.len());
        return prefix.bytes().take(shared).enumerate().all(|(i, b)| input.get(i) == u16::from(b));
    }
    let Some((min, max)) = pattern.range() else { return false };
    // The range is cut to the input's length on both ends: "2" matches 2221-2229.
    let shared = input.len().min(min.len());
    let bound = |text: &str| js::parse_int(text.bytes().take(shared).map(u16::from));
    match (input.parse_prefix(shared), bound(min), bound(max)) {
        (Some(value), Some(low), Some(high)) => low <= value && value <= high,
        _ => false,
    }
}

/// [`matches`] for digit input. Range bounds are digit strings of equal length, so comparing
/// the cut strings byte by byte compares their values, exactly as `parseInt` would. The loops
/// stop at the shorter side, which is the cut; they are hand-written because a `memcmp` call
/// per pattern would cost more than the comparison.
fn matches_digits(input: &[u8], pattern: &Pattern) -> bool {
    let not_after =
        |a: &[u8], b: &[u8]| a.iter().zip(b).find(|(x, y)| x != y).is_none_or(|(x, y)| x < y);
    match pattern.range() {
        None => {
            input.iter().zip(pattern.prefix().unwrap_or_default().bytes()).all(|(a, b)| *a == b)
        }
        Some((min, max)) => not_after(min.as_bytes(), input) && not_after(input, max.as_bytes()),
    }
}

/// Runs credit-card-type over `brands` (in priority order) for `input`.
pub(crate) fn detect<'a>(brands: &'a [Brand], input: &str) -> Vec<BrandMatch<'a>> {
    if input.is_empty() {
        return brands.iter().map(|brand| BrandMatch { brand, strength: None }).collect();
    }
    let units = if input.is_ascii() {
        Units::Ascii { bytes: input.as_bytes(), digits: js::all_digits(input) }
    } else {
        Units::Wide(input.encode_utf16().collect())
    };
    let mut found = Vec::new();
    for brand in brands {
        // Only a brand's first matching pattern counts.
        if let Some(pattern) = brand.patterns().iter().find(|p| matches(&units, p)) {
            let strength = (units.len() >= pattern.len()).then_some(pattern.len());
            found.push(BrandMatch { brand, strength });
        }
    }
    // The list collapses to the strongest candidate only once every candidate has a strength;
    // on a tie the earlier brand wins.
    if !found.is_empty() && found.iter().all(|m| m.strength.is_some()) {
        let mut best = found[0];
        for candidate in &found[1..] {
            if best.strength < candidate.strength {
                best = *candidate;
            }
        }
        return vec![best];
    }
    found
}
