//! The record: a brand written as one line of text, and the one parser that checks it.
//!
//! A record has nine fields separated by U+001F: id, name, gateway brand, patterns, lengths,
//! gaps, security code name, security code size and Luhn. A field is `=` and its value, `-`
//! when it is not given (the default below applies) or `!` when the caller had a value of the
//! wrong type (the browser module's JavaScript writes that; it is refused like a bad value).
//! Missing trailing fields count as not given.
//!
//! | field | value | default |
//! |---|---|---|
//! | id, name | 1–64 characters, no control characters | name: the id |
//! | gateway brand | 1–32 of `A-Z`, `0-9`, `_` | the id's letters and digits in capitals |
//! | patterns | prefixes `4` and ranges `51~55`, comma-separated; 1–19 digits, bounds of equal length | none: required |
//! | lengths | `16,18,19`: each 1–19 | `16` |
//! | gaps | `4,8,12`: strictly increasing, each 1–18, may be empty | `4,8,12` |
//! | security code name | 1–32 characters, no control characters | `CVV` |
//! | security code size | 0–8 | `3` |
//! | Luhn | `1` (yes) or anything else (no) | `1` |
//!
//! [`parse`] answers the brand with its record rewritten with every field given, which is what
//! [`Brand::record`] shows; the built-in brands are written this way in `brands.rs`.

use alloc::{string::String, vec::Vec};

use super::{Brand, Pattern};
use crate::error::{BrandError, part, push, push_ascii};

pub(crate) const ID: usize = 0;
pub(crate) const NAME: usize = 1;
pub(crate) const GATEWAY: usize = 2;
const PATTERNS: usize = 3;
pub(crate) const LENGTHS: usize = 4;
const GAPS: usize = 5;
pub(crate) const CODE_NAME: usize = 6;
const CODE_SIZE: usize = 7;
const LUHN: usize = 8;
pub(crate) const FIELDS: usize = 9;

/// Separates the fields of a record.
pub(crate) const SEPARATOR: u8 = 0x1f;

/// What a given value holds where the caller's value had the wrong type: no field accepts it.
const WRONG_TYPE: &str = "\u{1}";

/// The parts of `text` between `separator` bytes (all ASCII, so every cut is a char boundary).
pub(crate) struct Items<'a> {
    rest: Option<&'a str>,
    separator: u8,
}

impl<'a> Items<'a> {
    pub(crate) fn new(text: &'a str, separator: u8) -> Self {
        Self { rest: Some(text), separator }
    }
}

impl<'a> Iterator for Items<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.rest?;
        // The first part, found by the error tables' part finder: one copy of that loop.
        let item = part(text, self.separator, 0, 0);
        // Past the separator after the item; none when the item ends the text.
        self.rest = text.get(item.len() + 1..);
        Some(item)
    }
}

/// The value of field `index` (below [`FIELDS`]) of a record whose fields are all given (after
/// its `=`): cut by the error tables' line finder, one copy of that loop.
pub(crate) fn field(record: &str, index: usize) -> &str {
    part(record, SEPARATOR, index, 1)
}

/// Each field's name in errors, one a line in field order, then the rule each field breaks
/// when it is refused, one a line (Luhn is never refused): read with [`part`], as the error
/// tables are, one text rather than a table of addresses and lengths. One text for both, so
/// that the two reads of an error name the same text.
const TEXTS: &str = "\
id
name
gateway_brand
patterns
lengths
gaps
security_code_name
security_code_size
luhn
must be 1-64 characters without control characters
must be 1-64 characters without control characters
must be 1-32 of A-Z, 0-9 and _
must be prefixes or [min, max] ranges of 1-19 digits, min not above max
must be one or more lengths of 1-19 digits
must be increasing indexes of 1-18
must be 1-32 characters without control characters
must be 0-8
";

