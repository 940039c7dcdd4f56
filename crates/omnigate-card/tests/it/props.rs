//! Property tests with a small seeded generator: thousands of generated inputs per property,
//! reproducible from the seed printed in each failure.

use omnigate_card::{
    Brand, BrandSpec, BrandTable, CardNumber, Cvc, Expiry, Holder, NumberOptions, PatternSpec,
    PostalCode, Validity, YearMonth, format_expiry, format_number, luhn, map_caret, split_expiry,
    strip_formatting, validate_cvc, validate_expiry, validate_expiry_date, validate_expiry_month,
    validate_expiry_parts, validate_expiry_year, validate_holder, validate_number,
    validate_postal_code,
};

/// xorshift64*: enough randomness for test inputs, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn digits(&mut self, count: usize) -> String {
        (0..count).map(|_| char::from(b'0' + self.below(10) as u8)).collect()
    }
}

/// Appends the Luhn check digit to `body`.
fn with_check_digit(body: &str) -> String {
    (0..10).map(|d| format!("{body}{d}")).find(|n| luhn(n)).unwrap()
}

/// A Luhn-valid number of `length` digits starting inside one of `brand`'s patterns.
fn generate(rng: &mut Rng, brand: &Brand, length: usize) -> String {
    let pattern = &brand.patterns()[rng.below(brand.patterns().len() as u64) as usize];
    let value = pattern.min() + rng.below(pattern.max() - pattern.min() + 1);
    let start = format!("{value:0width$}", width = pattern.len());
    let rest = rng.digits(length - start.len() - 1);
    with_check_digit(&format!("{start}{rest}"))
}

#[test]
fn generated_numbers_validate_for_their_brand() {
    let mut rng = Rng(0x5eed_cafe);
    for table in [BrandTable::standard(), BrandTable::credit_card_type()] {
        for brand in &table {
            for &length in brand.lengths() {
                let mut hits = 0;
                for sample in 0..60 {
                    let number = generate(&mut rng, brand, usize::from(length));
                    let check = validate_number(&number, &table, &NumberOptions::default());
                    // An earlier or more specific brand may own this prefix (Maestro's 6 covers
                    // Discover's 6011...); otherwise the number must be valid for this brand.
                    if check.brand.map(Brand::id) == Some(brand.id()) {
                        assert_eq!(check.state, Validity::Valid, "{} {number}", brand.id());
                        hits += 1;
                    }
                    // Every prefix of a valid number is potentially valid.
                    if check.state.is_valid() && sample % 10 == 0 {
                        for end in 0..number.len() {
                            let prefix =
                                validate_number(&number[..end], &table, &NumberOptions::default());
                            assert!(prefix.state.is_potentially_valid(), "{number} at {end}");
                        }
                    }
                }
                assert!(hits > 5, "{} length {length}: only {hits} of 60 detected", brand.id());
            }
        }
    }
}

#[test]
fn a_changed_digit_breaks_luhn() {
    let mut rng = Rng(42);
    for _ in 0..2000 {
        let length = 12 + rng.below(8) as usize;
        let number = with_check_digit(&rng.digits(length - 1));
        let at = rng.below(length as u64) as usize;
        let old = number.as_bytes()[at];
        let new = b'0' + ((old - b'0' + 1 + rng.below(9) as u8) % 10);
        let mut changed = number.clone().into_bytes();
        changed[at] = new;
        assert!(!luhn(std::str::from_utf8(&changed).unwrap()), "{number} at {at}");
    }
}

#[test]
fn format_then_strip_is_identity() {
    let table = BrandTable::standard();
    let mut rng = Rng(7);
    for _ in 0..5000 {
        let count = rng.below(20) as usize;
        let digits = rng.digits(count);
        let formatted = format_number(&digits, &table);
        assert_eq!(strip_formatting(&formatted), digits);
        assert!(
            !formatted.starts_with(' ') && !formatted.ends_with(' ') && !formatted.contains("  ")
        );
        assert_eq!(format_number(&formatted, &table), formatted, "formatting is idempotent");
    }
}

