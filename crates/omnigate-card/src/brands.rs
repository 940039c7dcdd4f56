//! The brand table as data: credit-card-type 10.3.0's 15 brands plus Dankort, RuPay and UATP.
//!
//! Rules of this file:
//! - The 15 credit-card-type brands are copied from its `src/lib/card-types.ts` at tag 10.3.0
//!   (commit fbd8ed80): same ids, names, patterns in the same order, lengths, gaps and codes,
//!   listed in its `testOrder`. [`CCT_COUNT`] of them form `BrandTable::credit_card_type()`.
//! - Patterns are written as credit-card-type writes them: `4` is a prefix, `[51, 55]` an
//!   inclusive range. The first matching pattern of a brand gives its match strength.
//! - The three extra brands come after the brands they overlap, so they win only where their
//!   pattern is more specific (or, for Dankort, equally specific and deliberately earlier).
//!   They never change a result of `credit_card_type()`, and in `standard()` they only take
//!   numbers from catch-all ranges (Maestro's `6` and `500000-504174`, or nobody's); each
//!   entry says exactly which.
//! - `gateway` is the OPP `paymentBrand`. Confirmed OPP codes: VISA, MASTER, AMEX, DINERS,
//!   DISCOVER, JCB, UNIONPAY, MAESTRO, ELO, HIPERCARD, NARANJA, DANKORT. Not found in any OPP
//!   source, so chosen as the brand's name in capitals, OPP's style: TROY, VERVE, MIR, HIPER,
//!   RUPAY, UATP.
//! - Luhn applies to every brand but UnionPay, which card-validator exempts by default.

use crate::brand::record::{DEFAULTS, FIELDS, GATEWAY, LENGTHS, SEPARATOR};

/// One pattern in credit-card-type's notation, `4` or `[51, 55]`, as record text (`51~55`).
macro_rules! pattern {
    ([$min:literal, $max:literal]) => {
        concat!(stringify!($min), "~", stringify!($max))
    };
    ($prefix:literal) => {
        stringify!($prefix)
    };
}

/// One brand entry as its record (see `brand/record.rs`) and a line break; see the file's rules
/// above.
macro_rules! brand {
    (
        id: $id:literal, name: $name:literal, gateway: $gateway:literal,
        patterns: [$first:tt $(, $pattern:tt)* $(,)?],
        lengths: [$length:literal $(, $lengths:literal)*],
        gaps: [$gap:literal $(, $gaps:literal)*],
        code: ($code:literal, $size:literal), luhn: $luhn:tt $(,)?
    ) => {
        concat!(
            "=", $id, "\u{1f}=", $name, "\u{1f}=", $gateway,
            "\u{1f}=", pattern!($first) $(, ",", pattern!($pattern))*,
            "\u{1f}=", $length $(, ",", $lengths)*,
            "\u{1f}=", $gap $(, ",", $gaps)*,
            "\u{1f}=", $code, "\u{1f}=", $size, "\u{1f}=", if_luhn!($luhn), "\n",
        )
    };
}

/// The record's Luhn flag.
macro_rules! if_luhn {
    (true) => {
        "1"
    };
    (false) => {
        "0"
    };
}

/// How many brands credit-card-type 10.3.0 has; the others are this project's additions.
pub(crate) const CCT_COUNT: usize = 15;

/// The ids of the brands this project adds to credit-card-type's 15.
pub(crate) const EXTRA_IDS: [&str; 3] = ["dankort", "rupay", "uatp"];

