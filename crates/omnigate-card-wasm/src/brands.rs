//! Card numbers and the package's brand table: `validateNumber` (and `detectBrands`), brand
//! descriptions, and `addBrand`, `removeBrand`, `resetBrands`.

use omnigate_card::NumberOptions;

use crate::packed::{self, REST};
use crate::{buffer, spec, tables};

/// card-validator's number options: `max_length` 0 for none (which [`NumberOptions`] reads
/// as none too, like JS's falsy `0`); `flags` bit 0 `luhnValidateUnionPay`, bit 1
/// `skipLuhnValidation`.
pub(crate) fn number_options(max_length: u32, flags: u32) -> NumberOptions {
    NumberOptions {
        max_length: Some(max_length as usize),
        luhn_validate_union_pay: flags & 1 != 0,
        skip_luhn_validation: flags & 2 != 0,
    }
}

/// Checks the number in the input's first `len` bytes. Answers the validity flags and, from
/// bit 2, how many brands it can still belong to; their table indexes, in priority order, are
/// the list (`listItem`). The brand is known when there is exactly one.
pub(crate) fn validate_number(len: usize, max_length: u32, flags: u32) -> u32 {
    let options = number_options(max_length, flags);
    buffer::with_input([len], |[text]| {
        tables::native(|table| {
            let check = omnigate_card::validate_number(text, table, &options);
            let found = check.candidates.iter().map(|brand| tables::index_of(table, brand));
            packed::validity(&check.state) | buffer::set_list(found) << REST
        })
    })
}

/// Leaves the description of the brand at `index` as the output text; answers its length, 0
/// past the end of the table.
pub(crate) fn describe_brand(index: usize) -> usize {
    tables::native(|table| {
        let brand = table.as_slice().get(index);
        // One text, written as it is: `buffer::emit`'s loop is for several parts.
        brand.map_or(0, |brand| buffer::write(|out| omnigate_card::push_text(out, brand.record())))
    })
}

/// Adds the encoded brand in the input (or replaces the brand with its id, in place).
/// Answers 0, or the length of the error record.
pub(crate) fn add_brand(len: usize, replace: bool) -> usize {
    // Put while the input is read, as `remove_brand` does: the brand goes to the table from
    // where it was parsed, without being carried out of the reading first. A match, not
    // `and_then`: the module came out smaller (3 B of gzip, measured).
    let result = buffer::with_input([len], |[text]| match spec::read(text, "spec") {
        Ok(brand) => tables::native(|table| table.put(brand, replace)),
        Err(error) => Err(error),
    });
    packed::outcome(result)
}

/// Removes the brand whose id is in the input. Answers 0, or the length of the error record.
pub(crate) fn remove_brand(len: usize) -> usize {
    let result = buffer::with_input([len], |[id]| tables::native(|table| table.remove(id)));
    packed::outcome(result)
}

/// Puts the built-in brands back.
pub(crate) fn reset_brands() {
    tables::reset_native();
}
