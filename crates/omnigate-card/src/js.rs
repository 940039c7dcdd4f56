//! The few JavaScript string rules the peer libraries rely on, so results match them exactly.
//!
//! card-validator and credit-card-type are JavaScript: their regexes use JS's `\s`, their
//! lengths count UTF-16 code units and their range matching uses `parseInt`. Each helper here
//! reproduces one of those rules for Rust strings.

/// True for the characters JavaScript's `\s`, `trim()` and `parseInt` treat as white space.
///
/// That is ECMAScript's WhiteSpace and LineTerminator sets. It differs from
/// [`char::is_whitespace`]: U+FEFF counts, U+0085 does not.
///
/// Inlined: it runs once per character of every expiry check, the hot path with the least
/// headroom over card-validator; typed text is ASCII, answered by the first test.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '\t'..='\r' | ' ');
    }
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// The length in bytes of the JS white space character (see [`is_space`]) `bytes` starts
/// with, or 0 when they start with anything else.
///
/// `bytes` must be UTF-8 text from a character boundary on (every caller passes a `&str`
/// cut at ASCII bytes or character boundaries): a three-byte sequence is decoded without
/// checking its continuation bytes. Checks that skip white space decode nothing else of the
/// characters they skip, and no continuation byte starts one of these sequences, so stepping a
/// byte at a time past other characters never finds white space inside one.
pub(crate) fn space_len(bytes: &[u8]) -> usize {
    // The three-byte ones are told apart by their code point, decoded from the lead byte and
    // the two continuation bytes after it (the text is UTF-8): a few compares, where a match on
    // the bytes branched byte by byte.
    let point = match *bytes {
        [b'\t'..=b'\r' | b' ', ..] => return 1,
        [0xc2, 0xa0, ..] => return 2,
        [lead @ 0xe1..=0xef, second, third, ..] => {
            u32::from(lead & 0x0f) << 12 | u32::from(second & 0x3f) << 6 | u32::from(third & 0x3f)
        }
        _ => return 0,
    };
    // U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF.
    let space = matches!(
        point,
        0x1680 | 0x2000..=0x200a | 0x2028 | 0x2029 | 0x202f | 0x205f | 0x3000 | 0xfeff
    );
    if space { 3 } else { 0 }
}

/// `s` without the JS white space at either end (JS `trim()`).
///
/// [`Spaces`] finds both ends in one forward pass over the bytes that decodes nothing: the
/// expiry checks' scan, so the browser module keeps one such loop for both (rather than
/// `trim_matches`, which decodes from both ends, or a loop of its own).
pub(crate) fn trim(s: &str) -> &str {
    let spaces = Spaces::of(s.as_bytes());
    // Both ends are character boundaries: white space is skipped whole. A text of white space
    // only has its content start past its end: no slice, the empty text.
    s.get(spaces.content_start..spaces.content_end).unwrap_or_default()
}

/// Where the JS white space in a text is.
pub(crate) struct Spaces {
    /// Where the first character that is not white space starts (the text's length if none).
    pub(crate) content_start: usize,
    /// Where the last character that is not white space ends (0 if none).
    pub(crate) content_end: usize,
    /// Whether the text holds any white space.
    pub(crate) any: bool,
}

impl Spaces {
    /// One pass serves every trim and white-space test. It reads bytes with [`space_len`]
    /// (and so does [`trim`], through it): a character that is not white space is stepped
    /// over a byte at a time, undecoded, and each of its bytes is content. `text` is UTF-8
    /// from a character boundary on, as `space_len` needs.
    pub(crate) fn of(text: &[u8]) -> Self {
        let mut spaces = Spaces { content_start: text.len(), content_end: 0, any: false };
        let mut at = 0;
        while let Some(rest @ [first, ..]) = text.get(at..) {
            // Typed text is mostly printable ASCII, no white space: answered without a call.
            match if first.is_ascii_graphic() { 0 } else { space_len(rest) } {
                0 => {
                    spaces.content_start = spaces.content_start.min(at);
                    at += 1;
                    spaces.content_end = at;
                }
                space => {
                    spaces.any = true;
                    at += space;
                }
            }
        }
        spaces
    }
}

/// The length of `s` as JavaScript's `String.prototype.length` counts it (UTF-16 code units).
pub(crate) fn len16(s: &str) -> usize {
    // Counted on the UTF-8 bytes, without decoding: each character has one byte that is not a
    // continuation byte (`10xxxxxx`), and the characters outside the BMP, the ones UTF-16 writes
    // as two units, are exactly those whose first byte is 0xF0 or more.
    s.bytes().map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()
}

