//! Brand detection over `detect.tsv`, and the shape of the built-in tables.

use crate::data::{cases, table};
use omnigate_card::BrandTable;

#[test]
fn detect_cases() {
    for case in cases("detect.tsv", 3) {
        let [name, input, expected] = &case.fields[..] else { unreachable!() };
        let table = table(name);
        let got: Vec<&str> = table.detect(input).iter().map(|b| b.id()).collect();
        let expected: Vec<&str> = match expected.as_str() {
            "*" => table.iter().map(|b| b.id()).collect(),
            "-" => Vec::new(),
            list => list.split(',').collect(),
        };
        assert_eq!(got, expected, "{}: detect({input:?})", case.at);
    }
}

#[test]
fn credit_card_type_table_is_the_peer_list_in_order() {
    let ids: Vec<String> =
        BrandTable::credit_card_type().iter().map(|b| b.id().to_owned()).collect();
    let expected = "visa mastercard american-express diners-club discover troy jcb unionpay naranja \
                    verve maestro elo mir hiper hipercard";
    assert_eq!(ids.join(" "), expected);
}

#[test]
fn standard_table_adds_three_brands() {
    let table = BrandTable::standard();
    assert_eq!(table.len(), 18);
    for id in ["dankort", "rupay", "uatp"] {
        assert!(table.get(id).is_some(), "{id}");
        assert!(BrandTable::credit_card_type().get(id).is_none(), "{id}");
    }
    assert_eq!(BrandTable::default(), table);
}

#[test]
fn brand_metadata() {
    let table = BrandTable::standard();
    let rows = [
        ("visa", "Visa", "VISA", &[16u8, 18, 19][..], &[4u8, 8, 12][..], "CVV", 3),
        ("mastercard", "Mastercard", "MASTER", &[16], &[4, 8, 12], "CVC", 3),
        ("american-express", "American Express", "AMEX", &[15], &[4, 10], "CID", 4),
        ("diners-club", "Diners Club", "DINERS", &[14, 16, 19], &[4, 10], "CVV", 3),
        ("unionpay", "UnionPay", "UNIONPAY", &[14, 15, 16, 17, 18, 19], &[4, 8, 12], "CVN", 3),
        ("mir", "Mir", "MIR", &[16, 17, 18, 19], &[4, 8, 12], "CVP2", 3),
        ("elo", "Elo", "ELO", &[16], &[4, 8, 12], "CVE", 3),
        ("uatp", "UATP", "UATP", &[15], &[4, 9], "CVV", 0),
        ("dankort", "Dankort", "DANKORT", &[16], &[4, 8, 12], "CVV", 3),
        ("rupay", "RuPay", "RUPAY", &[16], &[4, 8, 12], "CVV", 3),
    ];
    for (id, name, gateway, lengths, gaps, code, size) in rows {
        let brand = table.get(id).unwrap();
        assert_eq!(brand.name(), name);
        assert_eq!(brand.gateway_brand(), gateway);
        assert_eq!(brand.lengths(), lengths, "{id}");
        assert_eq!(brand.gaps(), gaps, "{id}");
        assert_eq!(brand.security_code().name(), code, "{id}");
        assert_eq!(brand.security_code().size(), size, "{id}");
        assert_eq!(brand.luhn(), id != "unionpay", "{id}");
    }
}

#[test]
fn match_strength_is_reported() {
    let table = BrandTable::credit_card_type();
    let strengths = |input: &str| -> Vec<Option<usize>> {
        table.detect_matches(input).iter().map(|m| m.strength).collect()
    };
    assert_eq!(strengths("411"), [Some(1)]);
    assert_eq!(strengths("4"), [Some(1), None, None, None]);
    assert_eq!(strengths("650052"), [Some(6)]);
    assert_eq!(strengths("9"), [None]);
}

#[test]
fn extra_brands_leave_specific_peer_patterns_alone() {
    // Every pattern of the 15 brands that is longer than a catch-all keeps its brand in the
    // standard table; only the patterns listed in brands.rs change hands.
    let peer = BrandTable::credit_card_type();
    let standard = BrandTable::standard();
    for brand in &peer {
        for pattern in brand.patterns() {
            let probe = &format!("{:0width$}", pattern.min(), width = pattern.len());
            let before: Vec<&str> = peer.detect(probe).iter().map(|b| b.id()).collect();
            let after: Vec<&str> = standard.detect(probe).iter().map(|b| b.id()).collect();
            let taken = probe.starts_with("5019") || probe == "1" || probe.starts_with('8');
            if before.len() == 1 && !taken {
                assert_eq!(after, before, "{probe}");
            }
        }
    }
}

#[test]
fn a_brand_debugs_its_lengths_and_gaps_as_numbers() {
    let table = BrandTable::standard();
    let debug = format!("{:?}", table.get("visa").unwrap());
    assert!(debug.contains("lengths: [16, 18, 19], gaps: [4, 8, 12]"), "{debug}");
}
