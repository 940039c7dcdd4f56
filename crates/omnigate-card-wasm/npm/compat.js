// omnigate-card/compat: a drop-in for card-validator 10.0.4 (and the credit-card-type 10.3.0 it
// bundles) running omnigate's Rust rules. Same functions, same arguments, deep-equal results.
//
// This file only does what must happen in JavaScript: card-validator's argument type checks,
// reading the clock (card-validator reads `new Date()` on every call), and keeping the card
// configs users pass to `addCard`/`updateCard`, which credit-card-type hands back as given.
// Matching, lengths, Luhn and the expiry rules run in the wasm module, on a brand table of its
// own that holds credit-card-type's 15 brands until it is changed through `creditCardType`.
//
// It runs on a wasm module of its own (`#omnigate-card-compat-wasm`: the main module plus the
// compat exports), so the main package does not carry credit-card-type's table. Under Node that
// resolves to the Node build, elsewhere to the browser build, which this module initialises
// itself when imported: no init call is needed anywhere.
import { init, wasm } from '#omnigate-card-compat-wasm';
import { fieldChecks, validity } from './fields.js';
import { connect, isString, numbers, yearMonth } from './io.js';
import { encodeSpec } from './spec.js';

// Browsers and bundlers: the compat module loads itself (Node: it is ready on import).
await init();

const [put, putAll, , record, change] = connect(wasm);
// card-validator's checks name no brand: no brand has a code size. (`cvv` is below: it reads
// `maxLength` as card-validator does, not as the package's `validateCvc` reads its option.)
const [, validateHolder, validatePostalCode] = fieldChecks(wasm, put, () => undefined);

const cardNames = {
  VISA: 'visa',
  MASTERCARD: 'mastercard',
  AMERICAN_EXPRESS: 'american-express',
  DINERS_CLUB: 'diners-club',
  DISCOVER: 'discover',
  TROY: 'troy',
  JCB: 'jcb',
  UNIONPAY: 'unionpay',
  NARANJA: 'naranja',
  VERVE: 'verve',
  MAESTRO: 'maestro',
  ELO: 'elo',
  MIR: 'mir',
  HIPER: 'hiper',
  HIPERCARD: 'hipercard',
};

// Configs given to addCard/updateCard, by type, exactly as credit-card-type keeps them.
let customCards = {};

function clone(value) {
  return value ? JSON.parse(JSON.stringify(value)) : null;
}

// credit-card-type's card object for a brand of the compat table, active or removed.
function builtIn(type) {
  const size = wasm.compatTypeInfo(put(type));
  if (size === 0) return null;
  // The brand's record (`Brand::record` in the core): nine fields.
  const [id, name, , patterns, lengths, gaps, codeName, codeSize] = record(size, 1);
  return {
    niceType: name,
    type: id,
    patterns: patterns === '' ? [] : patterns.split(',').map(
      (item) => (item.includes('~') ? item.split('~').map(Number) : Number(item)),
    ),
    gaps: numbers(gaps),
    lengths: numbers(lengths),
    code: { name: codeName, size: +codeSize },
  };
}

// The compat table's ids in priority order, read again after every change of the table.
let compatIds = null;

function brandId(index) {
  if (!compatIds) {
    const ids = [];
    for (let i = 0, size; (size = wasm.compatDescribe(i)); i += 1) ids.push(record(size, 1)[0]);
    compatIds = ids;
  }
  return compatIds[index];
}

function changed(size) {
  compatIds = null;
  change(size);
}

// credit-card-type's card object: the user's config if there is one, else the built-in data.
function typeInfo(type) {
  return customCards[type] ? clone(customCards[type]) : builtIn(String(type));
}

// The card object of the brand at `index` of the compat table, with the match strength of
// `strength` (5 bits; 0 for none) when it has one.
function withStrength(index, strength) {
  const card = typeInfo(brandId(index));
  if ((strength & 31) !== 0) card.matchStrength = strength & 31;
  return card;
}

