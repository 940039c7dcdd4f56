//! Formatting over `format.tsv` and caret mapping over `caret.tsv`.

use crate::data::cases;
use omnigate_card::{BrandTable, format_expiry, format_number, map_caret};

fn format(kind: &str, input: &str) -> String {
    match kind {
        "number" => format_number(input, &BrandTable::standard()),
        "expiry" => format_expiry(input),
        other => panic!("unknown kind {other}"),
    }
}

#[test]
fn format_cases() {
    for case in cases("format.tsv", 3) {
        let [kind, input, expected] = &case.fields[..] else { unreachable!() };
        assert_eq!(format(kind, input), *expected, "{}: {kind} {input:?}", case.at);
    }
}

#[test]
fn caret_cases() {
    for case in cases("caret.tsv", 3) {
        let [kind, typed, expected] = &case.fields[..] else { unreachable!() };
        let caret = typed.find('|').unwrap();
        let raw = typed.replace('|', "");
        let formatted = format(kind, &raw);
        let mapped = map_caret(&raw, caret, &formatted);
        let mut got = formatted.clone();
        got.insert(mapped, '|');
        assert_eq!(got, *expected, "{}: {kind} {typed:?}", case.at);
    }
}
