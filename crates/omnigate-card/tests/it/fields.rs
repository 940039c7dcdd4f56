//! CVC, holder and postal code: the checks over their data files and the parsed types.

use crate::data::{cases, state};
use omnigate_card::{
    BrandTable, Cvc, Holder, PostalCode, validate_cvc, validate_holder, validate_postal_code,
};

#[test]
fn validate_cvc_cases() {
    for case in cases("cvc.tsv", 3) {
        let [input, lengths, expected] = &case.fields[..] else { unreachable!() };
        // `-` is the empty list.
        let lengths: Vec<usize> = match lengths.as_str() {
            "-" => Vec::new(),
            list => list.split(',').map(|l| l.parse().unwrap()).collect(),
        };
        assert_eq!(state(&validate_cvc(input, &lengths)), *expected, "{}: {input:?}", case.at);
    }
}

#[test]
fn cvc_parse_and_fit() {
    let table = BrandTable::standard();
    let amex = table.get("american-express").unwrap();
    let visa = table.get("visa").unwrap();
    let four: Cvc = "1234".parse().unwrap();
    let three: Cvc = " 012 ".parse().unwrap();
    assert_eq!(three.expose(), "012");
    assert!(four.fits(amex) && !four.fits(visa));
    assert!(three.fits(visa) && !three.fits(amex));
    assert_eq!(three.check_brand(amex).unwrap_err().code(), "brand_mismatch");
    for (input, code) in
        [("", "empty"), ("12", "too_short"), ("12345", "too_long"), ("1a3", "invalid_characters")]
    {
        assert_eq!(input.parse::<Cvc>().unwrap_err().code(), code, "{input:?}");
    }
}

#[test]
fn validate_holder_cases() {
    for case in cases("holder.tsv", 2) {
        let [input, expected] = &case.fields[..] else { unreachable!() };
        assert_eq!(state(&validate_holder(input)), *expected, "{}: {input:?}", case.at);
    }
    assert_eq!(state(&validate_holder(&"a".repeat(255))), "valid");
    assert_eq!(state(&validate_holder(&"a".repeat(256))), "too_long");
}

#[test]
fn holder_parse() {
    let holder: Holder = "  Jane Doe ".parse().unwrap();
    assert_eq!(holder.as_str(), "Jane Doe");
    assert_eq!(" ".parse::<Holder>().unwrap_err().code(), "empty");
    assert_eq!("4111 1111".parse::<Holder>().unwrap_err().code(), "invalid_holder");
    assert_eq!("Jane\u{7}Doe".parse::<Holder>().unwrap_err().code(), "invalid_holder");
}

#[test]
fn validate_postal_code_cases() {
    for case in cases("postal.tsv", 3) {
        let [input, min, expected] = &case.fields[..] else { unreachable!() };
        let got = validate_postal_code(input, min.parse().unwrap());
        assert_eq!(state(&got), *expected, "{}: {input:?}", case.at);
    }
}

#[test]
fn postal_code_parse() {
    assert_eq!(" 10115 ".parse::<PostalCode>().unwrap().as_str(), "10115");
    assert_eq!("".parse::<PostalCode>().unwrap_err().code(), "empty");
    assert_eq!("1".parse::<PostalCode>().unwrap_err().code(), "too_short");
    assert_eq!("-1".parse::<PostalCode>().unwrap_err().code(), "invalid_postal_code");
    assert_eq!("1".repeat(17).parse::<PostalCode>().unwrap_err().code(), "too_long");
}
