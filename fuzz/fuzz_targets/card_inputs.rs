//! Every check, parser and formatter of `omnigate-card` on arbitrary text, over both built-in
//! brand tables and on a few fixed "today"s.
//!
//! The whole text goes to each single-field function; for the two-field expiry functions it is
//! split at its first `|` (month | year), a character none of the parsers gives a meaning to.

#![no_main]

use libfuzzer_sys::fuzz_target;
use omnigate_card::{BrandTable, YearMonth};
use omnigate_fuzz::{card, fields};
use std::sync::LazyLock;

/// The tables the browser module offers: omnigate's standard one and credit-card-type's 15.
static TABLES: LazyLock<[BrandTable; 2]> =
    LazyLock::new(|| [BrandTable::standard(), BrandTable::credit_card_type()]);

/// A usual month, and the first and last months `YearMonth` allows (century edges).
static TODAYS: LazyLock<Vec<YearMonth>> = LazyLock::new(|| {
    [(2026, 6), (1000, 1), (9999, 12)]
        .into_iter()
        .map(|(year, month)| YearMonth::new(year, month).expect("a valid month"))
        .collect()
});

// `&str` takes the longest valid UTF-8 prefix of the input, so no input is wasted.
fuzz_target!(|text: &str| {
    for table in TABLES.iter() {
        // Built-in brand ids hold no digits, so all of a number's `Debug` text can be searched.
        card::number(text, table, true);
        card::formatting(text, table);
    }
    let (month, year) = text.split_once('|').unwrap_or((text, ""));
    for today in TODAYS.iter() {
        fields::expiry(text, month, year, *today);
    }
    fields::others(text);
});