/// Every built-in brand in the standard priority order, one record a line (a record holds no
/// control character but its field separators), every field given: what the brands'
/// [`Brand::record`](crate::Brand::record)s show. The module carries it as [`RECORDS`].
const BRANDS: &str = concat!(
    brand! {
        id: "visa", name: "Visa", gateway: "VISA",
        patterns: [4],
        lengths: [16, 18, 19], gaps: [4, 8, 12], code: ("CVV", 3), luhn: true,
    },
    brand! {
        id: "mastercard", name: "Mastercard", gateway: "MASTER",
        patterns: [[51, 55], [2221, 2229], [223, 229], [23, 26], [270, 271], 2720],
        lengths: [16], gaps: [4, 8, 12], code: ("CVC", 3), luhn: true,
    },
    brand! {
        id: "american-express", name: "American Express", gateway: "AMEX",
        patterns: [34, 37],
        lengths: [15], gaps: [4, 10], code: ("CID", 4), luhn: true,
    },
    brand! {
        id: "diners-club", name: "Diners Club", gateway: "DINERS",
        patterns: [[300, 305], 36, 38, 39],
        lengths: [14, 16, 19], gaps: [4, 10], code: ("CVV", 3), luhn: true,
    },
    brand! {
        id: "discover", name: "Discover", gateway: "DISCOVER",
        patterns: [6011, [644, 649], 65],
        lengths: [16, 19], gaps: [4, 8, 12], code: ("CID", 3), luhn: true,
    },
    brand! {
        id: "troy", name: "Troy", gateway: "TROY",
        patterns: [9792, 650052, [650082, 650083], 650092, 650161, 650170, 650173, 650175,
            650268, 650271, [650273, 650274], [650456, 650457], 650836, [650846, 650850], 650923,
            650987, 650990, 654997, 657366, 657998, 658758, [658767, 658768],
            [65083700, 65083704], [65085800, 65085804], [65085900, 65085901], 65086000,
            [65086100, 65086105], [65086200, 65086203], [65875000, 65875003], 65875009,
            [65875101, 65875104], 65875200, 65875501, 65875601, 65875900, [65876000, 65876002],
            [65876100, 65876103], 65876110, [65876115, 65876116], [65876200, 65876201], 65876500,
            [65876504, 65876505], [65876600, 65876602], [65877100, 65877101],
            [65877600, 65877602], 65877700, [65877801, 65877802], [65878200, 65878202],
            [65878300, 65878311], [65878400, 65878405], [65878500, 65878505],
            [65878600, 65878601], 65879800, 65880800, 65880900],
        lengths: [16], gaps: [4, 8, 12], code: ("CVV", 3), luhn: true,
    },
    brand! {
        id: "jcb", name: "JCB", gateway: "JCB",
        patterns: [2131, 1800, [3528, 3589]],
        lengths: [16, 17, 18, 19], gaps: [4, 8, 12], code: ("CVV", 3), luhn: true,
    },
    brand! {
        id: "unionpay", name: "UnionPay", gateway: "UNIONPAY",
        patterns: [620, [62100, 62182], [62184, 62187], [62185, 62197], [62200, 62205],
            [622010, 622999], 622018, [62207, 62209], [623, 626], 6270, 6272, 6276,
            [627700, 627779], [627781, 627799], [6282, 6289], 6291, 6292, 810, [8110, 8131],
            [8132, 8151], [8152, 8163], [8164, 8171]],
        lengths: [14, 15, 16, 17, 18, 19], gaps: [4, 8, 12], code: ("CVN", 3), luhn: false,
    },
    brand! {
        id: "naranja", name: "Naranja", gateway: "NARANJA",
        patterns: [589562, 402918, 527572],
        lengths: [16], gaps: [4, 8, 12], code: ("CVV", 3), luhn: true,
    },
    brand! {
        id: "verve", name: "Verve", gateway: "VERVE",
        patterns: [[506099, 506127], 506129, [506133, 506150], [506158, 506163], 506166, 506168,
            506170, 506173, [506176, 506180], 506184, [506187, 506188], 506191, 506195, 506197,
            507865, 507866, [507868, 507877], [507880, 507888], 507900, 507941],
        lengths: [16, 18, 19], gaps: [4, 8, 12], code: ("CVV", 3), luhn: true,
    },
    // Dankort, Denmark's debit scheme: IIN 5019 (Wikipedia, "Payment card number", IIN range
    // table: Dankort 5019, 16 digits, Luhn). Written as the 6-digit range 501900-501999 and
    // placed just before Maestro so it wins the tie with Maestro's equally long 500000-504174
    // bucket. The Visa/Dankort co-brand (IIN 4571, same table) is deliberately left to Visa:
    // those cards are Visa cards everywhere outside Denmark, and credit-card-type (issue #100,
    // PR #125) did not add them for that reason.
    brand! {
        id: "dankort", name: "Dankort", gateway: "DANKORT",
        patterns: [[501900, 501999]],
        lengths: [16], gaps: [4, 8, 12], code: ("CVV", 3), luhn: true,
    },
    brand! {
        id: "maestro", name: "Maestro", gateway: "MAESTRO",
        patterns: [493698, [500000, 504174], [504176, 506698], [506779, 508999], [56, 59], 63,
            67, 6],
        lengths: [12, 13, 14, 15, 16, 17, 18, 19], gaps: [4, 8, 12], code: ("CVC", 3), luhn: true,
    },
    brand! {
        id: "elo", name: "Elo", gateway: "ELO",
        patterns: [401178, 401179, 438935, 457631, 457632, 431274, 451416, 457393, 504175,
            [506699, 506778], [509000, 509999], 627780, 636297, 636368, [650031, 650033],
            [650035, 650051], [650405, 650439], [650485, 650538], [650541, 650598],
            [650700, 650718], [650720, 650727], [650901, 650978], [651652, 651679],
            [655000, 655019], [655021, 655058]],
        lengths: [16], gaps: [4, 8, 12], code: ("CVE", 3), luhn: true,
    },
    brand! {
        id: "mir", name: "Mir", gateway: "MIR",
        patterns: [[2200, 2204]],
        lengths: [16, 17, 18, 19], gaps: [4, 8, 12], code: ("CVP2", 3), luhn: true,
    },
    brand! {
        id: "hiper", name: "Hiper", gateway: "HIPER",
        patterns: [637095, 63737423, 63743358, 637568, 637599, 637609, 637612],
        lengths: [16], gaps: [4, 8, 12], code: ("CVC", 3), luhn: true,
    },
    brand! {
        id: "hipercard", name: "Hipercard", gateway: "HIPERCARD",
        patterns: [606282],
        lengths: [16], gaps: [4, 8, 12], code: ("CVC", 3), luhn: true,
    },
    // RuPay, India's NPCI scheme: IINs 60, 81 and 82 from the RuPay row of Wikipedia's
    // "Payment card number" IIN table (16 digits, Luhn). The table's other RuPay entries are
    // left out on purpose: 65 is Discover's (RuPay cards there run on the Discover network, and
    // Discover's equally long 65 wins the tie anyway), 508 loses to Maestro's 6-digit
    // 506779-508999 range, and 353/356 are RuPay-JCB co-brands inside JCB's 3528-3589. Behind
    // the 15, RuPay wins only where it is more specific: 60xxxx except 6011 (Discover) and
    // 606282 (Hipercard), where it replaces Maestro's catch-all 6; and 8172-8299, which
    // UnionPay's 810 and 8110-8171 do not cover.
    brand! {
        id: "rupay", name: "RuPay", gateway: "RUPAY",
        patterns: [60, 81, 82],
        lengths: [16], gaps: [4, 8, 12], code: ("CVV", 3), luhn: true,
    },
    // UATP, the airlines' card: IIN 1, 15 digits, Luhn (Wikipedia, "Payment card number" IIN
    // table). Grouped 4-5-6 as printed on the card; no security code (size 0). JCB's longer
    // 1800 still wins, so UATP only adds itself to the candidates while a number starting
    // with 1 is ambiguous and takes every other 1-number.
    brand! {
        id: "uatp", name: "UATP", gateway: "UATP",
        patterns: [1],
        lengths: [15], gaps: [4, 9], code: ("CVV", 0), luhn: true,
    },
);