/// The value each field takes when not given, one a line. The name's default is the id and the
/// gateway brand's is derived from the id (see [`parse`]); the id's is [`WRONG_TYPE`]'s
/// character, so a missing id is refused like a wrong type; patterns have none (required).
/// In field order: id `\u{1}`, name, gateway brand and patterns empty, lengths `16`, gaps
/// `4,8,12`, security code `CVV` of size `3`, Luhn `1`.
pub(crate) const DEFAULTS: &str = "\u{1}\n\n\n\n16\n4,8,12\nCVV\n3\n1";

/// Checks `text` and builds the brand, with its record rewritten with every field given.
///
/// One pass over the fields in order: each is written to the new record (its given value or
/// its default), then checked and decoded from there, so the first bad field is the one named.
pub(crate) fn parse(text: &str) -> Result<Brand, BrandError> {
    let mut brand = Brand {
        record: String::new(),
        patterns: Vec::new(),
        lengths: String::new(),
        gaps: String::new(),
        // Above any size: the mark of no size read yet (see the number lists below); the
        // field always has a value, so a brand never keeps it.
        code_size: u8::MAX,
        luhn: true,
    };
    let mut parts = Items::new(text, SEPARATOR);
    let mut id = WRONG_TYPE;
    // The lowest gap allowed next: gaps rise, each above the one before.
    let mut floor = 1;
    for index in 0..FIELDS {
        let given = parts.next().and_then(|item| match item.as_bytes() {
            [b'=', ..] => item.get(1..),
            [b'!'] => Some(WRONG_TYPE),
            _ => None,
        });
        let record = &mut brand.record;
        // Through the messages' out-of-line append: an inlined `push_str` is a copy of the
        // growing code per call.
        push(record, if index == ID { "=" } else { "\u{1f}=" });
        let start = record.len();
        let text = match (index, given) {
            (NAME, None) => id,
            // Anything but `1` turns the check off (the brand starts with it on), written `0`.
            (LUHN, Some(flag)) if flag != "1" => {
                brand.luhn = false;
                "0"
            }
            // The gateway brand's default is empty: it is derived below.
            (_, value) => value.unwrap_or_else(|| part(DEFAULTS, b'\n', index, 0)),
        };
        push(record, text);
        if index == GATEWAY && given.is_none() {
            for byte in id.bytes().filter(u8::is_ascii_alphanumeric) {
                // A letter or a digit, and lower case letters are the only such bytes from `a`
                // up: one comparison, where `to_ascii_uppercase` tests for a lower case letter.
                push_ascii(record, byte - 32 * u8::from(byte >= b'a'));
            }
        }
        // The field as written, derived letters included, as bytes: the text checks read
        // bytes, and a byte slice needs no char-boundary check.
        let value = record.as_bytes().get(start..).unwrap_or_default();
        if index == ID {
            id = given.unwrap_or(WRONG_TYPE);
        }
        let ok = match index {
            // A derived gateway brand is made of the right characters: only its length can fail.
            ID | NAME | GATEWAY | CODE_NAME => {
                is_text(value, if matches!(index, ID | NAME) { 64 } else { 32 }, index == GATEWAY)
            }
            // Read above: any value is allowed.
            LUHN => true,
            // The numbers -- patterns, lengths, gaps and the security code's size -- are read
            // as lists, each item by one pattern decoder, and decoded while they are checked.
            // No gaps is the one empty list allowed. (No number field is derived: the text
            // given or the default is what was written.)
            _ => {
                (index == GAPS && text.is_empty())
                    || Items::new(text, b',').all(|item| {
                        let Some(pattern) = pattern(item) else { return false };
                        if index == PATTERNS {
                            brand.patterns.push(pattern);
                            return true;
                        }
                        let (low, high) = match index {
                            LENGTHS => (1, 19),
                            // Gaps rise: each is above the one before.
                            GAPS => (floor, 18),
                            // One size: the first is read over the no-size mark, a second one finds
                            // no arm.
                            CODE_SIZE if brand.code_size > 8 => (0, 8),
                            // No other number field: refused, were there one with no rule here.
                            _ => return false,
                        };
                        if pattern.range || !(low..=high).contains(&pattern.min) {
                            return false;
                        }
                        // At most 19: the cast keeps it.
                        let number = pattern.min as u8;
                        let list = match index {
                            LENGTHS => &mut brand.lengths,
                            GAPS => {
                                floor = pattern.min + 1;
                                &mut brand.gaps
                            }
                            _ => {
                                brand.code_size = number;
                                return true;
                            }
                        };
                        // At most 19: one byte, appended as text like the record's.
                        push_ascii(list, number);
                        true
                    })
            }
        };
        if !ok {
            let (field, reason) =
                (part(TEXTS, b'\n', index, 0), part(TEXTS, b'\n', FIELDS + index, 0));
            return Err(BrandError::InvalidBrand { field, reason });
        }
    }
    Ok(brand)
}

