//! Keeping the caret in place when a field is reformatted while the shopper types.

use alloc::vec::Vec;

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
    let formatted_len = formatted.chars().count();
    if raw_caret >= raw.chars().count() {
        return formatted_len;
    }
    let raw_digits: Vec<char> = raw.chars().filter(char::is_ascii_digit).collect();
    let typed = raw.chars().take(raw_caret).filter(char::is_ascii_digit).count();
    let shown: Vec<(usize, char)> =
        formatted.chars().enumerate().filter(|(_, c)| c.is_ascii_digit()).collect();

    // Align the raw digits with the formatted ones: a mismatch is a digit the formatter added
    // (when the formatted side has more digits left) or dropped (otherwise).
    let (mut r, mut f, mut position) = (0, 0, 0);
    while r < typed && f < shown.len() {
        let (index, digit) = shown[f];
        if digit == raw_digits[r] {
            position = index + 1;
            r += 1;
            f += 1;
        } else if shown.len() - f > raw_digits.len() - r {
            f += 1;
        } else {
            r += 1;
        }
    }
    position
}
