//! The exports behind `omnigate-card/compat` (the card-validator 10.0.4 drop-in), over the
//! compat table (credit-card-type's 15 brands until changed). `compat.js` checks argument
//! types as card-validator does, reads the clock, and builds credit-card-type's objects.

use omnigate_card::{BrandUpdate, ExpiryCheck, NumberOptions};

use crate::packed::{self, FIELD, REST};
use crate::{brands, buffer, spec, tables};

/// card-validator's `number()` after its type checks. Answers the validity flags; bit 2 says a
/// brand was found, bits 3–7 hold its match strength (0: none yet) and bits 8 up its table
/// index.
pub(crate) fn compat_number(len: usize, max_length: u32, flags: u32) -> u32 {
    let options: NumberOptions = brands::number_options(max_length, flags);
    buffer::with_input([len], |[text]| {
        tables::compat(|table| {
            let check = omnigate_card::validate_number(text, table, &options);
            let brand = check.brand.map_or(0, |b| 1 << REST | tables::index_of(table, b) << 8);
            let strength = check.match_strength.map_or(0, |s| (s as u32).min(31));
            packed::validity(&check.state) | brand | strength << (REST + 1)
        })
    })
}

/// card-validator's `cvv()` after its type check: the code in the input against what
/// `compat.js` read of `maxLength` with card-validator's own comparisons
/// ([`omnigate_card::validate_cvc_bounds`]). Answers the validity flags.
pub(crate) fn compat_cvv(len: usize, shortest: usize, too_long: usize, allowed: u32) -> u32 {
    let check = |[text]: [&str; 1]| {
        let validity = omnigate_card::validate_cvc_bounds(text, shortest, too_long, allowed != 0);
        packed::validity(&validity)
    };
    buffer::with_input([len], check)
}

/// credit-card-type's detection of the number in the input. Answers how many brands match;
/// the list holds each one's table index shifted by 5 over its strength (0: none yet).
pub(crate) fn compat_detect(len: usize) -> u32 {
    buffer::with_input([len], |[text]| {
        tables::compat(|table| {
            let found = table.detect_matches(text).into_iter().map(|found| {
                let strength = found.strength.map_or(0, |s| (s as u32).min(31));
                tables::index_of(table, found.brand) << 5 | strength
            });
            buffer::set_list(found)
        })
    })
}

/// Leaves the description of the compat brand at `index` (active brands) as the output text,
/// like `describeBrand`; 0 past the end.
pub(crate) fn compat_describe(index: usize) -> usize {
    tables::compat(|table| {
        table.iter().nth(index).map_or(0, |brand| buffer::emit(&[brand.record()]))
    })
}

/// Leaves the description of the compat brand whose id is in the input, active or removed
/// (credit-card-type's `getTypeInfo`); 0 when there is none.
pub(crate) fn compat_type_info(len: usize) -> usize {
    buffer::with_input([len], |[id]| {
        tables::compat(|table| table.lookup(id).map_or(0, |brand| buffer::emit(&[brand.record()])))
    })
}

/// A brand from a credit-card-type config in the input. card-validator skips Luhn by type,
/// for `unionpay` only, so that is the one brand without it.
fn brand_from(len: usize) -> Result<omnigate_card::Brand, omnigate_card::BrandError> {
    let mut spec = buffer::with_input([len], |[text]| spec::read(text, "config"))?.to_spec();
    spec.luhn = spec.id != "unionpay";
    spec.build()
}

/// `addCard`: replaces the brand with the config's `type` in place, or appends it. Answers 0
/// or the length of the error record.
pub(crate) fn compat_add_card(len: usize) -> usize {
    packed::outcome(brand_from(len).and_then(|brand| {
        tables::compat(|table| {
            let known = table.get(brand.id()).is_some();
            table.put(brand, known)
        })
    }))
}

