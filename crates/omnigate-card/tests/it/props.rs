//! Property tests with a small seeded generator: thousands of generated inputs per property,
//! reproducible from the seed printed in each failure.

use omnigate_card::{
    Brand, BrandTable, NumberOptions, Validity, format_expiry, format_number, luhn, map_caret,
    strip_formatting, validate_number,
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
    let start = match (pattern.prefix(), pattern.range()) {
        (Some(prefix), _) => prefix.to_owned(),
        (_, Some((min, max))) => {
            let (min, max): (u64, u64) = (min.parse().unwrap(), max.parse().unwrap());
            format!("{:0width$}", min + rng.below(max - min + 1), width = pattern.len())
        }
        _ => unreachable!(),
    };
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
