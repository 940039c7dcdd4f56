//! Bytes as text: the main module's one UTF-8 check, for the strings JS writes into the input
//! buffer and the formatted expiry. (The compat module's brand code still links
//! `core::str::from_utf8` besides.)
//!
//! `core::str::from_utf8` does the same, but its fast path for long texts and its table of
//! sequence widths cost about 0.2 KB of the module's gzip size (the budget is 12 KB), while
//! what the module reads is a few short strings per call. So this is one of the crate's two
//! unsafe blocks (the other declares the allocator single-threaded, in `lib.rs`): the
//! conversion after a plain check of the well-formed byte sequences of the Unicode standard
//! (table 3-7), which the tests hold equal to `core::str::from_utf8` on every sequence of up
//! to three bytes, the four-byte ones around every boundary, and random texts.

/// `bytes` as text, or `None` when they are not UTF-8.
pub(crate) fn text(bytes: &[u8]) -> Option<&str> {
    if !is_utf8(bytes) {
        return None;
    }
    #[allow(unsafe_code)]
    // SAFETY: `is_utf8` accepts only well-formed UTF-8 (see the tests below).
    let text = unsafe { core::str::from_utf8_unchecked(bytes) };
    Some(text)
}

/// Whether `bytes` are well-formed UTF-8: each character one ASCII byte, or a lead byte
/// `110xxxxx`, `1110xxxx` or `11110xxx` followed by that many continuation bytes `10xxxxxx`,
/// whose bits make a character (not a surrogate, at most U+10FFFF) that takes exactly that
/// many bytes (no overlong form).
fn is_utf8(bytes: &[u8]) -> bool {
    let mut at = 0;
    while let Some(lead) = bytes.get(at) {
        at += 1;
        if lead.is_ascii() {
            continue;
        }
        let width = lead.leading_ones() as usize;
        // A lone continuation byte (width 1) or a lead of 5 bytes or more is not UTF-8.
        if !(2..=4).contains(&width) {
            return false;
        }
        let Some(continuation) = bytes.get(at..at + width - 1) else { return false };
        let mut bits = u32::from(lead & (0x7f >> width));
        for byte in continuation {
            if byte & 0xc0 != 0x80 {
                return false;
            }
            bits = bits << 6 | u32::from(byte & 0x3f);
        }
        // `bits` must be a character (at most U+10FFFF, not a surrogate) whose shortest form
        // takes `width` bytes (no overlong form): plain comparisons, where `char::from_u32`
        // and `len_utf8` tested the `Option` besides (-7 B gzip).
        let shortest = 1
            + usize::from(bits >= 0x80)
            + usize::from(bits >= 0x800)
            + usize::from(bits >= 0x10000);
        if shortest != width || bits > 0x10ffff || (0xd800..0xe000).contains(&bits) {
            return false;
        }
        at += width - 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{is_utf8, text};

    /// Compares the check, not the text: a wrong `true` must fail the test, not make a `str`
    /// of bytes that are not UTF-8.
    fn same_as_core(bytes: &[u8]) {
        assert_eq!(is_utf8(bytes), core::str::from_utf8(bytes).is_ok(), "{bytes:x?}");
    }

    #[test]
    fn text_is_the_bytes_when_they_are_utf8() {
        assert_eq!(text(b""), Some(""));
        assert_eq!(text("12 / 2026 é😀".as_bytes()), Some("12 / 2026 é😀"));
        assert_eq!(text(b"12\xff"), None);
    }

    #[test]
    fn every_sequence_of_up_to_three_bytes_reads_as_core_reads_it() {
        same_as_core(&[]);
        for first in 0..=255 {
            same_as_core(&[first]);
            for second in 0..=255 {
                same_as_core(&[first, second]);
                for third in 0..=255 {
                    same_as_core(&[first, second, third]);
                }
            }
        }
    }

    #[test]
    fn four_byte_sequences_read_as_core_reads_them() {
        // Every lead byte from F0 up, every second byte, and third and fourth bytes at the
        // edges of the continuation range and past them.
        let edges = [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff];
        for first in 0xf0..=0xff {
            for second in 0..=255 {
                for third in edges {
                    for fourth in edges {
                        same_as_core(&[first, second, third, fourth]);
                        same_as_core(&[b'a', first, second, third, fourth, b'b']);
                    }
                }
            }
        }
    }

    #[test]
    fn random_texts_read_as_core_reads_them() {
        // Characters of every width, cut and glued at random byte positions.
        let pieces = "a/ 1é€😀\u{ffff}\u{10ffff}\u{d7ff}\u{e000}".as_bytes();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..200_000 {
            let len = (next() % 24) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| match next() % 8 {
                    0 => next() as u8,
                    _ => pieces[(next() % pieces.len() as u64) as usize],
                })
                .collect();
            same_as_core(&bytes);
        }
    }
}
