//! Secrets never print: card numbers and CVCs through `{:?}` and `{}`, and error messages.

use omnigate_card::{
    BrandError, BrandTable, CardError, CardNumber, Cvc, NumberOptions, YearMonth, validate_number,
};

#[test]
fn card_number_never_prints_in_full() {
    for pan in ["4111111111111111", "378282246310005", "4000000000000000006", "500000000009"] {
        let number: CardNumber = pan.parse().unwrap();
        let printed = format!("{number:?} {number} {number:#?} {:?}", Some(&number));
        assert!(!printed.contains(pan), "{printed}");
        // No run of more than 6 consecutive digits from the PAN shows up either.
        for window in pan.as_bytes().windows(7) {
            assert!(!printed.contains(std::str::from_utf8(window).unwrap()), "{printed}");
        }
        assert!(printed.contains(number.bin6()) && printed.contains(number.last4()));
        assert_eq!(number.expose(), pan);
    }
}

#[test]
fn cvc_never_prints() {
    for code in ["123", "9876", "012"] {
        let cvc: Cvc = code.parse().unwrap();
        let printed = format!("{cvc:?} {cvc} {cvc:#?} {:?}", vec![cvc.clone()]);
        assert!(!printed.contains(code), "{printed}");
        assert_eq!(cvc.expose(), code);
    }
}

#[test]
fn errors_and_checks_do_not_carry_the_number() {
    let table = BrandTable::standard();
    let pan = "4111111111111112";
    let check = validate_number(pan, &table, &NumberOptions::default());
    assert!(!format!("{check:?}").contains(pan));
    let today = YearMonth::new(2026, 6).unwrap();
    let errors = [
        CardError::Empty,
        CardError::InvalidCharacters,
        CardError::TooShort,
        CardError::TooLong,
        CardError::UnknownBrand,
        CardError::InvalidLuhn,
        CardError::BrandMismatch,
        CardError::InvalidMonth,
        CardError::InvalidYear,
        CardError::Expired { expiry: today, today },
        CardError::TooFarInFuture { year: 2050, max_year: 2045 },
        CardError::InvalidCvc,
        CardError::InvalidHolder,
        CardError::InvalidPostalCode,
    ];
    let brand_errors = [
        BrandError::InvalidBrand { field: "id", reason: "must not be empty" },
        BrandError::DuplicateBrand { id: "visa".into() },
        BrandError::BrandNotFound { id: "visa".into() },
        BrandError::BrandIdMismatch,
    ];
    // Each error as (what Debug shows, Display, message, code): one set of codes for both types.
    let described =
        errors.iter().map(|e| (format!("{e:?}"), e.to_string(), e.message(), e.code())).chain(
            brand_errors.iter().map(|e| (format!("{e:?}"), e.to_string(), e.message(), e.code())),
        );
    let mut codes = std::collections::BTreeSet::new();
    for (error, display, message, code) in described {
        assert!(!message.is_empty(), "{error}");
        assert_eq!(display, message, "Display is the message");
        assert!(code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{error}");
        assert!(codes.insert(code), "duplicate code {code}");
    }
    for input in ["4111111111111111", "4111 1111 1111 1112", "123"] {
        let error = input.parse::<CardNumber>().err();
        let message = error.map(|e| e.to_string()).unwrap_or_default();
        assert!(!message.contains("1111"), "{message}");
    }
}
