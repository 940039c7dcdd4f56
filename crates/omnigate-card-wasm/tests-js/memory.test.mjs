// The module's allocator gives back what each call takes: a page that runs for hours (every
// keystroke is a call) keeps the same wasm memory. Each export runs many times, with inputs of
// every size up to a long one, and brands are added and removed over and over; once warm, the
// memory must not grow. The compat module (its own instance) is held to the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  validateNumber, detectBrands, brands, addBrand, removeBrand, resetBrands, validateExpiry,
  validateCvc, validateHolder, validatePostalCode, formatNumberWithCaret, formatExpiryWithCaret,
  luhn, validateCard,
} from 'omnigate-card';
import valid from 'omnigate-card/compat';

// The module instance the package uses (the same file URL, so the same ES module).
const root = dirname(createRequire(import.meta.url).resolve('omnigate-card/package.json'));
const instance = async (name) => (await import(pathToFileURL(join(root, 'node', name)).href)).wasm;
const wasm = await instance('omnigate_card.js');
const compatWasm = await instance('omnigate_card_compat.js');

const today = new Date(2026, 5, 15, 12);

/** One round of every export, over inputs from empty to 300 characters. */
function round(n) {
  const number = '4111 1111 1111 1111 '.repeat(15).slice(0, n % 300);
  validateNumber(number);
  validateNumber(number.replace(/ /g, ''), { maxLength: 19 });
  detectBrands(number.slice(0, 6));
  validateExpiry(`${(n % 12) + 1}/${'2'.repeat(n % 7)}`, { today });
  validateCvc('1'.repeat(n % 6), { brand: 'american-express' });
  validateHolder('Jane Doe '.repeat(n % 40));
  validatePostalCode('12345-'.repeat(n % 20));
  formatNumberWithCaret(number, n % 20);
  formatExpiryWithCaret('12 / 2'.slice(0, n % 7), n % 7);
  luhn(number);
  validateCard({ number, expiry: '12/30', cvc: '123', holder: 'Jane' }, { today });
  const id = `campus-${'x'.repeat(n % 20)}`;
  addBrand({ id, patterns: [[`${900 + (n % 50)}`, '999']], lengths: [16, 19] });
  addBrand({ id, name: 'Campus', patterns: ['98', '97'] }, { replace: true });
  brands();
  removeBrand(id);
}

test('memory stops growing once warm, whatever the calls', () => {
  for (let n = 0; n < 2_000; n += 1) round(n);
  resetBrands();
  const warm = wasm.memory.buffer.byteLength;
  for (let n = 0; n < 20_000; n += 1) round(n);
  resetBrands();
  assert.equal(wasm.memory.buffer.byteLength, warm, 'the module kept memory it had given out');
});

/** One round of every compat export, card type edits included. */
function compatRound(n) {
  const number = '4111 1111 1111 1111 '.repeat(15).slice(0, n % 300);
  valid.number(number, { maxLength: 19 });
  valid.expirationDate(`${(n % 12) + 1}/${'2'.repeat(n % 7)}`);
  valid.expirationDate({ month: String(n % 13), year: String(2020 + (n % 30)) });
  valid.expirationMonth(String(n % 14));
  valid.expirationYear('2'.repeat(n % 6));
  valid.cvv('1'.repeat(n % 6), 4);
  valid.postalCode('12345-'.repeat(n % 20));
  valid.cardholderName('Jane Doe '.repeat(n % 40));
  const type = `campus-${'x'.repeat(n % 20)}`;
  const { creditCardType } = valid;
  creditCardType.addCard({
    niceType: 'Campus', type, patterns: [[900 + (n % 50), 999]], gaps: [4, 8, 12], lengths: [16],
    code: { name: 'CVV', size: 3 },
  });
  creditCardType.updateCard(type, { niceType: 'Campus, Inc', lengths: [16, 19] });
  creditCardType.changeOrder(type, n % 10);
  creditCardType(number.slice(0, 6));
  creditCardType.getTypeInfo(type);
  creditCardType.removeCard(type);
}

test('the compat module too: memory stops growing once warm', () => {
  for (let n = 0; n < 2_000; n += 1) compatRound(n);
  valid.creditCardType.resetModifications();
  const warm = compatWasm.memory.buffer.byteLength;
  for (let n = 0; n < 20_000; n += 1) compatRound(n);
  valid.creditCardType.resetModifications();
  assert.equal(compatWasm.memory.buffer.byteLength, warm, 'the compat module kept memory');
});