/// How many records [`BRANDS`] holds: its line breaks, one after each.
const fn records(text: &str) -> usize {
    let (mut bytes, mut count) = (text.as_bytes(), 0);
    while let [byte, rest @ ..] = bytes {
        if *byte == b'\n' {
            count += 1;
        }
        bytes = rest;
    }
    count
}

const _: () = assert!(records(BRANDS) == CCT_COUNT + EXTRA_IDS.len());

/// The built-in records as the module carries them: [`BRANDS`] with each field that holds what
/// the parser would fill in written as not given (`-`), and such fields at the end of a record
/// left out. Parsing gives the same brands with the same records (a test checks it), from a
/// text 350 bytes shorter: a gateway brand derived from the id repeats it in other letters,
/// which compresses badly. Made at compile time, so the module has no code for it.
pub(crate) static RECORDS: &str = COMPACT_TEXT;

/// [`COMPACT`] as text.
const COMPACT_TEXT: &str = match core::str::from_utf8(&COMPACT) {
    Ok(text) => text,
    // Never: `compact` copies whole ASCII fields, separators and line breaks (the assertion
    // below fails the build otherwise, rather than leave the module with no brands).
    Err(_) => "",
};

const _: () = assert!(COMPACT_TEXT.len() == COMPACT.len());

