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
    let mut typed = digits(raw).take(raw_count.digits_before);
    let mut next_typed = typed.next();
    let mut position = 0;
    for (at, shown) in digits(formatted) {
        loop {
            let Some((_, digit)) = next_typed else { return position };
            let matched = digit == shown;
            if !matched && shown_left > raw_left {
                break; // The formatter added this digit; the next one may match the typed one.
            }
            // Matched, or the formatter dropped the typed digit: on to the next typed one.
            (next_typed, raw_left) = (typed.next(), raw_left - 1);
            if matched {
                position = at + 1;
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
    /// Counts `text`, the digits before character `caret` apart. Kept out of line: both texts
    /// are counted, and one copy of the loop is smaller than two.
    #[inline(never)]
    fn of(text: &str, caret: usize) -> Self {
        let mut count = Count { chars: 0, digits: 0, digits_before: 0 };
        for (at, b) in chars(text) {
            count.chars += 1;
            if b.is_ascii_digit() {
                count.digits += 1;
                count.digits_before += usize::from(at < caret);
            }
        }
        count
    }
}

/// The first byte of each character of `text`, with the character's index. Bytes 0x80–0xBF
/// continue a character; ASCII digits, the only bytes looked at, start one.
fn chars(text: &str) -> impl Iterator<Item = (usize, u8)> + '_ {
    text.bytes().filter(|&b| !(0x80..0xc0).contains(&b)).enumerate()
}

/// The ASCII digits of `text`, with their character index.
fn digits(text: &str) -> impl Iterator<Item = (usize, u8)> + '_ {
    chars(text).filter(|&(_, b)| b.is_ascii_digit())
}
