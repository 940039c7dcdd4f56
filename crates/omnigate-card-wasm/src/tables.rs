//! The brand tables, one per module instance: the package's own (changed by `addBrand`,
//! `removeBrand`, `resetBrands`) and the compat layer's (credit-card-type's 15 brands until
//! changed through its API). The JS side caches brand descriptions per table version; brands
//! are named to it by their index in the table.

use alloc::string::String;
use alloc::vec::Vec;

use omnigate_card::{Brand, BrandTable};
use spin::Mutex;

use crate::packed::{self, FIELD};

static NATIVE: Mutex<Option<BrandTable>> = Mutex::new(None);
#[cfg(feature = "compat")]
static COMPAT: Mutex<Option<BrandTable>> = Mutex::new(None);

/// Runs `f` over the package's table.
pub(crate) fn native<R>(f: impl FnOnce(&mut BrandTable) -> R) -> R {
    f(NATIVE.lock().get_or_insert_with(BrandTable::standard))
}

/// Runs `f` over the compat layer's table.
#[cfg(feature = "compat")]
pub(crate) fn compat<R>(f: impl FnOnce(&mut BrandTable) -> R) -> R {
    f(COMPAT.lock().get_or_insert_with(BrandTable::credit_card_type))
}

/// Puts the package's table back to its built-in brands.
pub(crate) fn reset_native() {
    *NATIVE.lock() = None;
}

/// Puts the compat table back to credit-card-type's brands.
#[cfg(feature = "compat")]
pub(crate) fn reset_compat() {
    *COMPAT.lock() = None;
}

/// Where `brand` (found in `table`) stands in it.
pub(crate) fn index_of(table: &BrandTable, brand: &Brand) -> u32 {
    table.iter().position(|b| core::ptr::eq(b, brand)).map_or(u32::MAX, |i| i as u32)
}

/// A brand as one output record: id, name, gateway brand, lengths, gaps, code name, code size,
/// Luhn (`1`/`0`) and patterns (`4`, `51-55`), lists comma-separated.
pub(crate) fn describe(brand: &Brand) -> String {
    let numbers = |values: &[u8]| -> String {
        let list: Vec<String> = values.iter().map(|&n| packed::decimal(n.into())).collect();
        list.join(",")
    };
    let patterns: Vec<String> = brand
        .patterns()
        .iter()
        .map(|p| match p.range() {
            Some((min, max)) => [min, "-", max].concat(),
            None => p.prefix().unwrap_or_default().into(),
        })
        .collect();
    let code = brand.security_code();
    let parts = [
        brand.id(),
        brand.name(),
        brand.gateway_brand(),
        &numbers(brand.lengths()),
        &numbers(brand.gaps()),
        code.name(),
        &packed::decimal(code.size().into()),
        if brand.luhn() { "1" } else { "0" },
        &patterns.join(","),
    ];
    parts.join(FIELD)
}