/// 1 to `max` characters, none of them a control character (the separators are); with
/// `gateway`, each of them one of `A-Z`, `0-9` and `_` (one byte each, so counted alike). One
/// loop for the four text fields.
///
/// Read byte by byte instead of decoding chars: the control characters are U+0000-U+001F and
/// U+007F, one byte each, and U+0080-U+009F, `C2` followed by `80`-`9F`; every byte but a
/// continuation byte (`10xxxxxx`) starts a character.
///
/// Out of line, though called once: the parser's loop is smaller without it inside (Node gzip
/// 4 B less, measured).
#[inline(never)]
fn is_text(value: &[u8], max: usize, gateway: bool) -> bool {
    let (mut count, mut previous) = (0, 0);
    for &byte in value {
        if byte < 0x20 || byte == 0x7f || (previous == 0xc2 && byte < 0xa0) {
            return false;
        }
        if gateway && !(byte.is_ascii_uppercase() || byte.is_ascii_digit() || byte == b'_') {
            return false;
        }
        count += usize::from(byte & 0xc0 != 0x80);
        previous = byte;
    }
    (1..=max).contains(&count)
}

/// `4` (a prefix) or `51~55` (a range whose bounds have the same number of digits, 1 to 19);
/// also the number decoder of the other number fields, which take prefixes alone.
///
/// One pass over the bytes, the digits decoded into one bound as they are read: the `~` makes
/// it the minimum and starts the maximum. No cut at the `~` (and no char-boundary checks), and
/// a second `~` is refused like any other non-digit.
fn pattern(item: &str) -> Option<Pattern> {
    // Each bound as (value, digits); 19 digits always fit a u64.
    let (mut min, mut bound, mut range) = ((0u64, 0u8), (0u64, 0u8), false);
    for byte in item.bytes() {
        match byte {
            b'~' if !range => (min, bound, range) = (bound, (0, 0), true),
            b'0'..=b'9' if bound.1 < 19 => {
                bound = (bound.0 * 10 + u64::from(byte - b'0'), bound.1 + 1);
            }
            _ => return None,
        }
    }
    // A prefix is its own minimum.
    if !range {
        min = bound;
    }
    let (len, ok) = (min.1, min.1 > 0 && min.1 == bound.1 && min.0 <= bound.0);
    ok.then_some(Pattern { min: min.0, max: bound.0, len, range })
}

/// `value` in decimal with leading zeros up to `len` digits.
///
/// Written from the end of a byte buffer and copied once: collecting reversed chars into a
/// String brought the generic char-extend code along.
pub(crate) fn padded(value: u64, len: u8) -> String {
    let mut digits = [b'0'; 20];
    let (mut rest, mut start) = (value, digits.len());
    for slot in digits.iter_mut().rev().take(usize::from(len.max(1))) {
        *slot = b'0' + (rest % 10) as u8;
        rest /= 10;
        start -= 1;
    }
    let digits = digits.get(start..).unwrap_or_default();
    // ASCII digits: always UTF-8.
    core::str::from_utf8(digits).unwrap_or_default().into()
}

#[cfg(test)]
mod tests {
    use super::{field, padded, parse};
    use crate::BrandError;

