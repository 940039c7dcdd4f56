//! No card number, CVV or full token ends up in the database files or in the process output.

use crate::harness::{ENTITY, Gateway, TempDir, card_payment, with, without};
use std::path::Path;

const PANS: [&str; 5] = [
    "4200000000000000",
    "5105105105105100",
    "377777777777770",
    "4200000000000208",
    "4200000000000001",
];
/// (Self-similar numbers such as 5454545454545454 are avoided: the BIN, last 4 and masked card
/// stored side by side would spell them out by coincidence.)
/// A 4-digit CVV is distinctive enough to search binary files for; 3-digit ones are searched
/// in the text output only (three given bytes occur by chance in a few hundred KiB of
/// ciphertext).
const AMEX_CVV: &str = "7391";
const VISA_CVVS: [&str; 2] = ["123", "846"];

fn files_of(db: &Path) -> Vec<(String, Vec<u8>)> {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|suffix| {
            let path = format!("{}{suffix}", db.display());
            std::fs::read(&path).ok().map(|bytes| (path, bytes))
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle.as_bytes())
}

/// [`contains`] for a short digit needle (the 4-digit CVV), not counting places inside a run of
/// 16 or more hex characters: the ids and entity ids stored as 32 lowercase hex spell any four
/// digits now and then (a run took "7391" once), while a stored CVV would stand on its own.
fn contains_apart_from_ids(haystack: &[u8], needle: &str) -> bool {
    let hex = |byte: &u8| byte.is_ascii_digit() || (b'a'..=b'f').contains(byte);
    (0..haystack.len().saturating_sub(needle.len() - 1)).any(|at| {
        if &haystack[at..at + needle.len()] != needle.as_bytes() {
            return false;
        }
        let before = haystack[..at].iter().rev().take_while(|b| hex(b)).count();
        let after = haystack[at + needle.len()..].iter().take_while(|b| hex(b)).count();
        before + needle.len() + after < 16
    })
}

fn exercise(gateway: &Gateway) -> Vec<String> {
    let mut tokens = Vec::new();
    for (number, brand, cvv) in [
        ("4200000000000000", "VISA", "846"),
        ("5105105105105100", "MASTER", "123"),
        ("377777777777770", "AMEX", AMEX_CVV),
    ] {
        let pairs = with(
            with(with(card_payment("PA", "4.00"), "card.number", number), "paymentBrand", brand),
            "card.cvv",
            cvv,
        );
        let cit = with(
            with(pairs.clone(), "standingInstruction.source", "CIT"),
            "standingInstruction.mode",
            "INITIAL",
        );
        let cit =
            with(with(cit, "standingInstruction.type", "UNSCHEDULED"), "createOmniToken", "true");
        let initial = gateway.post("/v1/payments", &cit);
        assert_eq!(initial.code(), "000.100.110", "{}", initial.body);
        let token = initial.token();
        let tokenize =
            without(without(without(pairs.clone(), "paymentType"), "amount"), "currency");
        tokens.push(gateway.post("/v1/omnitokens", &tokenize).token());
        let mit = [
            ("entityId", ENTITY),
            ("amount", "1.00"),
            ("currency", "EUR"),
            ("paymentType", "DB"),
            ("card.omniToken", token.as_str()),
            ("standingInstruction.source", "MIT"),
            ("standingInstruction.mode", "REPEATED"),
            ("standingInstruction.type", "UNSCHEDULED"),
            ("standingInstruction.initialTransactionId", &initial.id()),
        ];
        assert_eq!(gateway.post("/v1/payments", &mit).code(), "000.100.110");
        let one_click = [
            ("entityId", ENTITY),
            ("amount", "2.00"),
            ("currency", "EUR"),
            ("paymentType", "DB"),
            ("card.cvv", cvv),
        ];
        assert_eq!(
            gateway.post(&format!("/v1/omnitokens/{token}/payments"), &one_click).code(),
            "000.100.110"
        );
        assert_eq!(gateway.delete_token(&token).code(), "000.100.110");
        tokens.push(token);
    }
    let declined = with(card_payment("DB", "1.00"), "card.number", "4200000000000208");
    assert_eq!(gateway.post("/v1/payments", &declined).code(), "800.100.203");
    let luhn = with(card_payment("DB", "1.00"), "card.number", "4200000000000001");
    assert_eq!(gateway.post("/v1/payments", &luhn).code(), "100.100.101");
    let invalid = with(card_payment("XX", "1.00"), "card.cvv", "846");
    let invalid = gateway.post("/v1/payments", &invalid);
    assert_eq!(invalid.code(), "200.300.404");
    tokens
}

#[test]
fn a_cvv_inside_an_id_is_no_leak_but_one_on_its_own_is() {
    assert!(contains_apart_from_ids(b"\x01\x027391\x03", "7391"));
    assert!(contains_apart_from_ids(b"4.00EUR7391", "7391"));
    assert!(!contains_apart_from_ids(b"8ac7a4c9b7391e0cbe7cbe7cbe7cbe7c", "7391"));
    assert!(!contains_apart_from_ids(b"no digits here", "7391"));
}

#[test]
fn database_and_logs_hold_no_card_data() {
    let dir = TempDir::new();
    let db = dir.path().join("secrets.db");
    let gateway = Gateway::start(&db);
    let tokens = exercise(&gateway);
    let mut snapshots = files_of(&db);
    assert!(snapshots.iter().any(|(path, bytes)| path.ends_with("-wal") && !bytes.is_empty()));
    let output = gateway.stop();
    snapshots.extend(files_of(&db));
    let key = std::fs::read_to_string(dir.path().join("secrets.db.key")).unwrap();
    let needles: Vec<&str> =
        PANS.iter().copied().chain(tokens.iter().map(String::as_str)).collect();
    for (path, bytes) in &snapshots {
        for needle in &needles {
            assert!(!contains(bytes, needle), "{needle} found in {path}");
        }
        assert!(!contains_apart_from_ids(bytes, AMEX_CVV), "{AMEX_CVV} found in {path}");
        assert!(!contains(&bytes.to_ascii_lowercase(), "cvv"), "a CVV column in {path}");
    }
    for needle in
        needles.iter().chain([AMEX_CVV].iter()).chain(VISA_CVVS.iter()).chain([key.trim()].iter())
    {
        assert!(!output.contains(needle), "{needle} found in the output:\n{output}");
    }
    assert!(output.contains("/v1/omnitokens/377777*****7770/payments"), "{output}");
    assert_eq!(
        output.lines().filter(|line| line.contains(" status=")).count(),
        18,
        "one log line per request"
    );
}
