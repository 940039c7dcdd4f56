//! What JS and this module hand each other through linear memory: the input buffer (JS writes
//! the strings of a call there as UTF-8, back to back), the output buffer (text an export
//! leaves for JS to read) and the list of the last export that found several things.
//!
//! JS asks for the buffers' addresses (they move when they grow) and reads and writes them
//! through the module's exported `memory`. Between two calls nothing here is borrowed, so JS writing into the input
//! buffer never races a Rust reference.

use alloc::{string::String, vec::Vec};
use spin::Mutex;

static INPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());
static OUTPUT: Mutex<String> = Mutex::new(String::new());
static LIST: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// Makes the input buffer at least `size` bytes long, keeping what it holds; returns its
/// address. It never shrinks (JS only asks for more room), so only the growing half of
/// `Vec::resize` is linked.
pub(crate) fn input_buffer(size: usize) -> usize {
    let mut input = crate::lock(&INPUT);
    let more = size.saturating_sub(input.len());
    input.extend(core::iter::repeat_n(0, more));
    input.as_mut_ptr() as usize
}

/// The address of the text the last text-returning export left.
pub(crate) fn output_buffer() -> usize {
    crate::lock(&OUTPUT).as_ptr() as usize
}

/// Item `index` of the last list (candidates, matches); `u32::MAX` past its end.
pub(crate) fn list_item(index: usize) -> u32 {
    crate::lock(&LIST).get(index).copied().unwrap_or(u32::MAX)
}

/// Runs `f` over the `N` input strings JS wrote back to back, `lengths` bytes each. Bytes that
/// are not UTF-8 (JS never writes such) read as U+FFFD, which no field accepts.
pub(crate) fn with_input<const N: usize, R>(
    lengths: [usize; N],
    f: impl FnOnce([&str; N]) -> R,
) -> R {
    let input = crate::lock(&INPUT);
    let mut parts = [""; N];
    // One string, nearly every call: read at once, without `split`'s loop over arrays in memory
    // (about 45 instructions less per check, and smaller call sites: -79 B gzip).
    if let ([length], [part]) = (lengths.as_slice(), parts.as_mut_slice()) {
        *part = text(&input, *length);
    } else {
        split(&input, &lengths, &mut parts);
    }
    f(parts)
}

/// Runs `f` over the one input string, `length` bytes, like `with_input([length], ..)` but
/// with the lock taken in place: `validateExpiry`, the check at the edge of its speed target,
/// saves the lock's call (about 4% of its time in V8, for 7 B of gzip; inlined at every
/// `with_input` the lock would cost 70 B).
pub(crate) fn with_text<R>(length: usize, f: impl FnOnce(&str) -> R) -> R {
    let input = crate::lock_here(&INPUT);
    f(text(&input, length))
}

/// Cuts `input` into `parts` of `lengths` bytes, for the exports that read several strings; one
/// copy whatever their `N`.
fn split<'a>(mut input: &'a [u8], lengths: &[usize], parts: &mut [&'a str]) {
    for (part, &length) in parts.iter_mut().zip(lengths) {
        // A length past the end of the input (JS never sends one) reads as U+FFFD too.
        *part = text(input, length);
        input = input.get(length..).unwrap_or_default();
    }
}

/// The first `length` bytes of `bytes` as text; U+FFFD, which no field accepts, when there
/// are fewer or they are not UTF-8. (`formatExpiry` reads its ASCII result with it too: the
/// module's one call of the check. Cut here, not where it is called: one copy of the cut.)
pub(crate) fn text(bytes: &[u8], length: usize) -> &str {
    bytes.get(..length).and_then(crate::utf8::text).unwrap_or("\u{fffd}")
}

/// Makes `parts`, joined, the output text; returns its length in bytes. (Only the compat
/// layer writes several parts; the package's exports write one text with [`write`].)
#[cfg(feature = "compat")]
pub(crate) fn emit(parts: &[&str]) -> usize {
    write(|output| {
        for part in parts {
            output.push_str(part);
        }
    })
}

/// Makes what `f` appends to an empty text the output text; returns its length in bytes. The
/// text is written in place: no temporary string is copied over.
pub(crate) fn write(f: impl FnOnce(&mut String)) -> usize {
    let mut output = crate::lock(&OUTPUT);
    output.clear();
    f(&mut output);
    output.len()
}

/// Makes `items` the list JS reads with `listItem`; returns how many there are.
pub(crate) fn set_list(items: impl IntoIterator<Item = u32>) -> u32 {
    let mut list = crate::lock(&LIST);
    list.clear();
    // Pushed one by one: `extend` reserved for the iterator's size hint first, with code of its
    // own (-161 B in validateNumber, -110 B gzip); the list keeps its room between calls.
    for item in items {
        list.push(item);
    }
    list.len() as u32
}