#[test]
fn caret_mapping_is_monotonic() {
    let table = BrandTable::standard();
    let mut rng = Rng(99);
    let noise = [" ", "-", "/", "  ", ""];
    for round in 0..3000 {
        let mut raw = String::new();
        for _ in 0..rng.below(22) {
            raw.push_str(&rng.digits(1));
            if rng.below(4) == 0 {
                raw.push_str(noise[rng.below(noise.len() as u64) as usize]);
            }
        }
        let formatted =
            if round % 2 == 0 { format_number(&raw, &table) } else { format_expiry(&raw) };
        let mut last = 0;
        for caret in 0..=raw.len() {
            let mapped = map_caret(&raw, caret, &formatted);
            assert!(mapped >= last && mapped <= formatted.len(), "{raw:?} {caret} {formatted:?}");
            last = mapped;
        }
        assert_eq!(last, formatted.len());
    }
}

/// A string of up to 24 characters from an alphabet that reaches every branch of the parsers:
/// digits, the separators they know, JS white space, letters, and multi-byte characters
/// (Arabic-Indic digits, U+FEFF, an astral character whose UTF-16 length is 2).
fn messy(rng: &mut Rng) -> String {
    const PIECES: [&str; 16] = [
        "0", "1", "2", "4", "9", "/", " ", "-", "\t", "\u{a0}", "\u{feff}", "x", "٤", "🂡", "12",
        "20",
    ];
    (0..rng.below(25)).map(|_| PIECES[rng.below(PIECES.len() as u64) as usize]).collect()
}

/// A panic in the browser module traps it for the rest of the page's life, so no input may
/// make any check, parser or formatter panic (the debug build also traps on overflow).
#[test]
fn no_input_makes_anything_panic() {
    let tables = [BrandTable::standard(), BrandTable::credit_card_type()];
    let today = YearMonth::new(2026, 6).unwrap();
    let options = [
        NumberOptions::default(),
        NumberOptions {
            max_length: Some(16),
            luhn_validate_union_pay: true,
            skip_luhn_validation: false,
        },
        NumberOptions {
            max_length: Some(1),
            luhn_validate_union_pay: false,
            skip_luhn_validation: true,
        },
    ];
    let mut rng = Rng(0xf00d);
    for round in 0..20_000 {
        let (a, b) = (messy(&mut rng), messy(&mut rng));
        let table = &tables[round % 2];
        let _ = validate_number(&a, table, &options[round % 3]);
        let _ = table.detect_matches(&a);
        let _ = CardNumber::parse_with(&a, table, &options[round % 3]);
        let _ = format_number(&a, table);
        let formatted = format_expiry(&a);
        let _ = map_caret(&a, rng.below(30) as usize, &formatted);
        let max = [0, 19, u16::MAX][round % 3];
        let _ = validate_expiry(&a, today, max);
        let _ = validate_expiry_date(&a, today, max);
        let _ = validate_expiry_parts(&a, &b, today, max);
        let _ = validate_expiry_month(&a, today);
        let _ = validate_expiry_year(&a, today, max);
        let _ = split_expiry(&a, today);
        let _ = Expiry::parse(&a, today);
        let _ = Expiry::from_parts(&a, &b, today);
        let _ = validate_cvc(&a, &[0, 3, 4, usize::MAX][..round % 5]);
        let _ = a.parse::<Cvc>();
        let _ = validate_holder(&a);
        let _ = a.parse::<Holder>();
        let _ = validate_postal_code(&a, round % 4);
        let _ = a.parse::<PostalCode>();
        let _ = luhn(&a);
        let mut spec = BrandSpec::new(a.clone(), b.clone());
        spec.patterns =
            vec![PatternSpec::Prefix(a.clone()), PatternSpec::Range(a.clone(), b.clone())];
        if let Ok(brand) = spec.build() {
            let mut changed = table.clone();
            let _ = changed.add(brand);
            let _ = validate_number(&b, &changed, &options[0]);
        }
    }
}