    fn error_field(text: &str) -> &'static str {
        match parse(text) {
            Err(BrandError::InvalidBrand { field, .. }) => field,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn defaults_fill_fields_not_given() {
        let brand = parse("=my-card\u{1f}-\u{1f}-\u{1f}=4,51~55").unwrap();
        assert_eq!(
            brand.record(),
            "=my-card\u{1f}=my-card\u{1f}=MYCARD\u{1f}=4,51~55\u{1f}=16\u{1f}=4,8,12\u{1f}=CVV\u{1f}=3\u{1f}=1"
        );
        assert_eq!(field(brand.record(), 3), "4,51~55");
        assert_eq!(parse(brand.record()).unwrap(), brand);
        let patterns = brand.patterns();
        assert_eq!((patterns[1].min(), patterns[1].max(), patterns[1].len()), (51, 55, 2));
        assert!(patterns[1].is_range() && !patterns[0].is_range());
    }

    #[test]
    fn each_bad_field_is_named() {
        let with = |index: usize, value: &str| {
            let mut fields = ["=a", "-", "-", "=4", "-", "-", "-", "-", "-"];
            fields[index] = value;
            fields.join("\u{1f}")
        };
        assert_eq!(error_field(""), "id");
        assert_eq!(error_field(&with(0, "!")), "id");
        assert_eq!(error_field(&with(0, "=a\u{1}")), "id");
        assert_eq!(error_field(&with(1, "=")), "name");
        assert_eq!(error_field(&with(2, "=visa")), "gateway_brand");
        assert_eq!(error_field(&with(0, "=---")), "gateway_brand");
        for bad in ["=", "!", "=4,", "=55~51", "=5~55", "=4~5~6", "=12345678901234567890", "=4a"] {
            assert_eq!(error_field(&with(3, bad)), "patterns", "{bad}");
        }
        for bad in ["=", "!", "=0", "=20", "=16,", "=1.5", "=+16"] {
            assert_eq!(error_field(&with(4, bad)), "lengths", "{bad}");
        }
        // Lengths may come in any order and repeat; gaps must rise.
        assert_eq!(parse(&with(4, "=19,16,16")).unwrap().lengths(), [19, 16, 16]);
        for bad in ["!", "=0", "=19", "=8,4", "=4,4"] {
            assert_eq!(error_field(&with(5, bad)), "gaps", "{bad}");
        }
        assert!(parse(&with(5, "=")).unwrap().gaps().is_empty());
        assert_eq!(error_field(&with(6, "=")), "security_code_name");
        for bad in ["=9", "=", "!", "=300"] {
            assert_eq!(error_field(&with(7, bad)), "security_code_size", "{bad}");
        }
        assert!(!parse(&with(8, "=0")).unwrap().luhn());
    }

    #[test]
    fn texts_may_hold_the_list_separators() {
        // `,` and `~` separate patterns only inside the patterns field (credit-card-type
        // accepts a niceType such as "Foo, Inc").
        let brand =
            parse("=a\u{1f}=Foo, Inc ~ Co\u{1f}-\u{1f}=4\u{1f}-\u{1f}-\u{1f}=C,V~V").unwrap();
        assert_eq!((brand.name(), brand.security_code().name()), ("Foo, Inc ~ Co", "C,V~V"));
        let mut spec = crate::BrandSpec::new("a", "Foo, Inc");
        spec.patterns.push(crate::PatternSpec::Prefix("4".into()));
        assert_eq!(spec.build().unwrap().name(), "Foo, Inc");
    }

    #[test]
    fn the_field_texts_have_one_line_per_field() {
        assert_eq!(super::DEFAULTS.split('\n').count(), super::FIELDS);
        assert_eq!(super::TEXTS.split('\n').count(), 2 * super::FIELDS);
        assert_eq!(super::DEFAULTS.split('\n').next(), Some(super::WRONG_TYPE));
        assert_eq!(super::TEXTS.split('\n').next_back(), Some(""), "Luhn is never refused");
    }

    #[test]
    fn padded_keeps_leading_zeros() {
        assert_eq!([padded(42, 4), padded(0, 1), padded(7, 0)], ["0042", "0", "7"]);
    }
}
