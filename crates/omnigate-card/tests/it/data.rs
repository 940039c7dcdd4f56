//! Reading the `tests/data/*.tsv` case files, and the helpers the cases share.

use omnigate_card::{BrandTable, Validity, YearMonth};

/// One case: its fields, and where it comes from for failure messages.
pub(crate) struct Case {
    pub(crate) at: String,
    pub(crate) fields: Vec<String>,
}

/// The cases of `tests/data/<name>`: one per line, tab-separated; `#` lines are comments. A field
/// in double quotes is taken literally without them, so `""` is the empty string.
pub(crate) fn cases(name: &str, columns: usize) -> Vec<Case> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let cases: Vec<Case> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .map(|(index, line)| {
            let fields: Vec<String> = line.split('\t').map(unquote).collect();
            let at = format!("{name}:{}", index + 1);
            assert_eq!(fields.len(), columns, "{at}: expected {columns} fields in {line:?}");
            Case { at, fields }
        })
        .collect();
    assert!(cases.len() >= 5, "{name} has too few cases");
    cases
}

fn unquote(field: &str) -> String {
    field.strip_prefix('"').and_then(|f| f.strip_suffix('"')).unwrap_or(field).to_owned()
}

/// A validity as the data files write it: `valid`, `potential`, or the error code.
pub(crate) fn state(validity: &Validity) -> String {
    match validity {
        Validity::Valid => "valid".to_owned(),
        Validity::PotentiallyValid => "potential".to_owned(),
        Validity::Invalid(error) => error.code().to_owned(),
    }
}

/// `cct` or `std`.
pub(crate) fn table(name: &str) -> BrandTable {
    match name {
        "cct" => BrandTable::credit_card_type(),
        "std" => BrandTable::standard(),
        other => panic!("unknown table {other}"),
    }
}

/// `YYYY-MM`.
pub(crate) fn month(text: &str) -> YearMonth {
    let (year, month) = text.split_once('-').unwrap();
    YearMonth::new(year.parse().unwrap(), month.parse().unwrap()).unwrap()
}

/// `-` for none.
pub(crate) fn optional(text: &str) -> Option<&str> {
    (text != "-").then_some(text)
}