/// `updateCard` with the merged config: the brand keeps its place, active or removed.
pub(crate) fn compat_update_card(len: usize) -> usize {
    packed::outcome(brand_from(len).and_then(|brand| {
        let spec = brand.to_spec();
        let update = BrandUpdate {
            id: None,
            name: Some(spec.name),
            gateway_brand: None,
            patterns: Some(spec.patterns),
            lengths: Some(spec.lengths),
            gaps: Some(spec.gaps),
            security_code: Some((spec.security_code_name, spec.security_code_size)),
            luhn: Some(spec.luhn),
        };
        tables::compat(|table| table.update(&spec.id, update))
    }))
}

/// `removeCard` of the id in the input.
pub(crate) fn compat_remove_card(len: usize) -> usize {
    let result = buffer::with_input([len], |[id]| tables::compat(|t| t.remove(id)));
    packed::outcome(result)
}

/// `changeOrder` of the id in the input, with JavaScript `splice` positions (negative counts
/// from the end).
pub(crate) fn compat_change_order(len: usize, position: f64) -> usize {
    let result = buffer::with_input([len], |[id]| {
        tables::compat(|table| {
            let others = table.len().saturating_sub(1) as f64;
            // Truncated toward zero (saturating), and NaN is 0, as `splice` reads it.
            let position = position as i64 as f64;
            let position =
                if position < 0.0 { (others + position).max(0.0) } else { position.min(others) };
            table.change_order(id, position as usize)
        })
    });
    packed::outcome(result)
}

/// `resetModifications`.
pub(crate) fn compat_reset() {
    tables::reset_compat();
}

/// `expirationDate(string, maxElapsedYear)`. Answers the validity flags and, from bit 2, the
/// length of the output text `month` U+001F `year` (as typed), 0 when they are `null`.
pub(crate) fn compat_expiration_date(len: usize, max: Option<f64>, today: u32) -> u32 {
    let Some(today) = packed::today(today) else { return date_result(None) };
    let max = packed::years(max);
    let check =
        buffer::with_input([len], |[text]| omnigate_card::validate_expiry(text, today, max));
    date_result(Some(check))
}

/// `expirationDate({ month, year }, maxElapsedYear)`, both parts `String()`ed into the input.
pub(crate) fn compat_expiration_parts(
    month: usize,
    year: usize,
    max: Option<f64>,
    today: u32,
) -> u32 {
    let Some(today) = packed::today(today) else { return date_result(None) };
    let max = packed::years(max);
    let check = buffer::with_input([month, year], |[m, y]| {
        omnigate_card::validate_expiry_parts(m, y, today, max)
    });
    date_result(Some(check))
}

fn date_result(check: Option<ExpiryCheck>) -> u32 {
    let Some(check) = check else { return packed::validity(&packed::unusable()) };
    let parts = match (&check.month, &check.year) {
        (Some(month), Some(year)) => buffer::emit(&[month, FIELD, year]) as u32,
        _ => 0,
    };
    packed::validity(&check.validity) | parts << REST
}

/// `expirationMonth(string)`: the validity flags, bit 2 `isValidForThisYear`.
pub(crate) fn compat_expiration_month(len: usize, today: u32) -> u32 {
    let Some(today) = packed::today(today) else { return packed::validity(&packed::unusable()) };
    let check =
        buffer::with_input([len], |[text]| omnigate_card::validate_expiry_month(text, today));
    packed::validity(&check.validity) | u32::from(check.is_valid_for_this_year) << REST
}

/// `expirationYear(string, maxElapsedYear)`: the validity flags, bit 2 `isCurrentYear`.
pub(crate) fn compat_expiration_year(len: usize, max: Option<f64>, today: u32) -> u32 {
    let Some(today) = packed::today(today) else { return packed::validity(&packed::unusable()) };
    let max = packed::years(max);
    let check =
        buffer::with_input([len], |[text]| omnigate_card::validate_expiry_year(text, today, max));
    packed::validity(&check.validity) | u32::from(check.is_current_year) << REST
}
