// The checks both wasm modules answer (the main one, and compat's for card-validator's `cvv`,
// `postalCode` and `cardholderName`), bound to one module and its buffers.
import { count, isString, option } from './io.js';

/** `{ isValid, isPotentiallyValid }` from a module answer: bit 1 valid, bit 0 potentially
 *  valid (0, or `false`, is invalid). */
export const validity = (found) => ({ isValid: (found & 2) !== 0, isPotentiallyValid: (found & 1) !== 0 });

/** `[validateCvc, validateHolder, validatePostalCode]` over `wasm`, whose input buffer `put`
 *  (from `connect`) writes; `codeSize(id)` is the code size of the brand `id` in the module's
 *  table, `undefined` when it has none by that id. */
export function fieldChecks(wasm, put, codeSize) {
  /** `{ isValid, isPotentiallyValid }` for a security code; options `brand` (its code size
   *  wins when the table has it) or `maxLength`. */
  const validateCvc = (value, options) => {
    if (!isString(value)) return validity(0);
    // The lengths allowed: a count or an array of counts (3 or 4 without one). The module
    // takes the shortest, the longest, and 1 when the code's length is allowed (all the core's
    // `validate_cvc_lengths` asks of a list). A hole in the array stands for a length no code
    // has, the largest u32 (-1 as it crosses), and an empty array reads as one such hole:
    // never complete.
    const maxLength = codeSize(option(options, 'brand')) ?? option(options, 'maxLength');
    let lengths = [3, 4];
    if (Array.isArray(maxLength)) {
      lengths = maxLength.map((n) => count(n) ?? 0);
    } else if (count(maxLength) !== undefined) {
      lengths = [count(maxLength)];
    }
    // Sorted, holes last (`map` keeps them): the first item is the shortest and the last the
    // longest, each `undefined` when it is a hole (or the array is empty).
    lengths.sort((a, b) => a - b);
    // `+`: a number crosses into wasm without the conversion a boolean takes.
    return validity(wasm.validateCvc(put(value), lengths[0] ?? -1, lengths.at(-1) ?? -1,
      +lengths.includes(value.length)));
  };
  /** `{ isValid, isPotentiallyValid }` for a cardholder name. */
  const validateHolder = (value) => validity(isString(value) && wasm.validateHolder(put(value)));
  /** `{ isValid, isPotentiallyValid }` for a postal code; option `minLength` (2). */
  const validatePostalCode = (value, options) => validity(
    isString(value) && wasm.validatePostalCode(put(value), count(option(options, 'minLength')) ?? 0));
  // An array: minified, its items' names cost nothing.
  return [validateCvc, validateHolder, validatePostalCode];
}
