// omnigate-card: card input rules in Rust/WebAssembly. This file is the package's JavaScript
// API; it checks argument types, hands strings to the wasm module through its input buffer
// (`./io.js`, `./spec.js`, `./fields.js`), and builds the result objects from the numbers the
// module answers. The rules themselves all live in the module.
import { wasm } from '#omnigate-card-wasm';
import { fieldChecks } from './fields.js';
import { connect, count, isString, numbers, option, textOf, today as todayOf } from './io.js';
import { encodeSpec } from './spec.js';

/** Browsers and bundlers: call and await once before anything else (Node: already done on
 *  import; init resolves at once). */
export { init as default } from '#omnigate-card-wasm';

const [put, putAll, text, record, change] = connect(wasm);

// The package's brands, described once per change of its table: frozen info objects in table
// order (the module's brand indexes).
let table = null;

function brandTable() {
  if (!table) {
    const infos = [];
    for (let index = 0, size; (size = wasm.describeBrand(index)); index += 1) {
      // A brand record (`Brand::record` in the core): nine fields.
      const [id, name, gatewayBrand, , lengths, gaps, codeName, codeSize, luhn] = record(size, 1);
      infos.push(Object.freeze({
        id, name, gatewayBrand, lengths: Object.freeze(numbers(lengths)), gaps: Object.freeze(numbers(gaps)),
        code: Object.freeze({ name: codeName, size: +codeSize }), luhn: luhn === '1',
      }));
    }
    table = infos;
  }
  return table;
}

// After a change of the table (which throws its error, if any), describe it again. Answers
// undefined, as the change functions do.
function changed(size) {
  table = null;
  change(size);
}

function numberFlags(options) {
  // Bit 0 and bit 1 (`true` is 1 to the bit operators).
  return (option(options, 'luhnValidateUnionPay') === true)
    | ((option(options, 'skipLuhnValidation') === true) << 1);
}

/** `{ brand, candidates, isPotentiallyValid, isValid }` for a card number as typed. */
export function validateNumber(value, options) {
  const found = isString(value)
    ? wasm.validateNumber(put(value), count(option(options, 'maxLength')) ?? 0, numberFlags(options))
    : 0;
  // The candidates are brand indexes in the module's list, whose descriptions `brandTable`
  // builds on first use: a non-string, which has no candidates, makes no wasm call.
  const size = found >>> 2;
  const candidates = [];
  let info;
  for (let i = 0; i < size; i += 1) {
    info = brandTable()[wasm.listItem(i)];
    candidates.push(info.id);
  }
  // The brand once it is the only candidate.
  const brand = size === 1 ? info : null;
  return { brand, candidates, isPotentiallyValid: (found & 1) !== 0, isValid: (found & 2) !== 0 };
}

/** The ids of the brands a number as typed can still belong to, in priority order. */
export const detectBrands = (value) => validateNumber(value).candidates;

/** The description of the brand `id`, or `null`. */
export const brandInfo = (id) => brandTable().find((info) => info.id === id) ?? null;

/** Every brand's description, in priority order. */
export const brands = () => brandTable().slice();

/** Adds a brand at the lowest priority, or replaces the brand with its id (`{ replace: true }`). */
export const addBrand = (spec, options) =>
  changed(wasm.addBrand(put(encodeSpec(spec)), option(options, 'replace') === true));

/** Takes the brand `id` out of detection. */
export const removeBrand = (id) => changed(wasm.removeBrand(put(textOf(id))));

/** Puts the built-in brands back, undoing every `addBrand` and `removeBrand`. */
export const resetBrands = () => changed(wasm.resetBrands()); // answers nothing: it cannot fail

/** `{ isValid, isPotentiallyValid, month, year }` for an expiry as typed. */
export function validateExpiry(value, options) {
  const today = todayOf(option(options, 'today'));
  let found = 0;
  if (isString(value) && today !== 0) {
    const max = option(options, 'maxElapsedYear');
    const given = typeof max === 'number';
    // `+given`: a number crosses into wasm without the conversion a boolean takes (3% of a call).
    found = wasm.validateExpiry(put(value), today, +given, given ? max : 0);
  }
  // Bits 2-5 the month (0: not a complete date), 6 and up the year.
  const month = (found >>> 2) & 15;
  return {
    isValid: (found & 2) !== 0,
    isPotentiallyValid: (found & 1) !== 0,
    month: month || null,
    year: month ? found >>> 6 : null,
  };
}

export const [validateCvc, validateHolder, validatePostalCode] =
  fieldChecks(wasm, put, (id) => brandInfo(id)?.code.size);

// `{ value, caret }` from a formatting export, which answers the value (made of digits, spaces
// and `/` only: no U+001F of its own), U+001F, the caret.
function formatted(format, value, caret) {
  const [out, at] = record(format(put(textOf(value)), count(caret) ?? 0xffffffff));
  return { value: out, caret: Number(at) };
}

/** The number with its brand's gaps (`'3782 822463 10005'`). */
export const formatNumber = (value) => formatted(wasm.formatNumber, value).value;

/** The expiry as `MM / YY` while it is typed. */
export const formatExpiry = (value) => formatted(wasm.formatExpiry, value).value;

/** `{ value, caret }`: `formatNumber` and where the caret at `caret` goes. */
export const formatNumberWithCaret = (value, caret) => formatted(wasm.formatNumber, value, caret);

/** `{ value, caret }`: `formatExpiry` and where the caret at `caret` goes. */
export const formatExpiryWithCaret = (value, caret) => formatted(wasm.formatExpiry, value, caret);

/** The Luhn checksum of a string of digits. */
export const luhn = (digits) => isString(digits) && wasm.luhn(put(digits)) !== 0;

/** `{ isValid, brand, errors: [{ field, code, message }] }` for a whole card. */
export function validateCard(card, options) {
  const holderGiven = option(card, 'holder') !== undefined;
  const lengths = putAll(['number', 'expiry', 'cvc', 'holder'].map((name) => textOf(option(card, name))));
  const today = todayOf(option(options, 'today'));
  const max = option(options, 'maxElapsedYear');
  const given = typeof max === 'number';
  const maxLength = Math.min(count(option(options, 'maxLength')) ?? 0, 0x0fffffff);
  const flags = (numberFlags(options) | (holderGiven ? 4 : 0)) + maxLength * 8;
  // The brand's index ('' for none: no index of the table), then one record per error,
  // separated by U+001E.
  const [brand, ...errors] = text(wasm.validateCard(...lengths, flags, today, +given,
    given ? max : 0)).split('\u001e');
  return {
    isValid: errors.length === 0,
    brand: brandTable()[brand] ?? null,
    errors: errors.map((error) => {
      const [field, code, message] = error.split('\u001f');
      return { field, code, message };
    }),
  };
}
