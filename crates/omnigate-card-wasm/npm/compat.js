// omnigate-card/compat: a drop-in for card-validator 10.0.4 (and the credit-card-type 10.3.0 it
// bundles) running omnigate's Rust rules. Same functions, same arguments, deep-equal results.
//
// This file only does what must happen in JavaScript: card-validator's argument type checks,
// reading the clock (card-validator reads `new Date()` on every call), and keeping the card
// configs users pass to `addCard`/`updateCard`, which credit-card-type hands back as given.
// Matching, lengths, Luhn and the expiry rules run in the wasm module, on a brand table of its
// own that holds credit-card-type's 15 brands until it is changed through `creditCardType`.
//
// `#omnigate-card-wasm` resolves to the Node build under Node and to the browser build
// elsewhere (package.json `imports`), so in browsers call the package's default export once
// before using this module.
import * as wasm from '#omnigate-card-wasm';

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

// credit-card-type's card object: the user's config if there is one, else the built-in data.
function typeInfo(type) {
  return customCards[type] ? clone(customCards[type]) : wasm.compatTypeInfo(String(type));
}

function withStrength(type, strength) {
  const card = typeInfo(type);
  if (strength !== undefined) card.matchStrength = strength;
  return card;
}

/** credit-card-type 10.3.0's default export: the brands a (partial) number can belong to. */
export function creditCardType(cardNumber) {
  if (!(typeof cardNumber === 'string' || cardNumber instanceof String)) return [];
  const found = wasm.compatDetect(String(cardNumber));
  const cards = [];
  for (let i = 0; i < found.length; i += 2) cards.push(withStrength(found[i], found[i + 1]));
  return cards;
}

creditCardType.getTypeInfo = typeInfo;

creditCardType.removeCard = function removeCard(name) {
  wasm.compatRemoveCard(String(name));
};

creditCardType.addCard = function addCard(config) {
  wasm.compatAddCard(config);
  customCards[config.type] = config;
};

creditCardType.updateCard = function updateCard(cardType, updates) {
  const original = customCards[cardType] || wasm.compatTypeInfo(String(cardType));
  if (!original) {
    throw new Error(`"${cardType}" is not a recognized type. Use \`addCard\` instead.'`);
  }
  if (updates.type && original.type !== updates.type) {
    throw new Error('Cannot overwrite type parameter.');
  }
  const card = { ...clone(original), ...updates };
  wasm.compatUpdateCard(card);
  customCards[card.type] = card;
};

creditCardType.changeOrder = function changeOrder(name, position) {
  wasm.compatChangeOrder(String(name), position);
};

creditCardType.resetModifications = function resetModifications() {
  customCards = {};
  wasm.compatReset();
};

creditCardType.types = cardNames;
// card-validator exposes credit-card-type as an ES-module namespace whose `default` is the
// function; this one is both, so `creditCardType(n)` and `creditCardType.default(n)` work.
creditCardType.default = creditCardType;

/** card-validator's `number(value, { maxLength, luhnValidateUnionPay, skipLuhnValidation })`. */
export function number(value, options = {}) {
  if (typeof value !== 'string' && typeof value !== 'number') {
    return { card: null, isPotentiallyValid: false, isValid: false };
  }
  const result = wasm.compatNumber(
    String(value),
    options.maxLength,
    options.luhnValidateUnionPay === true,
    options.skipLuhnValidation === true,
  );
  return {
    card: result.id === null ? null : withStrength(result.id, result.matchStrength),
    isPotentiallyValid: result.isPotentiallyValid,
    isValid: result.isValid,
  };
}

function now() {
  const today = new Date();
  return [today.getFullYear(), today.getMonth() + 1];
}

function years(maxElapsedYear) {
  return maxElapsedYear === undefined ? 19 : maxElapsedYear;
}

/** card-validator's `expirationDate(value, maxElapsedYear = 19)`: a string or `{ month, year }`. */
export function expirationDate(value, maxElapsedYear) {
  if (typeof value === 'string') {
    return wasm.compatExpirationDate(value, years(maxElapsedYear), ...now());
  }
  if (value !== null && typeof value === 'object') {
    const date = { ...value };
    const [month, year] = [String(date.month), String(date.year)];
    return wasm.compatExpirationParts(month, year, years(maxElapsedYear), ...now());
  }
  return { isValid: false, isPotentiallyValid: false, month: null, year: null };
}

/** card-validator's `expirationMonth(value)`. */
export function expirationMonth(value) {
  if (typeof value !== 'string') {
    return { isValid: false, isPotentiallyValid: false, isValidForThisYear: false };
  }
  return wasm.compatExpirationMonth(value, ...now());
}

/** card-validator's `expirationYear(value, maxElapsedYear = 19)`. */
export function expirationYear(value, maxElapsedYear) {
  if (typeof value !== 'string') {
    return { isValid: false, isPotentiallyValid: false, isCurrentYear: false };
  }
  return wasm.compatExpirationYear(value, years(maxElapsedYear), ...now());
}

/** card-validator's `cvv(value, maxLength = 3)`: a length or an array of lengths. */
export function cvv(value, maxLength = 3) {
  return wasm.validateCvc(value, { maxLength: Array.isArray(maxLength) ? maxLength : [maxLength] });
}

/** card-validator's `postalCode(value, { minLength = 2 })`. */
export function postalCode(value, options = {}) {
  return wasm.validatePostalCode(value, { minLength: options.minLength || 2 });
}

/** card-validator's `cardholderName(value)`. */
export function cardholderName(value) {
  return wasm.validateHolder(value);
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
