//! [`BrandTable`]: the brands in priority order, detection, and run-time changes to the list.

use alloc::{string::String, vec::Vec};

use crate::brand::record::Items;
use crate::brand::{Brand, BrandUpdate};
use crate::brands::{EXTRA_IDS, RECORDS};
use crate::error::BrandError;
use crate::matching::{self, BrandMatch};

/// An ordered list of brands: the order is the detection priority (ties go to the earlier).
///
/// Besides the active brands, the table remembers brands that were [`remove`](Self::remove)d,
/// because credit-card-type keeps them too: `getTypeInfo` and `updateCard` still find them
/// ([`lookup`](Self::lookup), [`update`](Self::update)) and `addCard` puts them back at the end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrandTable {
    active: Vec<Brand>,
    removed: Vec<Brand>,
}

impl BrandTable {
    /// Every built-in brand: credit-card-type's 15 plus Dankort, RuPay and UATP.
    pub fn standard() -> Self {
        Self::built_in(|_| true)
    }

    /// Exactly credit-card-type 10.3.0's 15 brands in its order, so that detection and
    /// validation give card-validator's results. The JS compat layer uses this table.
    pub fn credit_card_type() -> Self {
        Self::built_in(|brand| !EXTRA_IDS.contains(&brand.id()))
    }

    /// The built-in brands that `keep` keeps, read from their records (a test checks that
    /// every record reads).
    fn built_in(keep: impl Fn(&Brand) -> bool) -> Self {
        let mut table = Self::empty();
        // One record a line: the empty text after the last line break is no record, refused
        // (it has no id) and skipped like one.
        for record in Items::new(RECORDS, b'\n') {
            match Brand::from_record(record) {
                // Appended with no search for the id: the built-in ids differ.
                Ok(brand) => {
                    if keep(&brand) {
                        push_brand(&mut table.active, brand);
                    }
                }
                // None but the last line's `InvalidBrand`, which owns nothing: forgotten
                // rather than dropped, the setup carries no cleanup code for it.
                Err(error) => core::mem::forget(error),
            }
        }
        table
    }

    /// A table with no brands, to fill with [`add`](Self::add).
    pub fn empty() -> Self {
        Self { active: Vec::new(), removed: Vec::new() }
    }

    /// The active brand with this id.
    pub fn get(&self, id: &str) -> Option<&Brand> {
        self.active.get(position(&self.active, id))
    }

    /// The brand with this id, active or removed (credit-card-type's `getTypeInfo`).
    pub fn lookup(&self, id: &str) -> Option<&Brand> {
        self.get(id).or_else(|| self.removed.get(position(&self.removed, id)))
    }

