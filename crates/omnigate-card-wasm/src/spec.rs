//! Brand definitions as `npm/spec.js` encodes them for `addBrand`, `addCard` and `updateCard`.
//!
//! JS only records what it was given and with which JS type; every rule about the values is
//! the core's. The encoding is the core's brand record (`omnigate_card::Brand::from_record`:
//! nine fields, each `-` not given, `!` given with the wrong type, or `=` and its text), or `!`
//! alone when the argument was not an object at all.

use omnigate_card::{Brand, BrandError};

/// The brand in `text`; `argument` names the whole argument in the error for a non-object.
pub(crate) fn read(text: &str, argument: &'static str) -> Result<Brand, BrandError> {
    if text == "!" {
        return Err(BrandError::InvalidBrand { field: argument, reason: "must be an object" });
    }
    Brand::from_record(text)
}

#[cfg(test)]
mod tests {
    use super::read;
    use omnigate_card::Brand;

    #[test]
    fn a_non_object_names_the_argument() {
        let field = |text: &str| match read(text, "config") {
            Err(omnigate_card::BrandError::InvalidBrand { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field("!"), "config");
        assert_eq!(field("!\u{1f}-\u{1f}-\u{1f}=1"), "id");
        assert_eq!(read("=x\u{1f}-\u{1f}-\u{1f}=1~2,3", "spec").map(|b| b.patterns().len()), Ok(2));
    }

    #[test]
    fn no_encoding_makes_it_panic() {
        let pieces = ["=", "-", "!", "~", ",", "1", "x", "\u{1f}", "é", ""];
        let mut state = 0x9e37_79b9_u32;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state
        };
        for _ in 0..20_000 {
            // The length is drawn too: taken from the last piece's state, a length of 0 left
            // the state unchanged and every later text empty.
            let mut text = String::new();
            for _ in 0..(next() % 24) {
                text.push_str(pieces[(next() % pieces.len() as u32) as usize]);
            }
            if let Ok(brand) = read(&text, "spec") {
                assert_eq!(Brand::from_record(brand.record()), Ok(brand));
            }
        }
    }
}
