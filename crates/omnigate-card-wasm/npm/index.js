// omnigate-card: card input rules in Rust/WebAssembly. This file is the package's JavaScript
// API; it checks argument types, hands strings to the wasm module through its input buffer
// (`./io.js`, `./spec.js`, `./fields.js`), and builds the result objects from the numbers the
// module answers. The rules themselves all live in the module.
import { init as load, wasm } from '#omnigate-card-wasm';
import { fieldChecks } from './fields.js';
import { connect, count, today as todayOf } from './io.js';
import { encodeSpec } from './spec.js';

const { change, put, putAll, text } = connect(wasm);

/** Browsers and bundlers: call once before anything else (Node: already done on import). */
export default async function init(input) {
  await load(input);
}

const isString = (value) => typeof value === 'string';
const isObject = (value) => value !== null && typeof value === 'object';
const option = (options, name) => (isObject(options) ? options[name] : undefined);

// The package's brands, described once per change of its table: frozen info objects and ids
// in table order, and the info objects by id.
let table = null;

// A brand record (`Brand::record` in the core): nine fields, each `=` and its value.
function describe(record) {
  const fields = record.split('\u001f').map((field) => field.slice(1));
  const [id, name, gatewayBrand, , lengths, gaps, codeName, codeSize, luhnFlag] = fields;
  const numbers = (list) => Object.freeze(list === '' ? [] : list.split(',').map(Number));
  const code = Object.freeze({ name: codeName, size: Number(codeSize) });
  return Object.freeze({
    id, name, gatewayBrand, lengths: numbers(lengths), gaps: numbers(gaps), code,
    luhn: luhnFlag === '1',
  });
}

function brandTable() {
  if (table !== null) return table;
  const infos = [];
  for (let index = 0, size; (size = wasm.describeBrand(index)) > 0; index += 1) {
    infos.push(describe(text(size)));
  }
  table = { infos, ids: infos.map((info) => info.id), byId: new Map(infos.map((i) => [i.id, i])) };
  return table;
}

function numberFlags(options) {
  return (option(options, 'luhnValidateUnionPay') === true ? 1 : 0)
    | (option(options, 'skipLuhnValidation') === true ? 2 : 0);
}

const NOT_A_NUMBER = Object.freeze({ brand: null, candidates: [], isPotentiallyValid: false, isValid: false });

/** `{ brand, candidates, isPotentiallyValid, isValid }` for a card number as typed. */
export function validateNumber(value, options) {
  if (!isString(value)) return { ...NOT_A_NUMBER, candidates: [] };
  const found = wasm.validateNumber(put(value), count(option(options, 'maxLength')) ?? 0,
    numberFlags(options));
  const { infos, ids } = brandTable();
  const size = found >>> 2;
  const candidates = [];
  for (let i = 0; i < size; i += 1) candidates.push(ids[wasm.listItem(i)]);
  const brand = size === 1 ? infos[wasm.listItem(0)] : null;
  return { brand, candidates, isPotentiallyValid: (found & 1) !== 0, isValid: (found & 2) !== 0 };
}

/** The ids of the brands a number as typed can still belong to, in priority order. */
export function detectBrands(value) {
  return isString(value) ? validateNumber(value).candidates : [];
}

/** The description of the brand `id`, or `null`. */
export function brandInfo(id) {
  return brandTable().byId.get(id) ?? null;
}

/** Every brand's description, in priority order. */
export function brands() {
  return brandTable().infos.slice();
}

/** Adds a brand at the lowest priority, or replaces the brand with its id (`{ replace: true }`). */
export function addBrand(spec, options) {
  const size = wasm.addBrand(put(encodeSpec(spec)), option(options, 'replace') === true);
  table = null;
  change(size);
}

/** Takes the brand `id` out of detection. */
export function removeBrand(id) {
  const size = wasm.removeBrand(put(isString(id) ? id : ''));
  table = null;
  change(size);
}

/** Puts the built-in brands back, undoing every `addBrand` and `removeBrand`. */
export function resetBrands() {
  wasm.resetBrands();
  table = null;
}

const validity = (found) => ({ isValid: (found & 2) !== 0, isPotentiallyValid: (found & 1) !== 0 });
const INVALID = 0;

/** `{ isValid, isPotentiallyValid, month, year }` for an expiry as typed. */
export function validateExpiry(value, options) {
  const today = todayOf(option(options, 'today'));
  if (!isString(value) || today === 0) return { ...validity(INVALID), month: null, year: null };
  const max = option(options, 'maxElapsedYear');
  const given = typeof max === 'number';
  const found = wasm.validateExpiry(put(value), today, given, given ? max : 0);
  const month = (found >>> 2) & 15;
  return {
    isValid: (found & 2) !== 0,
    isPotentiallyValid: (found & 1) !== 0,
    month: month === 0 ? null : month,
    year: month === 0 ? null : found >>> 6,
  };
}

export const { validateCvc, validateHolder, validatePostalCode } = fieldChecks(wasm, { put, putAll });

function formatted(format, value, caret) {
  const input = isString(value) ? value : '';
  const out = text(format(put(input), count(caret) ?? 0xffffffff));
  const split = out.indexOf('\u001f');
  return { value: out.slice(split + 1), caret: Number(out.slice(0, split)) };
}

/** The number with its brand's gaps (`'3782 822463 10005'`). */
export function formatNumber(value) {
  return formatted(wasm.formatNumber, value).value;
}

/** The expiry as `MM / YY` while it is typed. */
export function formatExpiry(value) {
  return formatted(wasm.formatExpiry, value).value;
}

/** `{ value, caret }`: `formatNumber` and where the caret at `caret` goes. */
export function formatNumberWithCaret(value, caret) {
  return formatted(wasm.formatNumber, value, caret);
}

/** `{ value, caret }`: `formatExpiry` and where the caret at `caret` goes. */
export function formatExpiryWithCaret(value, caret) {
  return formatted(wasm.formatExpiry, value, caret);
}

/** The Luhn checksum of a string of digits. */
export function luhn(digits) {
  return isString(digits) && wasm.luhn(put(digits)) !== 0;
}

const cardText = (card, name) => {
  const value = option(card, name);
  return isString(value) ? value : '';
};

/** `{ isValid, brand, errors: [{ field, code, message }] }` for a whole card. */
export function validateCard(card, options) {
  const holderGiven = option(card, 'holder') !== undefined;
  const lengths = putAll(['number', 'expiry', 'cvc', 'holder'].map((name) => cardText(card, name)));
  const today = todayOf(option(options, 'today'));
  const max = option(options, 'maxElapsedYear');
  const given = typeof max === 'number';
  const maxLength = Math.min(count(option(options, 'maxLength')) ?? 0, 0x0fffffff);
  const flags = (numberFlags(options) | (holderGiven ? 4 : 0)) + maxLength * 8;
  const [brand, ...errors] = text(wasm.validateCard(...lengths, flags, today, given,
    given ? max : 0)).split('\u001e');
  return {
    isValid: errors.length === 0,
    brand: brand === '' ? null : brandTable().infos[Number(brand)],
    errors: errors.map((record) => {
      const [field, code, message] = record.split('\u001f');
      return { field, code, message };
    }),
  };
}