    /// The active brands in priority order.
    pub fn iter(&self) -> core::slice::Iter<'_, Brand> {
        self.active.iter()
    }

    /// The active brands in priority order, as a slice: its length is stored, where an
    /// iterator's is worked out from its two ends (a division by the brand size).
    pub fn as_slice(&self) -> &[Brand] {
        &self.active
    }

    /// How many brands are active.
    pub fn len(&self) -> usize {
        self.active.len()
    }

    /// True when no brand is active.
    pub fn is_empty(&self) -> bool {
        self.active.is_empty()
    }

    /// The brands a (partial) number can still belong to, in priority order.
    ///
    /// `""` gives every brand; one brand means the brand is known; none means no brand in the
    /// table issues such numbers. Pass digits only: this is credit-card-type's function, which
    /// strips nothing (see [`validate_number`](crate::validate_number) for user input).
    pub fn detect(&self, digits: &str) -> Vec<&Brand> {
        matching::candidates(&self.active, digits).0
    }

    /// Like [`detect`](Self::detect), with each candidate's match strength.
    pub fn detect_matches(&self, digits: &str) -> Vec<BrandMatch<'_>> {
        matching::detect(&self.active, digits)
    }

    /// Adds a brand at the end (lowest priority).
    ///
    /// Fails with [`BrandError::DuplicateBrand`] when a brand with that id is active.
    pub fn add(&mut self, brand: Brand) -> Result<(), BrandError> {
        self.put(brand, false)
    }

    /// Replaces the active brand with the same id, keeping its position. (The old brand is
    /// dropped, not answered: no caller wanted it, and moving it out cost the browser module.)
    ///
    /// Fails with [`BrandError::BrandNotFound`] when no active brand has that id (a removed one
    /// does not count). Together with [`add`](Self::add) this is credit-card-type's `addCard`.
    pub fn replace(&mut self, brand: Brand) -> Result<(), BrandError> {
        self.put(brand, true)
    }

    /// [`replace`](Self::replace) when `replace` is true, else [`add`](Self::add), with their
    /// errors: the choice as a flag, the way the browser module's `addBrand` receives it. One
    /// search for the id and one error site serve both.
    pub fn put(&mut self, brand: Brand, replace: bool) -> Result<(), BrandError> {
        let id = brand.id();
        let slot = position(&self.active, id);
        let slot = self.active.get_mut(slot);
        // Adding needs the id free, replacing needs it taken: when it is not so, the error is
        // `DuplicateBrand` for an add and `BrandNotFound` for a replace.
        if slot.is_some() != replace {
            let duplicate = !replace;
            return Err(id_error(id, duplicate));
        }
        match slot {
            Some(old) => *old = brand,
            None => {
                // At most one removed brand has the id (see `remove`): taking it keeps the ids
                // apart.
                drop(take_from(&mut self.removed, id));
                push_brand(&mut self.active, brand);
            }
        }
        Ok(())
    }

    /// Merges `update` into the brand `id` (credit-card-type's `updateCard`): the brand may be
    /// active or removed; a removed brand stays removed.
    ///
    /// Fails with [`BrandError::BrandNotFound`], [`BrandError::BrandIdMismatch`] when the update
    /// names another id, or [`BrandError::InvalidBrand`] when the result is malformed.
    pub fn update(&mut self, id: &str, update: BrandUpdate) -> Result<(), BrandError> {
        let slot = match position(&self.active, id) {
            slot if slot < self.active.len() => self.active.get_mut(slot),
            _ => {
                let slot = position(&self.removed, id);
                self.removed.get_mut(slot)
            }
        };
        let slot = slot.ok_or_else(|| not_found(id))?;
        *slot = update.apply(slot)?;
        Ok(())
    }

    /// Takes the brand `id` out of detection; the table keeps it among the removed brands, where
    /// [`lookup`](Self::lookup) and [`update`](Self::update) still find it.
    pub fn remove(&mut self, id: &str) -> Result<(), BrandError> {
        // One match on the brand taken: the brand goes from `take_from`'s answer to the push
        // as it is, where a `let ... else` before the push copied it once more.
        match take_from(&mut self.active, id) {
            // No removed brand has this id: `add` drops a removed brand when its id comes back,
            // and nothing else makes an id active, so the active and removed ids never overlap.
            Some(brand) => {
                push_brand(&mut self.removed, brand);
                Ok(())
            }
            None => Err(not_found(id)),
        }
    }

    /// Moves the brand `id` to `position` in the priority order (0 = first). Like JavaScript's
    /// `splice`, the brand is taken out first and a position past the end appends it.
    pub fn change_order(&mut self, id: &str, position: usize) -> Result<(), BrandError> {
        let brand = self.take(id)?;
        self.active.insert(position.min(self.active.len()), brand);
        Ok(())
    }

    /// Takes the active brand `id` out of the list.
    fn take(&mut self, id: &str) -> Result<Brand, BrandError> {
        take_from(&mut self.active, id).ok_or_else(|| not_found(id))
    }
}

/// Where the brand `id` stands in `brands`, or `brands.len()` (no brand's index, which `get`
/// answers `None` for) when none has it: the one search every lookup and change shares. A
/// plain index rather than an `Option`, which went back to the caller through memory.
fn position(brands: &[Brand], id: &str) -> usize {
    // Compared byte by byte: `==` on the texts inlines a `memcmp` that works out which text
    // sorts first, more code than the yes or no asked here. The lengths first: the byte loop
    // then has one end to watch.
    let same = |own: &str| own.len() == id.len() && own.bytes().eq(id.bytes());
    brands.iter().position(|b| same(b.id())).unwrap_or(brands.len())
}

/// Takes the brand `id` out of `brands`, keeping the others' order.
fn take_from(brands: &mut Vec<Brand>, id: &str) -> Option<Brand> {
    // Past the end when no brand has the id: nothing behind it to take.
    let slot = position(brands, id);
    let behind = brands.get_mut(slot..).filter(|behind| !behind.is_empty())?;
    // Moved past the brands behind it to the end, then popped: the moves `Vec::remove` makes,
    // without its out-of-bounds panic (and message) that the compiler cannot rule out.
    for next in 1..behind.len() {
        behind.swap(next - 1, next);
    }
    brands.pop()
}

/// Appends `brand` to `brands`: one copy of the growing and moving code for the two lists.
#[inline(never)]
fn push_brand(brands: &mut Vec<Brand>, brand: Brand) {
    brands.push(brand);
}

/// [`BrandError::BrandNotFound`] for `id`.
fn not_found(id: &str) -> BrandError {
    id_error(id, false)
}

/// The two errors that name a brand, [`BrandError::DuplicateBrand`] or
/// [`BrandError::BrandNotFound`]: one function copies the id for both, through the messages'
/// out-of-line append (an inlined `to_owned` brought its own allocation and error path).
#[inline(never)]
fn id_error(id: &str, duplicate: bool) -> BrandError {
    let mut owned = String::new();
    crate::error::push(&mut owned, id);
    let id = owned;
    if duplicate { BrandError::DuplicateBrand { id } } else { BrandError::BrandNotFound { id } }
}

impl Default for BrandTable {
    /// The [`standard`](Self::standard) table.
    fn default() -> Self {
        Self::standard()
    }
}

impl<'a> IntoIterator for &'a BrandTable {
    type Item = &'a Brand;
    type IntoIter = core::slice::Iter<'a, Brand>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}
