//! Brand detection exactly as credit-card-type 10.3.0 does it (`matches.ts`,
//! `add-matching-cards-to-results.ts`, `find-best-match.ts`).
//!
//! Digit input, every keystroke check, is matched with two integer comparisons per pattern.
//! Other input is compared as JavaScript sees it, in UTF-16 code units and with `parseInt` for
//! ranges, so even inputs with spaces or letters give credit-card-type's answer.

use alloc::vec::Vec;

use crate::brand::{Brand, Pattern};
use crate::error::Validity;
use crate::js;
use crate::number::NumberCheck;

/// A brand that `detect` found, with the strength of its match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BrandMatch<'a> {
    /// The candidate brand.
    pub brand: &'a Brand,
    /// The digit count of the brand's first matching pattern, when the input is at least that
    /// long (credit-card-type's `matchStrength`); `None` while the input is shorter.
    pub strength: Option<usize>,
}

/// The longest pattern, in digits.
const MAX_DIGITS: usize = 19;

/// For each pattern length `n`: the lowest and highest `n`-digit numbers that start with the
/// digits typed (the first `n` digits twice once there are that many). A pattern matches when
/// its range overlaps that window, which is credit-card-type's comparison of the digits both
/// have, done with two integer comparisons.
struct Windows([(u64, u64); MAX_DIGITS + 1]);

impl Windows {
    fn new(mut digits: impl Iterator<Item = u8>) -> Self {
        let mut windows = [(0, 0); MAX_DIGITS + 1];
        let (mut low, mut high) = (0u64, 0u64);
        // Window 0 stays empty: no pattern has 0 digits.
        let [_, longer @ ..] = &mut windows;
        for window in longer {
            // Past the typed digits, the lowest number goes on with 0s and the highest with 9s.
            let (low_digit, high_digit) = match digits.next() {
                Some(digit) => (digit.wrapping_sub(b'0'), digit.wrapping_sub(b'0')),
                None => (0, 9),
            };
            low = low * 10 + u64::from(low_digit);
            high = high * 10 + u64::from(high_digit);
            *window = (low, high);
        }
        Self(windows)
    }

    /// Whether `pattern` matches, and then whether strongly: with all its digits typed, which
    /// is when its window is a single number (padding makes the lowest and highest differ).
    fn matches(&self, pattern: &Pattern) -> Option<bool> {
        let &(low, high) = self.0.get(pattern.len())?;
        (low <= pattern.max() && pattern.min() <= high).then_some(low == high)
    }
}

/// Input that is not all digits, as UTF-16 code units, compared as JavaScript would.
struct Units(Vec<u16>);

impl Units {
    fn unit(&self, index: usize) -> u16 {
        self.0.get(index).copied().unwrap_or(0)
    }

    /// credit-card-type's `matches(cardNumber, pattern)`.
    fn matches(&self, pattern: &Pattern) -> bool {
        let shared = self.0.len().min(pattern.len());
        let (min, max) = pattern.texts();
        if !pattern.is_range() {
            return min.bytes().take(shared).enumerate().all(|(i, b)| self.unit(i) == u16::from(b));
        }
        // The range is cut to the input's length on both ends: "2" matches 2221-2229.
        let cut = |text: &str| js::parse_int(text.bytes().take(shared).map(u16::from));
        let value = js::parse_int((0..shared).map(|i| self.unit(i)));
        match (value, cut(&min), cut(&max)) {
            (Some(value), Some(low), Some(high)) => low <= value && value <= high,
            _ => false,
        }
    }
}

/// The candidates among `brands` (in priority order), each brand matched by its first pattern
/// that `matches` (which tells a strong match: one with the input at least as long as the
/// pattern): only that one counts. Answers the candidates, and the match strength of the
/// first when it is the only one left, as the start of a [`NumberCheck`] (no brand yet,
/// potentially valid) that `validate_number` completes where it lies. Empty input (only ever
/// digits) matches every pattern, all weakly, so every brand is a candidate, as in
/// credit-card-type.
fn scan(brands: &[Brand], matches: impl Fn(&Pattern) -> Option<bool>) -> NumberCheck<'_> {
    let mut found = Vec::new();
    // Where in `found` the strongest match so far is, and its strength; `None` once a
    // candidate is weak: the list then stays whole. On a tie the earlier brand wins.
    let mut best = Some((0, 0));
    for brand in brands {
        let Some((pattern, strong)) =
            brand.patterns().iter().find_map(|pattern| Some((pattern, matches(pattern)?)))
        else {
            continue;
        };
        let strength = pattern.len();
        if !strong {
            best = None;
        } else if let Some((_, top)) = best
            && top < strength
        {
            best = Some((found.len(), strength));
        }
        found.push(brand);
    }
    // Every candidate is strong (and there is one): the list collapses to the strongest, in
    // the one allocation.
    let match_strength = match best {
        Some((index, strength)) if let Some(&brand) = found.get(index) => {
            found.truncate(1);
            if let Some(first) = found.first_mut() {
                *first = brand;
            }
            Some(strength)
        }
        _ => None,
    };
    let state = Validity::PotentiallyValid;
    NumberCheck { brand: None, match_strength, candidates: found, state }
}

/// credit-card-type over `brands` for the ASCII digits of `text`, the rest skipped (every
/// keystroke check). Reading the digits where they are spares formatting a copy of them.
pub(crate) fn digit_candidates<'a>(
    brands: &'a [Brand],
    text: &str,
) -> (Vec<&'a Brand>, Option<usize>) {
    let check = digit_check(brands, text);
    (check.candidates, check.match_strength)
}

/// [`digit_candidates`] as the start of `validate_number`'s answer (which it completes in
/// place: moved from a pair into it, the list took a copy) and as what `format_number` reads.
pub(crate) fn digit_check<'a>(brands: &'a [Brand], text: &str) -> NumberCheck<'a> {
    let windows = Windows::new(js::ascii_digits(text));
    scan(brands, |pattern| windows.matches(pattern))
}

/// credit-card-type over `brands` for any input.
pub(crate) fn candidates<'a>(brands: &'a [Brand], input: &str) -> (Vec<&'a Brand>, Option<usize>) {
    if js::all_digits(input) {
        return digit_candidates(brands, input);
    }
    let units = Units(input.encode_utf16().collect());
    // Strong once the input is as long as the pattern, counted in UTF-16 units as JS does.
    let len = units.0.len();
    let check = scan(brands, |pattern| units.matches(pattern).then_some(len >= pattern.len()));
    (check.candidates, check.match_strength)
}

/// [`candidates`] with each one's match strength (credit-card-type's `matchStrength`).
pub(crate) fn detect<'a>(brands: &'a [Brand], input: &str) -> Vec<BrandMatch<'a>> {
    let (found, strength) = candidates(brands, input);
    if strength.is_some() || input.is_empty() {
        return found.into_iter().map(|brand| BrandMatch { brand, strength }).collect();
    }
    // Still ambiguous: each candidate's own strength, from its first matching pattern.
    found
        .into_iter()
        .map(|brand| {
            let (_, strength) = candidates(core::slice::from_ref(brand), input);
            BrandMatch { brand, strength }
        })
        .collect()
}
