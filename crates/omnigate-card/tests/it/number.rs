//! Card numbers: `validate_number` over `numbers.tsv`, `CardNumber` over `parse.tsv`, `luhn`.

use crate::data::{cases, optional, state, table};
use omnigate_card::{BrandTable, CardNumber, NumberOptions, luhn, validate_number};

fn options(text: &str) -> NumberOptions {
    let mut options = NumberOptions::default();
    for option in text.split(',').filter(|o| *o != "-") {
        match option.split_once('=') {
            Some(("max", n)) => options.max_length = Some(n.parse().unwrap()),
            _ if option == "luhn_up" => options.luhn_validate_union_pay = true,
            _ if option == "skip_luhn" => options.skip_luhn_validation = true,
            _ => panic!("unknown option {option}"),
        }
    }
    options
}

#[test]
fn validate_number_cases() {
    for case in cases("numbers.tsv", 5) {
        let [name, opts, input, brand, expected] = &case.fields[..] else { unreachable!() };
        let table = table(name);
        let check = validate_number(input, &table, &options(opts));
        assert_eq!(check.brand.map(|b| b.id()), optional(brand), "{}: brand of {input:?}", case.at);
        assert_eq!(state(&check.state), *expected, "{}: state of {input:?}", case.at);
        if let Some(brand) = check.brand {
            assert_eq!(check.candidates, [brand], "{}", case.at);
        }
    }
}

#[test]
fn card_number_parse_cases() {
    for case in cases("parse.tsv", 3) {
        let [input, expected, masked] = &case.fields[..] else { unreachable!() };
        match input.parse::<CardNumber>() {
            Ok(number) => {
                assert_eq!(number.brand_id(), expected, "{}", case.at);
                assert_eq!(number.to_string(), *masked, "{}", case.at);
                assert_eq!(number.expose(), input.replace([' ', '-'], ""), "{}", case.at);
                assert_eq!(number.bin6(), &number.expose()[..6]);
                assert_eq!(number.last4(), &number.expose()[number.len() - 4..]);
            }
            Err(error) => {
                assert_eq!(error.code(), expected, "{}: {input:?}", case.at);
                assert_eq!(masked, "-", "{}", case.at);
            }
        }
    }
}

#[test]
fn card_number_with_options_and_tables() {
    let table = table("cct");
    let strict = NumberOptions { luhn_validate_union_pay: true, ..NumberOptions::default() };
    let error = CardNumber::parse_with("6221558812340000", &table, &strict).unwrap_err();
    assert_eq!(error.code(), "invalid_luhn");
    let number = CardNumber::parse_with("6221558812340000", &table, &NumberOptions::default());
    assert_eq!(number.unwrap().brand_id(), "unionpay");
    let error = CardNumber::parse_with("135412345678911", &table, &NumberOptions::default());
    assert_eq!(error.unwrap_err().code(), "unknown_brand", "UATP is not a peer brand");
}

#[test]
fn brand_of_a_check_is_what_parse_decides() {
    let table = BrandTable::standard();
    let options = NumberOptions::default();
    for input in ["", "4", "4111 1111 1111 1111", "4111111111111112", "41111111111111111111", "4a"]
    {
        let check = validate_number(input, &table, &options);
        let brand = CardNumber::brand_of(input, check).map(|b| b.id().to_owned());
        let parsed = CardNumber::parse_with(input, &table, &options);
        assert_eq!(brand, parsed.map(|n| n.brand_id().to_owned()), "{input:?}");
    }
}

#[test]
fn luhn_cases() {
    for case in cases("luhn.tsv", 2) {
        let [input, expected] = &case.fields[..] else { unreachable!() };
        assert_eq!(luhn(input).to_string(), *expected, "{}: luhn({input:?})", case.at);
    }
}