/// True when every character is an ASCII digit (JS `/^\d*$/`; the empty string passes).
pub(crate) fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// True when `s` is a card number typed with JS white space or hyphens: card-validator's
/// `replace(/-|\s/g, "")` leaves only digits (its `/^\d*$/` test). Callers then read the
/// ASCII digits where they are ([`ascii_digits`]), so no stripped copy is made.
///
/// One walk over the bytes steps past digits and hyphens, a byte test each (digits alone, the
/// usual input, need no other), and past whole white space characters ([`space_len`], the rule
/// [`trim`] uses too): anything else ends it.
pub(crate) fn is_number_text(s: &str) -> bool {
    let mut rest = s.as_bytes();
    while let [first, tail @ ..] = rest {
        if first.is_ascii_digit() || *first == b'-' {
            rest = tail;
            continue;
        }
        match space_len(rest) {
            0 => return false,
            space => rest = rest.get(space..).unwrap_or_default(),
        }
    }
    true
}

/// The ASCII digits of `s`, everything else skipped. Bytes, not chars: no byte of a
/// multi-byte character is an ASCII digit.
pub(crate) fn ascii_digits(s: &str) -> impl DoubleEndedIterator<Item = u8> + '_ {
    s.bytes().filter(u8::is_ascii_digit)
}

/// How many ASCII digits `s` has. Out of line: the number checks count in several places.
#[inline(never)]
pub(crate) fn digit_count(s: &str) -> usize {
    ascii_digits(s).count()
}

/// JavaScript's `parseInt(text, 10)` over UTF-16 code units: leading white space, an optional
/// sign, then decimal digits up to the first other unit. `None` stands for `NaN`.
pub(crate) fn parse_int(units: impl IntoIterator<Item = u16>) -> Option<i128> {
    let mut units = units.into_iter().peekable();
    while units.next_if(|&u| char::from_u32(u32::from(u)).is_some_and(is_space)).is_some() {}
    let negative = units.next_if_eq(&u16::from(b'-')).is_some();
    if !negative {
        units.next_if_eq(&u16::from(b'+'));
    }
    let mut value: Option<i128> = None;
    for unit in units {
        let digit = match u8::try_from(unit) {
            Ok(byte) if byte.is_ascii_digit() => i128::from(byte - b'0'),
            _ => break,
        };
        // Patterns hold at most 19 digits, so saturating only guards absurd custom input.
        value = Some(value.unwrap_or(0).saturating_mul(10).saturating_add(digit));
    }
    value.map(|v| if negative { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(s: &str) -> impl Iterator<Item = u16> + '_ {
        s.encode_utf16()
    }

    #[test]
    fn parse_int_follows_javascript() {
        assert_eq!(parse_int(units("42")), Some(42));
        assert_eq!(parse_int(units(" 4a")), Some(4));
        assert_eq!(parse_int(units("-5")), Some(-5));
        assert_eq!(parse_int(units("+5 ")), Some(5));
        assert_eq!(parse_int(units("a1")), None);
        assert_eq!(parse_int(units("")), None);
        assert_eq!(parse_int(units("\u{feff}7")), Some(7));
    }

    #[test]
    fn js_space_set_differs_from_rust() {
        assert!(is_space('\u{feff}'));
        assert!(!is_space('\u{85}'));
        for s in ["", "a😀", "é€\u{ffff}\u{10000}\u{10ffff}x"] {
            assert_eq!(len16(s), s.encode_utf16().count());
        }
    }

    #[test]
    fn number_text_is_digits_hyphens_and_js_space() {
        let shapes = ["{}", "4{}1", "-{}{}-", "1 {}2\u{3000}"];
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for shape in shapes {
                let text = shape.replace("{}", c.encode_utf8(&mut [0; 4]));
                let rule = text.chars().all(|c| c.is_ascii_digit() || c == '-' || is_space(c));
                assert_eq!(is_number_text(&text), rule, "{text:?}");
            }
        }
    }

    #[test]
    fn space_len_reads_is_space_on_bytes() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = alloc::format!("{c}a");
            let len = if is_space(c) { c.len_utf8() } else { 0 };
            assert_eq!(space_len(text.as_bytes()), len, "{c:?}");
        }
        assert_eq!(space_len(b""), 0);
    }

    #[test]
    fn trim_is_trim_matches_of_js_space() {
        let texts =
            ["", " ", "\u{feff}", "a", " a ", "\u{3000}é x\u{a0}\t", "\u{85}1\u{85}", " 😀 b\n"];
        for text in texts {
            assert_eq!(trim(text), text.trim_matches(is_space), "{text:?}");
        }
        let shapes = ["{}", " {}\u{3000}", "{}a{}", "\u{feff}{}1 {}\t"];
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for shape in shapes {
                let text = shape.replace("{}", c.encode_utf8(&mut [0; 4]));
                assert_eq!(trim(&text), text.trim_matches(is_space), "{text:?}");
            }
        }
    }
}
