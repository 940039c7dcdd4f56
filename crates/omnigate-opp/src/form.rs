//! `application/x-www-form-urlencoded` bodies: OPP's request encoding with flat dotted keys.
//!
//! The decoder is strict where a lossy one would hide mistakes: a broken `%` escape or bytes
//! that are not UTF-8 are errors, not replacement characters.

use std::fmt;

/// The content type of every OPP request body.
pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// Why a body is not a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormError {
    /// A `%` not followed by two hex digits.
    BadEscape,
    /// A name or value that does not decode to UTF-8.
    NotUtf8,
}

impl FormError {
    /// Stable snake_case code of the error.
    pub fn code(self) -> &'static str {
        match self {
            Self::BadEscape => "bad_escape",
            Self::NotUtf8 => "not_utf8",
        }
    }
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::BadEscape => "malformed percent escape in form body",
            Self::NotUtf8 => "form body is not UTF-8",
        })
    }
}

impl std::error::Error for FormError {}

/// Encodes name/value pairs as a form body, in the given order.
///
/// ```
/// let body = omnigate_opp::form::encode([("card.holder", "Jane Jones"), ("a[b]", "1&2")]);
/// assert_eq!(body, "card.holder=Jane+Jones&a%5Bb%5D=1%262");
/// ```
pub fn encode<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut body = String::new();
    for (name, value) in pairs {
        if !body.is_empty() {
            body.push('&');
        }
        escape_into(&mut body, name);
        body.push('=');
        escape_into(&mut body, value);
    }
    body
}

/// Decodes a form body (or a URL query string) into name/value pairs, in order.
///
/// ```
/// let pairs = omnigate_opp::form::decode(b"entityId=e1&card.holder=Jane+Jones").unwrap();
/// assert_eq!(pairs[1], ("card.holder".to_owned(), "Jane Jones".to_owned()));
/// ```
pub fn decode(body: &[u8]) -> Result<Vec<(String, String)>, FormError> {
    body.split(|byte| *byte == b'&')
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            let split = segment.iter().position(|byte| *byte == b'=');
            let (name, value) = match split {
                Some(at) => (&segment[..at], &segment[at + 1..]),
                None => (segment, &segment[segment.len()..]),
            };
            Ok((unescape(name)?, unescape(value)?))
        })
        .collect()
}

fn escape_into(out: &mut String, text: &str) {
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0x0f)]));
            }
        }
    }
}

fn unescape(raw: &[u8]) -> Result<String, FormError> {
    let mut bytes = Vec::with_capacity(raw.len());
    let mut rest = raw;
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        match byte {
            b'+' => bytes.push(b' '),
            b'%' => {
                let (high, low) = match rest {
                    [high, low, ..] => (hex_value(*high), hex_value(*low)),
                    _ => (None, None),
                };
                let (Some(high), Some(low)) = (high, low) else {
                    return Err(FormError::BadEscape);
                };
                bytes.push(high << 4 | low);
                rest = &rest[2..];
            }
            _ => bytes.push(byte),
        }
    }
    String::from_utf8(bytes).map_err(|_| FormError::NotUtf8)
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit).to_digit(16).and_then(|value| u8::try_from(value).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_broken_input() {
        let pairs = [("customParameters[forceResultCode]", "800.100.151"), ("x", "ä ö+&=")];
        let body = encode(pairs);
        assert_eq!(
            body,
            "customParameters%5BforceResultCode%5D=800.100.151&x=%C3%A4+%C3%B6%2B%26%3D"
        );
        let decoded = decode(body.as_bytes()).unwrap();
        assert_eq!(decoded[0].0, "customParameters[forceResultCode]");
        assert_eq!(decoded[1].1, "ä ö+&=");
        assert_eq!(decode(b"a=%zz"), Err(FormError::BadEscape));
        assert_eq!(decode(b"a=%4"), Err(FormError::BadEscape));
        assert_eq!(decode(b"a=%FF"), Err(FormError::NotUtf8));
        assert_eq!(decode(b"a=\xff"), Err(FormError::NotUtf8));
        assert_eq!(
            decode(b"&&flag&b=").unwrap(),
            vec![("flag".to_owned(), String::new()), ("b".to_owned(), String::new())]
        );
    }
}
