// The checks both wasm modules answer (the main one, and compat's for card-validator's `cvv`,
// `postalCode` and `cardholderName`), bound to one module and its buffers.
import { count, isString, option, textOf } from './io.js';

/** `{ isValid, isPotentiallyValid }` from a module answer: bit 1 valid, bit 0 potentially
 *  valid (0, or `false`, is invalid). */
export const validity = (found) => ({ isValid: (found & 2) !== 0, isPotentiallyValid: (found & 1) !== 0 });

/** Allowed CVC lengths as the module reads them: `:3,4` (an array in a template is joined with
 *  commas), or '' for the default 3 or 4. */
function cvcLengths(maxLength) {
  if (Array.isArray(maxLength)) return `:${maxLength.map((n) => count(n) ?? 0)}`;
  const length = count(maxLength);
  return length === undefined ? '' : `:${length}`;
}

/** `[validateCvc, validateHolder, validatePostalCode]` over `wasm`, whose input buffer `put`
 *  and `putAll` (from `connect`) write. */
export function fieldChecks(wasm, put, putAll) {
  /** `{ isValid, isPotentiallyValid }` for a security code; options `brand` or `maxLength`. */
  const validateCvc = (value, options) => {
    if (!isString(value)) return validity(0);
    const brand = textOf(option(options, 'brand'));
    const lengths = cvcLengths(option(options, 'maxLength'));
    return validity(wasm.validateCvc(...putAll([value, brand, lengths])));
  };
  /** `{ isValid, isPotentiallyValid }` for a cardholder name. */
  const validateHolder = (value) => validity(isString(value) && wasm.validateHolder(put(value)));
  /** `{ isValid, isPotentiallyValid }` for a postal code; option `minLength` (2). */
  const validatePostalCode = (value, options) =>
    validity(isString(value) && wasm.validatePostalCode(put(value), count(option(options, 'minLength')) ?? 0));
  // An array: minified, its items' names cost nothing.
  return [validateCvc, validateHolder, validatePostalCode];
}
