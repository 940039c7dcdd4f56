//! The brand tables, one per module instance: the package's own (changed by `addBrand`,
//! `removeBrand`, `resetBrands`) and the compat layer's (credit-card-type's 15 brands until
//! changed through its API). The JS side caches brand descriptions per table version; brands
//! are named to it by their index in the table.

use omnigate_card::{Brand, BrandTable};
use spin::Mutex;

static NATIVE: Mutex<Option<BrandTable>> = Mutex::new(None);
#[cfg(feature = "compat")]
static COMPAT: Mutex<Option<BrandTable>> = Mutex::new(None);

/// Runs `f` over the package's table.
pub(crate) fn native<R>(f: impl FnOnce(&mut BrandTable) -> R) -> R {
    f(crate::lock(&NATIVE).get_or_insert_with(BrandTable::standard))
}

/// Runs `f` over the compat layer's table.
#[cfg(feature = "compat")]
pub(crate) fn compat<R>(f: impl FnOnce(&mut BrandTable) -> R) -> R {
    f(crate::lock(&COMPAT).get_or_insert_with(BrandTable::credit_card_type))
}

/// Puts the package's table back to its built-in brands.
pub(crate) fn reset_native() {
    *crate::lock(&NATIVE) = None;
}

/// Puts the compat table back to credit-card-type's brands.
#[cfg(feature = "compat")]
pub(crate) fn reset_compat() {
    *crate::lock(&COMPAT) = None;
}

/// Where `brand` (found in `table`) stands in it: its distance from the first brand in
/// memory, counted in brands, with no search.
pub(crate) fn index_of(table: &BrandTable, brand: &Brand) -> u32 {
    let first = table.iter().as_slice().as_ptr() as usize;
    let offset = (brand as *const Brand as usize).wrapping_sub(first);
    (offset / core::mem::size_of::<Brand>()) as u32
}