/// [`RECORDS`] as bytes.
const COMPACT: [u8; compact(&mut [])] = {
    let mut out = [0; compact(&mut [])];
    compact(&mut out);
    out
};

/// Writes [`BRANDS`] compacted (see [`RECORDS`]) into `out`, as much as fits, and answers the
/// length of the whole. Run at compile time only, where an index out of range fails the build.
const fn compact(out: &mut [u8]) -> usize {
    let text = BRANDS.as_bytes();
    let (mut at, mut written) = (0, 0);
    // One record a line.
    while at < text.len() {
        // The id's value, after its `=` up to the first separator.
        let (id_start, mut id_end) = (at + 1, at + 1);
        while text[id_end] != SEPARATOR {
            id_end += 1;
        }
        // Fields not given are held back until a given one follows: trailing ones are left out.
        let (mut field, mut held) = (0, 0);
        while text[at] != b'\n' {
            // The field's value runs from after its `=` to the next separator or line break.
            let mut end = at + 1;
            while text[end] != SEPARATOR && text[end] != b'\n' {
                end += 1;
            }
            let filled_in = if field == GATEWAY {
                is_derived(text, id_start, id_end, at + 1, end)
            } else {
                field >= LENGTHS && field < FIELDS && is_default(text, field, at + 1, end)
            };
            if filled_in {
                held += 1;
            } else {
                while held > 0 {
                    written = put(out, written, SEPARATOR);
                    written = put(out, written, b'-');
                    held -= 1;
                }
                if field > 0 {
                    written = put(out, written, SEPARATOR);
                }
                let mut from = at;
                while from < end {
                    written = put(out, written, text[from]);
                    from += 1;
                }
            }
            // Past the separator, or onto the line break.
            at = if text[end] == SEPARATOR { end + 1 } else { end };
            field += 1;
        }
        written = put(out, written, b'\n');
        at += 1;
    }
    written
}

/// Writes `byte` at `out[written]` when it fits; answers the next position.
const fn put(out: &mut [u8], written: usize, byte: u8) -> usize {
    if written < out.len() {
        out[written] = byte;
    }
    written + 1
}

/// Whether `text[from..end]` is the gateway brand the parser derives from the id in
/// `text[id..id_end]`: its letters and digits in capitals.
const fn is_derived(text: &[u8], mut id: usize, id_end: usize, from: usize, end: usize) -> bool {
    let mut at = from;
    while id < id_end {
        let byte = text[id];
        if byte.is_ascii_alphanumeric() {
            if at >= end || text[at] != byte.to_ascii_uppercase() {
                return false;
            }
            at += 1;
        }
        id += 1;
    }
    at == end
}

/// Whether `text[from..end]` is the parser's default for `field`: its line of [`DEFAULTS`].
const fn is_default(text: &[u8], field: usize, from: usize, end: usize) -> bool {
    let defaults = DEFAULTS.as_bytes();
    let (mut line, mut at) = (0, 0);
    while line < field {
        if defaults[at] == b'\n' {
            line += 1;
        }
        at += 1;
    }
    let mut here = from;
    while here < end && at < defaults.len() && defaults[at] == text[here] {
        (here, at) = (here + 1, at + 1);
    }
    here == end && (at == defaults.len() || defaults[at] == b'\n')
}

#[cfg(test)]
mod tests {
    use alloc::{string::String, vec::Vec};

    use crate::brand::record::{Items, parse};

    #[test]
    fn the_compact_records_read_as_the_full_ones() {
        let full: Vec<&str> = Items::new(super::BRANDS, b'\n').collect();
        let compact: Vec<&str> = Items::new(super::RECORDS, b'\n').collect();
        assert_eq!(compact.len(), full.len());
        for (compact, full) in compact.into_iter().zip(full) {
            if full.is_empty() {
                continue;
            }
            assert_eq!(parse(compact).map(|brand| String::from(brand.record())), Ok(full.into()));
        }
        assert!(super::RECORDS.starts_with("=visa\u{1f}=Visa\u{1f}-\u{1f}=4\u{1f}=16,18,19\n"));
        assert!(super::RECORDS.len() + 300 < super::BRANDS.len(), "{}", super::RECORDS.len());
    }
}
