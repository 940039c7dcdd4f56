//! Brand definitions as `npm/index.js` encodes them for `addBrand`, `addCard` and `updateCard`.
//!
//! JS only records what it was given; every rule about the values is here and in the core. The
//! encoding is `!` for an argument that is not an object, else nine fields separated by U+001F
//! — id, name, gatewayBrand, patterns, lengths, gaps, code name, code size, luhn — each one `-`
//! (not given), `!` (given with the wrong JS type) or `=` followed by its text. Lists are
//! comma-separated; a pattern is a digit string, `min~max`, or `!` when JS could not write it.

use alloc::borrow::ToOwned;
use alloc::vec::Vec;

use omnigate_card::{BrandSpec, CardError, PatternSpec};

/// One encoded field.
enum Field<'a> {
    Absent,
    WrongType,
    Given(&'a str),
}

impl<'a> Field<'a> {
    fn of(text: Option<&'a str>) -> Self {
        match text {
            Some(text) if text.starts_with('=') => Self::Given(&text[1..]),
            Some("!") => Self::WrongType,
            _ => Self::Absent,
        }
    }

    fn given(self) -> Option<&'a str> {
        match self {
            Self::Given(text) => Some(text),
            _ => None,
        }
    }
}

fn invalid(field: &'static str, reason: &'static str) -> CardError {
    CardError::InvalidBrand { field, reason }
}

/// The spec in `text`; `argument` names the whole argument in the error for a non-object.
pub(crate) fn read(text: &str, argument: &'static str) -> Result<BrandSpec, CardError> {
    if text == "!" {
        return Err(invalid(argument, "must be an object"));
    }
    let mut fields = text.split('\u{1f}');
    let mut next = || Field::of(fields.next());
    let id = next().given().ok_or(invalid("id", "must be a string"))?.to_owned();
    let name = next().given().map_or_else(|| id.clone(), ToOwned::to_owned);
    let mut spec = BrandSpec::new(id, name);
    if let Some(gateway) = next().given() {
        spec.gateway_brand = gateway.into();
    }
    spec.patterns = patterns(next())?;
    if let Some(lengths) = numbers(next(), "lengths")? {
        spec.lengths = lengths;
    }
    if let Some(gaps) = numbers(next(), "gaps")? {
        spec.gaps = gaps;
    }
    if let Some(name) = next().given() {
        spec.security_code_name = name.into();
    }
    match next() {
        Field::Absent => {}
        Field::WrongType => return Err(invalid("code", "size must be 0-8")),
        Field::Given(size) => {
            spec.security_code_size =
                size.parse().map_err(|_| invalid("code", "size must be 0-8"))?;
        }
    }
    if let Some(luhn) = next().given() {
        spec.luhn = luhn == "1";
    }
    Ok(spec)
}

fn patterns(field: Field<'_>) -> Result<Vec<PatternSpec>, CardError> {
    let list = field.given().ok_or(invalid("patterns", "must be an array"))?;
    let bad = || invalid("patterns", "must be digit strings, whole numbers or [min, max] pairs");
    if list.is_empty() {
        return Ok(Vec::new());
    }
    list.split(',')
        .map(|item| match item.split_once('~') {
            _ if item.contains('!') => Err(bad()),
            Some((min, max)) => Ok(PatternSpec::Range(min.into(), max.into())),
            None => Ok(PatternSpec::Prefix(item.into())),
        })
        .collect()
}

/// An optional list of whole numbers 0–255.
fn numbers(field: Field<'_>, name: &'static str) -> Result<Option<Vec<u8>>, CardError> {
    let bad = || invalid(name, "must be an array of numbers");
    match field {
        Field::Absent => Ok(None),
        Field::WrongType => Err(bad()),
        Field::Given("") => Ok(Some(Vec::new())),
        Field::Given(list) => list
            .split(',')
            .map(|n| n.parse().map_err(|_| bad()))
            .collect::<Result<_, _>>()
            .map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::read;
    use omnigate_card::PatternSpec;

    const FIELD: char = '\u{1f}';

    fn encoded(fields: [&str; 9]) -> String {
        fields.join(&FIELD.to_string())
    }

    #[test]
    fn a_full_definition_reads_into_a_spec() {
        let text = encoded([
            "=campus", "=Campus", "=CAMPUS", "=99~98,4", "=16", "=4,8", "=CVC", "=4", "=0",
        ]);
        let spec = read(&text, "spec").unwrap();
        assert_eq!(
            (spec.id.as_str(), spec.name.as_str(), spec.gateway_brand.as_str()),
            ("campus", "Campus", "CAMPUS")
        );
        let range = PatternSpec::Range("99".into(), "98".into());
        assert_eq!(spec.patterns, [range, PatternSpec::Prefix("4".into())]);
        assert_eq!((spec.lengths, spec.gaps), (vec![16], vec![4, 8]));
        assert_eq!(
            (spec.security_code_name.as_str(), spec.security_code_size, spec.luhn),
            ("CVC", 4, false)
        );
    }

    #[test]
    fn absent_fields_keep_the_defaults_and_bad_ones_name_the_field() {
        let spec = read(&encoded(["=x", "-", "-", "=1", "-", "-", "-", "-", "-"]), "spec").unwrap();
        assert_eq!(
            (spec.name.as_str(), spec.lengths.as_slice(), spec.luhn),
            ("x", &[16][..], true)
        );
        let field = |text: &str| match read(text, "config") {
            Err(omnigate_card::CardError::InvalidBrand { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field("!"), "config");
        assert_eq!(field(&encoded(["!", "-", "-", "=1", "-", "-", "-", "-", "-"])), "id");
        assert_eq!(field(&encoded(["=x", "-", "-", "!", "-", "-", "-", "-", "-"])), "patterns");
        assert_eq!(field(&encoded(["=x", "-", "-", "=1,!", "-", "-", "-", "-", "-"])), "patterns");
        assert_eq!(
            field(&encoded(["=x", "-", "-", "=1", "=16,1.5", "-", "-", "-", "-"])),
            "lengths"
        );
        assert_eq!(field(&encoded(["=x", "-", "-", "=1", "-", "!", "-", "-", "-"])), "gaps");
        assert_eq!(field(&encoded(["=x", "-", "-", "=1", "-", "-", "-", "=300", "-"])), "code");
    }

    #[test]
    fn no_encoding_makes_it_panic() {
        let pieces = ["=", "-", "!", "~", ",", "1", "x", "\u{1f}", "é", ""];
        let mut state = 0x9e37_79b9_u32;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 24) {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                text.push_str(pieces[(state % pieces.len() as u32) as usize]);
            }
            if let Ok(spec) = read(&text, "spec") {
                let _ = spec.build();
            }
        }
    }
}
