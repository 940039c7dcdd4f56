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

/// Where `brand`, one of `table`'s active brands (what detection answers), stands in it: its
/// distance from the first brand in memory, counted in brands, with no search. Any other brand
/// (a removed one, another table's) answers `u32::MAX`, an index JS finds no brand at, rather
/// than the index of whichever brand happens to lie at that distance.
pub(crate) fn index_of(table: &BrandTable, brand: &Brand) -> u32 {
    let brands = table.as_slice();
    let size = core::mem::size_of::<Brand>();
    let offset = (brand as *const Brand as usize).wrapping_sub(brands.as_ptr() as usize);
    let index = offset / size;
    match u32::try_from(index) {
        Ok(index32) if offset.is_multiple_of(size) && index < brands.len() => index32,
        _ => u32::MAX,
    }
}

#[cfg(test)]
mod tests {
    use omnigate_card::BrandTable;

    use super::index_of;

    #[test]
    fn index_of_finds_active_brands_and_nothing_else() {
        let table = BrandTable::standard();
        for (index, brand) in table.iter().enumerate() {
            assert_eq!(index_of(&table, brand), index as u32, "{}", brand.id());
        }
        let other = BrandTable::standard();
        let visa = other.get("visa").unwrap();
        assert_eq!(index_of(&table, visa), u32::MAX, "another table's brand");
        let mut removed = BrandTable::standard();
        removed.remove("visa").unwrap();
        let visa = removed.lookup("visa").unwrap();
        assert_eq!(index_of(&removed, visa), u32::MAX, "a removed brand");
    }
}
