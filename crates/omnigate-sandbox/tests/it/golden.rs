//! The golden OPP exchanges of `tests/data/opp/exchanges.txt`, replayed against the sandbox.

use crate::harness::{FORM, Gateway, TOKEN, TempDir};
use serde_json::Value;
use std::path::PathBuf;

/// Fields whose values differ on every run; only their presence is compared.
const VOLATILE: &[&str] = &[
    "id",
    "referencedId",
    "timestamp",
    "ndc",
    "buildNumber",
    "descriptor",
    "omniToken",
    "initialTransactionId",
];
const EXAMPLE_TOKEN: &str = "4200008317420000";
const EXAMPLE_INITIAL_ID: &str = "8ac7a4a19f1d2c3e019f1d2e4b6a0101";

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/opp").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Same fields as the golden answer, same values except the volatile ones.
fn assert_same_shape(golden: &Value, actual: &Value, at: &str) {
    match (golden, actual) {
        (Value::Object(golden), Value::Object(actual)) => {
            let mut golden_keys: Vec<&String> = golden.keys().collect();
            let mut actual_keys: Vec<&String> = actual.keys().collect();
            golden_keys.sort();
            actual_keys.sort();
            assert_eq!(golden_keys, actual_keys, "fields of {at}");
            for (key, value) in golden {
                if !VOLATILE.contains(&key.as_str()) {
                    assert_same_shape(value, &actual[key], &format!("{at}.{key}"));
                }
            }
        }
        _ => assert_eq!(golden, actual, "value of {at}"),
    }
}

#[test]
fn golden_exchanges_replay_exactly() {
    let dir = TempDir::new();
    let gateway = Gateway::start(&dir.path().join("golden.db"));
    let (mut token, mut pa_id) = (String::new(), String::new());
    for line in fixture("exchanges.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
    {
        let columns: Vec<&str> = line.split_whitespace().collect();
        let (request, method, path, status, response) =
            (columns[0], columns[1], columns[2], columns[3], columns[4]);
        let path = path.replace("{token}", &token).replace("{pa_id}", &pa_id);
        let answer = match method {
            "POST" => {
                let body = fixture(request)
                    .trim_end()
                    .replace(EXAMPLE_TOKEN, &token)
                    .replace(EXAMPLE_INITIAL_ID, &pa_id);
                gateway.send(&path, body, Some(FORM), TOKEN)
            }
            "DELETE" => gateway.delete_token(&token),
            other => panic!("method {other}"),
        };
        let golden: Value = serde_json::from_str(&fixture(response)).unwrap();
        assert_eq!(answer.status.to_string(), status, "{line}: {}", answer.body);
        assert_same_shape(&golden, &answer.body, response);
        if request == "payment-pa-create-token.form" {
            token = answer.token();
            pa_id = answer.id();
        }
    }
    let types = gateway.ledger_types();
    // DB; PA + TK; DT + DB (MIT); CP; TK; DB (forced decline); DT + DB (CIT); DL.
    assert_eq!(types, ["DB", "PA", "TK", "DT", "DB", "CP", "TK", "DB", "DT", "DB", "DL"]);
}
