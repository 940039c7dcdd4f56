//! Run-time changes to a brand table: add, replace, update, remove, reorder, and spec checks.

use omnigate_card::{BrandError, BrandSpec, BrandTable, BrandUpdate, PatternSpec};

fn custom(id: &str, prefix: &str) -> BrandSpec {
    BrandSpec { patterns: vec![PatternSpec::Prefix(prefix.into())], ..BrandSpec::new(id, "Custom") }
}

fn ids(table: &BrandTable, input: &str) -> Vec<String> {
    table.detect(input).iter().map(|b| b.id().to_owned()).collect()
}

#[test]
fn add_appends_and_refuses_duplicates() {
    let mut table = BrandTable::credit_card_type();
    table.add(custom("new-card", "2345").build().unwrap()).unwrap();
    assert_eq!(ids(&table, "2"), ["mastercard", "jcb", "mir", "new-card"]);
    assert_eq!(ids(&table, "2345"), ["new-card"]);
    let error = table.add(custom("new-card", "2346").build().unwrap()).unwrap_err();
    assert_eq!(error, BrandError::DuplicateBrand { id: "new-card".into() });
    assert_eq!(table.get("new-card").unwrap().gateway_brand(), "NEWCARD");
}

#[test]
fn replace_keeps_the_position() {
    let mut table = BrandTable::credit_card_type();
    let count = table.len();
    assert_eq!(table.get("visa").unwrap().name(), "Visa");
    table.replace(custom("visa", "4").build().unwrap()).unwrap();
    assert_eq!(table.iter().next().unwrap().name(), "Custom");
    assert_eq!(table.lookup("visa").unwrap().name(), "Custom");
    assert_eq!(table.len(), count, "replaced in place, not appended");
    let error = table.replace(custom("nope", "1").build().unwrap()).unwrap_err();
    assert_eq!(error.code(), "brand_not_found");
    table.remove("visa").unwrap();
    let removed_only = table.replace(custom("visa", "4").build().unwrap()).unwrap_err();
    assert_eq!(removed_only.code(), "brand_not_found", "a removed brand is not replaced");
    assert_eq!(table.len(), count - 1);
}

#[test]
fn update_merges_like_update_card() {
    let mut table = BrandTable::credit_card_type();
    let update = BrandUpdate {
        name: Some("Fancy Visa".into()),
        lengths: Some(vec![11, 16]),
        ..BrandUpdate::default()
    };
    table.update("visa", update).unwrap();
    let visa = table.get("visa").unwrap();
    assert_eq!(
        (visa.name(), visa.lengths(), visa.gaps()),
        ("Fancy Visa", &[11, 16][..], &[4, 8, 12][..])
    );
    let patterns = Some(vec![PatternSpec::Prefix("3".into())]);
    table.update("visa", BrandUpdate { patterns, ..BrandUpdate::default() }).unwrap();
    assert_eq!(ids(&table, "3"), ["visa", "american-express", "diners-club", "jcb"]);

    let same_id = BrandUpdate { id: Some("visa".into()), ..BrandUpdate::default() };
    assert_eq!(table.update("visa", same_id), Ok(()));
    let other_id = BrandUpdate { id: Some("not visa".into()), ..BrandUpdate::default() };
    assert_eq!(table.update("visa", other_id), Err(BrandError::BrandIdMismatch));
    let missing = table.update("foo", BrandUpdate::default()).unwrap_err();
    assert_eq!(missing.code(), "brand_not_found");
    let bad = BrandUpdate { lengths: Some(vec![]), ..BrandUpdate::default() };
    assert_eq!(table.update("visa", bad).unwrap_err().code(), "invalid_brand");
}

#[test]
fn remove_keeps_the_brand_known() {
    let mut table = BrandTable::credit_card_type();
    table.remove("mastercard").unwrap();
    assert_eq!(ids(&table, "2"), ["jcb", "mir"]);
    assert!(table.get("mastercard").is_none());
    assert_eq!(table.lookup("mastercard").unwrap().name(), "Mastercard");
    let update = BrandUpdate { name: Some("MC".into()), ..BrandUpdate::default() };
    table.update("mastercard", update).unwrap();
    assert!(table.get("mastercard").is_none(), "an update does not bring a brand back");
    let error = table.remove("bogus").unwrap_err();
    assert_eq!(error.to_string(), "\"bogus\" is not a supported card type.");
    table.add(custom("mastercard", "5").build().unwrap()).unwrap();
    assert_eq!(table.iter().last().unwrap().id(), "mastercard");
}

#[test]
fn change_order_moves_priority() {
    let mut table = BrandTable::credit_card_type();
    table.change_order("jcb", 0).unwrap();
    assert_eq!(ids(&table, "2"), ["jcb", "mastercard", "mir"]);
    table.change_order("jcb", 99).unwrap();
    assert_eq!(table.iter().last().unwrap().id(), "jcb");
    assert_eq!(table.change_order("bogus", 0).unwrap_err().code(), "brand_not_found");
}

#[test]
fn brand_specs_are_checked() {
    let field = |spec: BrandSpec| match spec.build() {
        Err(BrandError::InvalidBrand { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(field(custom("", "4")), "id");
    assert_eq!(field(custom("x", "4a")), "patterns");
    assert_eq!(field(custom("x", "")), "patterns");
    assert_eq!(field(BrandSpec::new("x", "X")), "patterns");
    let range = |min: &str, max: &str| BrandSpec {
        patterns: vec![PatternSpec::Range(min.into(), max.into())],
        ..BrandSpec::new("x", "X")
    };
    assert_eq!(field(range("55", "51")), "patterns");
    assert_eq!(field(range("5", "51")), "patterns");
    assert!(range("51", "55").build().is_ok());
    assert_eq!(field(BrandSpec { lengths: vec![20], ..custom("x", "4") }), "lengths");
    assert_eq!(field(BrandSpec { gaps: vec![8, 4], ..custom("x", "4") }), "gaps");
    assert_eq!(
        field(BrandSpec { gateway_brand: "visa".into(), ..custom("x", "4") }),
        "gateway_brand"
    );
    assert_eq!(
        field(BrandSpec { security_code_size: 9, ..custom("x", "4") }),
        "security_code_size"
    );
    assert_eq!(field(BrandSpec { name: "a\nb".into(), ..custom("x", "4") }), "name");
    let visa = BrandTable::standard().get("visa").unwrap().clone();
    assert_eq!(visa.to_spec().build().unwrap(), visa);
}
