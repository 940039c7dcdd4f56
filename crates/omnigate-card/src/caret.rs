//! Keeping the caret in place when a field is reformatted while the shopper types.

/// Maps a caret position in the text as typed (`raw`) to the same place in `formatted`, the
/// output of [`format_number`](crate::format_number) or [`format_expiry`](crate::format_expiry)
/// for `raw`. Positions count characters (for the ASCII formatted text, the same as
/// JavaScript's UTF-16 `selectionStart`).
///
/// The caret stays right after the digit it followed, wherever separators were added or
/// removed, so typing, deleting or pasting in the middle does not throw it to the end. A caret
/// at the end of `raw` goes to the end of `formatted` (past a separator just added, as in
/// `"12"` → `"12 / "`). Digits the formatter added (the `0` of `"04"`) or dropped are skipped
/// over. The result never decreases as `raw_caret` grows.
///
/// ```
/// use omnigate_card::{format_number, map_caret, BrandTable};
///
/// // "4111 1111" with "9" typed after the fourth digit: the caret follows the 9.
/// let raw = "41119 1111";
/// let formatted = format_number(raw, &BrandTable::standard());
/// assert_eq!(formatted, "4111 9111 1");
/// assert_eq!(map_caret(raw, 5, &formatted), 6);
/// ```
pub fn map_caret(raw: &str, raw_caret: usize, formatted: &str) -> usize {
    let raw_count = Count::of(raw, raw_caret);
    let shown_count = Count::of(formatted, 0);
    if raw_caret >= raw_count.chars {
        return shown_count.chars;
    }
    // Align the raw digits with the formatted ones, up to the caret: a mismatch is a digit the
    // formatter added (when the formatted side has more digits left) or dropped (otherwise).
    let (mut raw_left, mut shown_left) = (raw_count.digits, shown_count.digits);
    // The typed digits are read as bytes (no byte of a multi-byte character is an ASCII
    // digit); the formatted text is walked a byte at a time, counting characters, so each loop
    // is a plain one rather than a chain of filters.
    let mut typed = crate::js::ascii_digits(raw).take(raw_count.digits_before);
    // A typed digit not matched yet, held over for the next formatted digit. The next typed
    // digit is read in one place only, so its loop is compiled once.
    let mut held = None;
    let (mut position, mut chars) = (0, 0);
    for shown in formatted.bytes() {
        chars += usize::from(starts_char(shown));
        if !shown.is_ascii_digit() {
            continue;
        }
        loop {
            let Some(digit) = held.take().or_else(|| typed.next()) else { return position };
            let matched = digit == shown;
            if !matched && shown_left > raw_left {
                // The formatter added this digit; the next one may match the typed one.
                held = Some(digit);
                break;
            }
            // Matched, or the formatter dropped the typed digit: on to the next typed one.
            raw_left -= 1;
            if matched {
                position = chars; // Right after this digit, which is character `chars - 1`.
                break;
            }
        }
        shown_left -= 1;
    }
    position
}

/// What [`map_caret`] counts in a text, in one pass.
struct Count {
    /// Characters.
    chars: usize,
    /// ASCII digits.
    digits: usize,
    /// ASCII digits before the caret.
    digits_before: usize,
}

impl Count {
    /// Counts `text`, the digits before character `caret` apart. Left to the compiler to
    /// inline: since wasm-opt converges, the two inlined loops gzip smaller than one call
    /// (-15 B; the formatted text's count needs no caret).
    fn of(text: &str, caret: usize) -> Self {
        let mut count = Count { chars: 0, digits: 0, digits_before: 0 };
        for b in text.bytes() {
            if !starts_char(b) {
                continue;
            }
            if b.is_ascii_digit() {
                count.digits += 1;
                count.digits_before += usize::from(count.chars < caret);
            }
            count.chars += 1;
        }
        count
    }
}

/// True for the first byte of a character: bytes 0x80–0xBF continue one.
fn starts_char(byte: u8) -> bool {
    !(0x80..0xc0).contains(&byte)
}
