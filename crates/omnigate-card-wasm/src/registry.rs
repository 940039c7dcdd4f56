//! The brand tables behind the exports, one per loaded module: the package's own (changed by
//! `addBrand`, `removeBrand`, `resetBrands`) and the compat layer's (changed through
//! credit-card-type's API), plus brand specs read from JS objects.
//!
//! The package's table keeps a frozen description object and an id string per brand, made once
//! per change of the table, so a validation call hands out the same objects instead of building
//! new ones (and cannot be corrupted by a caller mutating what it got).

use std::cell::RefCell;

use js_sys::{Array, Object};
use omnigate_card::{Brand, BrandSpec, BrandTable, CardError, PatternSpec};
use wasm_bindgen::{JsCast, JsValue};

use crate::js::{self, Bag};

/// The package's table with its JS descriptions (`None` after a change, rebuilt on use).
struct Native {
    table: BrandTable,
    cache: Option<Vec<(JsValue, JsValue)>>,
}

thread_local! {
    static NATIVE: RefCell<Native> =
        RefCell::new(Native { table: BrandTable::standard(), cache: None });
    static COMPAT: RefCell<BrandTable> = RefCell::new(BrandTable::credit_card_type());
}

/// The package's brands as seen by one call.
pub(crate) struct View<'a> {
    /// The table in priority order.
    pub(crate) table: &'a BrandTable,
    cache: &'a [(JsValue, JsValue)],
}

impl View<'_> {
    fn slot(&self, brand: &Brand) -> Option<&(JsValue, JsValue)> {
        let index = self.table.iter().position(|b| std::ptr::eq(b, brand))?;
        self.cache.get(index)
    }

    /// The frozen `{ id, name, gatewayBrand, lengths, gaps, code, luhn }` of a table brand.
    pub(crate) fn info(&self, brand: &Brand) -> JsValue {
        self.slot(brand).map_or(JsValue::NULL, |(_, info)| info.clone())
    }

    /// The ids of `brands`, as a JS array.
    pub(crate) fn ids(&self, brands: &[&Brand]) -> Array {
        brands.iter().filter_map(|b| self.slot(b)).map(|(id, _)| id.clone()).collect()
    }
}

/// Runs `f` over the package's table.
pub(crate) fn native<R>(f: impl FnOnce(View<'_>) -> R) -> R {
    NATIVE.with_borrow_mut(|native| {
        let table = &native.table;
        let cache = native.cache.get_or_insert_with(|| {
            table.iter().map(|b| (JsValue::from_str(b.id()), describe(b))).collect()
        });
        f(View { table, cache })
    })
}

/// Changes the package's table; its JS descriptions are rebuilt on next use.
pub(crate) fn native_mut<R>(f: impl FnOnce(&mut BrandTable) -> R) -> R {
    NATIVE.with_borrow_mut(|native| {
        native.cache = None;
        f(&mut native.table)
    })
}

/// Runs `f` over the compat layer's table (credit-card-type's 15 brands until changed).
pub(crate) fn compat<R>(f: impl FnOnce(&mut BrandTable) -> R) -> R {
    COMPAT.with_borrow_mut(f)
}

/// Puts the compat layer's table back to credit-card-type's 15 brands.
pub(crate) fn compat_reset() {
    COMPAT.set(BrandTable::credit_card_type());
}

/// A brand as a frozen `{ id, name, gatewayBrand, lengths, gaps, code: { name, size }, luhn }`.
fn describe(brand: &Brand) -> JsValue {
    let info = Object::new();
    let code = Object::new();
    js::set(&code, "name", &brand.security_code().name().into());
    js::set(&code, "size", &brand.security_code().size().into());
    let lengths = js::numbers(brand.lengths().iter().map(|&l| f64::from(l)));
    let gaps = js::numbers(brand.gaps().iter().map(|&g| f64::from(g)));
    js::set(&info, "id", &brand.id().into());
    js::set(&info, "name", &brand.name().into());
    js::set(&info, "gatewayBrand", &brand.gateway_brand().into());
    js::set(&info, "lengths", &Object::freeze(&lengths));
    js::set(&info, "gaps", &Object::freeze(&gaps));
    js::set(&info, "code", &Object::freeze(&code));
    js::set(&info, "luhn", &brand.luhn().into());
    Object::freeze(&info).into()
}

/// Reads the parts of a brand both APIs share: `patterns` (required), and `lengths`, `gaps`
/// and `code: { name, size }` when given (else [`BrandSpec::new`]'s defaults).
///
/// A pattern is a digit string or a whole number (a prefix), or a `[min, max]` pair of them
/// (a range), as credit-card-type writes them.
pub(crate) fn read_spec(object: &Bag, id: JsValue, name: JsValue) -> Result<BrandSpec, CardError> {
    let id = id.as_string().ok_or(invalid("id", "must be a string"))?;
    let name = name.as_string().unwrap_or_else(|| id.clone());
    let mut spec = BrandSpec::new(id, name);
    let patterns = object.patterns();
    let patterns = patterns.dyn_ref::<Array>().ok_or(invalid("patterns", "must be an array"))?;
    spec.patterns = patterns
        .iter()
        .map(|p| pattern(&p))
        .collect::<Option<_>>()
        .ok_or(invalid("patterns", "must be digit strings, whole numbers or [min, max] pairs"))?;
    if let Some(lengths) = small_numbers(&object.lengths(), "lengths")? {
        spec.lengths = lengths;
    }
    if let Some(gaps) = small_numbers(&object.gaps(), "gaps")? {
        spec.gaps = gaps;
    }
    if let Some(code) = Bag::of(&object.code()) {
        spec.security_code_name = code.name().as_string().unwrap_or(spec.security_code_name);
        let size = code.size();
        if !size.is_undefined() {
            spec.security_code_size = small(&size).ok_or(invalid("code", "size must be 0-8"))?;
        }
    }
    Ok(spec)
}

fn invalid(field: &'static str, reason: &'static str) -> CardError {
    CardError::InvalidBrand { field, reason }
}

/// One pattern: `"4"`, `4`, `[51, 55]` or `["51", "55"]`.
fn pattern(value: &JsValue) -> Option<PatternSpec> {
    match value.dyn_ref::<Array>() {
        Some(pair) if pair.length() == 2 => {
            Some(PatternSpec::Range(digits(&pair.get(0))?, digits(&pair.get(1))?))
        }
        Some(_) => None,
        None => digits(value).map(PatternSpec::Prefix),
    }
}

/// A digit string, or a whole number written out (`String(n)` for the numbers patterns use).
fn digits(value: &JsValue) -> Option<String> {
    if let Some(text) = value.as_string() {
        return Some(text);
    }
    let n = value.as_f64().filter(|n| n.fract() == 0.0 && (0.0..1e19).contains(n))?;
    Some((n as u64).to_string())
}

/// A whole number 0–255.
fn small(value: &JsValue) -> Option<u8> {
    value.as_f64().filter(|n| n.fract() == 0.0 && (0.0..256.0).contains(n)).map(|n| n as u8)
}

/// An optional array of whole numbers 0–255.
fn small_numbers(value: &JsValue, field: &'static str) -> Result<Option<Vec<u8>>, CardError> {
    if value.is_undefined() {
        return Ok(None);
    }
    let array = value.dyn_ref::<Array>().ok_or(invalid(field, "must be an array of numbers"))?;
    let numbers = array.iter().map(|n| small(&n)).collect::<Option<Vec<u8>>>();
    numbers.map(Some).ok_or(invalid(field, "must be an array of numbers"))
}