/** credit-card-type 10.3.0's default export: the brands a (partial) number can belong to. */
export function creditCardType(cardNumber) {
  if (!(typeof cardNumber === 'string' || cardNumber instanceof String)) return [];
  const size = wasm.compatDetect(put(String(cardNumber)));
  const items = [];
  for (let i = 0; i < size; i += 1) items.push(wasm.listItem(i));
  return items.map((item) => withStrength(item >>> 5, item));
}

// credit-card-type's registry API, as properties of the function.
Object.assign(creditCardType, {
  getTypeInfo: typeInfo,

  removeCard(name) {
    changed(wasm.compatRemoveCard(put(String(name))));
  },

  addCard(config) {
    changed(wasm.compatAddCard(put(encodeSpec(config, 'type', 'niceType'))));
    customCards[config.type] = config;
  },

  updateCard(cardType, updates) {
    const original = customCards[cardType] || builtIn(String(cardType));
    if (!original) {
      throw new Error(`"${cardType}" is not a recognized type. Use \`addCard\` instead.'`);
    }
    if (updates.type && original.type !== updates.type) {
      throw new Error('Cannot overwrite type parameter.');
    }
    const card = { ...clone(original), ...updates };
    changed(wasm.compatUpdateCard(put(encodeSpec(card, 'type', 'niceType'))));
    customCards[card.type] = card;
  },

  changeOrder(name, position) {
    changed(wasm.compatChangeOrder(put(String(name)), position));
  },

  resetModifications() {
    customCards = {};
    changed(wasm.compatReset()); // answers nothing: it cannot fail
  },

  types: cardNames,
  // card-validator exposes credit-card-type as an ES-module namespace whose `default` is the
  // function; this one is both, so `creditCardType(n)` and `creditCardType.default(n)` work.
  default: creditCardType,
});

/** card-validator's `number(value, { maxLength, luhnValidateUnionPay, skipLuhnValidation })`. */
export function number(value, options = {}) {
  if (typeof value !== 'string' && typeof value !== 'number') {
    return { card: null, isPotentiallyValid: false, isValid: false };
  }
  // card-validator reads `maxLength` with JS truthiness: any value that converts to 1 or more.
  const maxLength = Number(options.maxLength) >= 1 ? Math.min(Number(options.maxLength), 0xffffffff) : 0;
  const flags = (options.luhnValidateUnionPay === true ? 1 : 0) | (options.skipLuhnValidation === true ? 2 : 0);
  const found = wasm.compatNumber(put(String(value)), maxLength, flags);
  const card = (found & 4) === 0 ? null : withStrength(found >>> 8, found >>> 3);
  return { card, isPotentiallyValid: (found & 1) !== 0, isValid: (found & 2) !== 0 };
}

// card-validator reads the clock on every call.
const now = () => yearMonth(new Date());

// `maxElapsedYear` as the module takes it, two arguments: given (`undefined` is the default 19),
// and as a number (anything else, as card-validator converts it).
const given = (maxElapsedYear) => maxElapsedYear !== undefined;

const flag = (found, bit) => (found & bit) !== 0;

/** card-validator's `expirationDate(value, maxElapsedYear = 19)`: a string or `{ month, year }`. */
export function expirationDate(value, maxElapsedYear) {
  let found = 0;
  if (typeof value === 'string') {
    const max = Number(maxElapsedYear);
    found = wasm.compatExpirationDate(put(value), given(maxElapsedYear), max, now());
  } else if (value !== null && typeof value === 'object') {
    const date = { ...value };
    const [month, year] = putAll([String(date.month), String(date.year)]);
    const max = Number(maxElapsedYear);
    found = wasm.compatExpirationParts(month, year, given(maxElapsedYear), max, now());
  }
  // Bits 2 and up: the size of the month and year the module answers (0: none).
  const [month, year] = found >>> 2 === 0 ? [null, null] : record(found >>> 2);
  return { isValid: flag(found, 2), isPotentiallyValid: flag(found, 1), month, year };
}

/** card-validator's `expirationMonth(value)`. */
export function expirationMonth(value) {
  const found = typeof value === 'string' ? wasm.compatExpirationMonth(put(value), now()) : 0;
  return { isValid: flag(found, 2), isPotentiallyValid: flag(found, 1), isValidForThisYear: flag(found, 4) };
}

/** card-validator's `expirationYear(value, maxElapsedYear = 19)`. */
export function expirationYear(value, maxElapsedYear) {
  let found = 0;
  if (typeof value === 'string') {
    const max = Number(maxElapsedYear);
    found = wasm.compatExpirationYear(put(value), given(maxElapsedYear), max, now());
  }
  return { isValid: flag(found, 2), isPotentiallyValid: flag(found, 1), isCurrentYear: flag(found, 4) };
}

// The largest u32: a length no code reaches (-1 as it crosses into wasm).
const NEVER = 0xffffffff;

// The shortest whole length at or above `bound` (a number, NaN as `nan`), clamped to 0..NEVER.
const atLeast = (bound, nan) => (bound !== bound ? nan : Math.min(Math.max(Math.ceil(bound), 0), NEVER));

/** card-validator's `cvv(value, maxLength = 3)`: a length or an array of lengths. */
export function cvv(value, maxLength = 3) {
  if (!isString(value)) return validity(0);
  // card-validator compares the items as they are, coercing them as JavaScript does ('4' is 4,
  // true 1, null 0, a hole NaN, [4] 4...). The core's rule (`validate_cvc_bounds`) asks three
  // things of the list, so they are computed here with card-validator's own comparisons:
  // whether it holds the length (`===`), its minimum (`Math.min`, coercing) and its maximum
  // (a loop from 3 keeping the items `>` the maximum so far, as they are: two strings compare
  // as text, so `['4', '4e-1']` ends at 0.4). Holes read as `undefined`, like card-validator's
  // loops read them.
  const list = maxLength instanceof Array ? maxLength : [maxLength];
  const length = value.length;
  let allowed = 0;
  for (let i = 0; i < list.length; i += 1) {
    if (list[i] === length) allowed = 1;
  }
  // The module takes the shortest length not below the minimum (a NaN minimum has no length
  // below it: 0) and the shortest length above the maximum (a NaN maximum none: NEVER).
  // Coercing can throw (a Symbol or a BigInt item), which card-validator does only when it
  // reads the bounds: for a code of digits whose length the list lacks. So an error waits for
  // the module's answer with the bounds unread (0 and NEVER), which is valid exactly then.
  let [shortest, tooLong, error] = [0, NEVER];
  try {
    shortest = atLeast(Math.min.apply(null, list), 0);
    let maximum = 3;
    for (let i = 0; i < list.length; i += 1) maximum = list[i] > maximum ? list[i] : maximum;
    tooLong = atLeast(Math.floor(Number(maximum)) + 1, NEVER);
  } catch (thrown) {
    [shortest, tooLong, error] = [0, NEVER, thrown];
  }
  const found = wasm.compatCvv(put(value), shortest, tooLong, allowed);
  if (error && !allowed && found !== 0) throw error;
  return validity(found);
}

/** card-validator's `postalCode(value, { minLength = 2 })`. */
export function postalCode(value, options = {}) {
  return validatePostalCode(value, { minLength: options.minLength || 2 });
}

/** card-validator's `cardholderName(value)`. */
export function cardholderName(value) {
  return validateHolder(value);
}

/** The card-validator object, for `import valid from 'omnigate-card/compat'`. */
export default {
  creditCardType,
  cardholderName,
  number,
  expirationDate,
  expirationMonth,
  expirationYear,
  cvv,
  postalCode,
};
