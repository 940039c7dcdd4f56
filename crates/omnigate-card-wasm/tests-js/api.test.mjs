// Every export of the package, imported by name from the installed tarball as a user would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  validateNumber, detectBrands, brandInfo, brands, addBrand, removeBrand, resetBrands,
  validateExpiry, validateCvc, validateHolder, validatePostalCode, formatNumber, formatExpiry,
  formatNumberWithCaret, formatExpiryWithCaret, luhn, validateCard,
} from 'omnigate-card';

const today = new Date(2026, 5, 15, 12);
const NOT_STRINGS = [undefined, null, 0, 4111111111111111, NaN, true, {}, [], ['4111'], () => 1,
  Symbol('x'), 10n, new String('4111111111111111')];

test('validateNumber: brand, candidates and the three states', () => {
  const visa = validateNumber('4111 1111 1111 1111');
  assert.equal(visa.isValid, true);
  assert.equal(visa.brand.id, 'visa');
  assert.deepEqual(visa.candidates, ['visa']);
  const partial = validateNumber('4');
  assert.deepEqual(partial, {
    brand: null, candidates: ['visa', 'naranja', 'maestro', 'elo'], isValid: false,
    isPotentiallyValid: true,
  });
  assert.deepEqual(validateNumber('4111111111111111111').isPotentiallyValid, false);
  assert.equal(validateNumber('4111-1111-1111-1112').isPotentiallyValid, true);
  assert.equal(validateNumber('41x1').isPotentiallyValid, false);
});

test('validateNumber options follow card-validator', () => {
  assert.equal(validateNumber('6221558812340000').isValid, true); // UnionPay: no Luhn by default
  assert.equal(validateNumber('6221558812340000', { luhnValidateUnionPay: true }).isValid, false);
  assert.equal(validateNumber('4111111111111112', { skipLuhnValidation: true }).isValid, true);
  assert.equal(validateNumber('4111111111111111', { maxLength: 15 }).isPotentiallyValid, false);
});

test('the extra brands: RuPay, UATP and Dankort', () => {
  assert.equal(validateNumber('6071000000000001').brand?.id, 'rupay');
  assert.equal(validateNumber('5019000000000008').brand?.id, 'dankort');
  const uatp = validateNumber('110000000000007');
  assert.equal(uatp.brand?.id, 'uatp');
  assert.equal(uatp.brand.code.size, 0);
  assert.equal(formatNumber('110000000000007'), '1100 00000 000007');
});

test('detectBrands, brandInfo and brands describe the table', () => {
  assert.deepEqual(detectBrands('4'), ['visa', 'naranja', 'maestro', 'elo']);
  assert.deepEqual(detectBrands('37'), ['american-express']);
  assert.deepEqual(detectBrands('4x'), []);
  const amex = brandInfo('american-express');
  assert.deepEqual(amex, {
    id: 'american-express', name: 'American Express', gatewayBrand: 'AMEX', lengths: [15],
    gaps: [4, 10], code: { name: 'CID', size: 4 }, luhn: true,
  });
  assert.ok(Object.isFrozen(amex) && Object.isFrozen(amex.code) && Object.isFrozen(amex.gaps));
  assert.equal(brandInfo('nope'), null);
  const ids = brands().map((b) => b.id);
  assert.equal(ids.length, 18);
  for (const id of ['visa', 'mastercard', 'hipercard', 'rupay', 'uatp', 'dankort']) {
    assert.ok(ids.includes(id), id);
  }
});

test('addBrand, removeBrand and resetBrands change detection; errors carry .code', () => {
  try {
    addBrand({ id: 'campus', name: 'Campus Card', patterns: [['990000', '990099']], lengths: [16] });
    assert.equal(validateNumber('9900420000000004').brand?.id, 'campus');
    assert.equal(brandInfo('campus').gatewayBrand, 'CAMPUS');
    addBrand({ id: 'campus', name: 'Campus 2', patterns: [99], gaps: [4] }, { replace: true });
    assert.equal(formatNumber('9911223344'), '9911 223344');
    removeBrand('visa');
    assert.equal(brandInfo('visa'), null);
    assert.deepEqual(detectBrands('4'), ['naranja', 'maestro', 'elo']);
    const expectCode = (fn, code) => assert.throws(fn, (e) => e instanceof Error && e.code === code);
    expectCode(() => addBrand({ id: 'campus', patterns: ['98'] }), 'duplicate_brand');
    expectCode(() => addBrand({ id: 'x', patterns: [] }), 'invalid_brand');
    expectCode(() => addBrand({ id: 'x', patterns: ['4a'] }), 'invalid_brand');
    expectCode(() => addBrand({ id: 'x', patterns: [['1', '22']] }), 'invalid_brand');
    expectCode(() => addBrand({ id: 'x', patterns: ['1'], lengths: 'sixteen' }), 'invalid_brand');
    expectCode(() => addBrand(null), 'invalid_brand');
    expectCode(() => addBrand({ id: 'y', patterns: ['1'] }, { replace: true }), 'brand_not_found');
    expectCode(() => removeBrand('visa'), 'brand_not_found');
    expectCode(() => removeBrand(undefined), 'brand_not_found');
  } finally {
    resetBrands();
  }
  assert.equal(brandInfo('campus'), null);
  assert.equal(validateNumber('4111111111111111').brand?.id, 'visa');
});

test('validateExpiry takes today and maxElapsedYear', () => {
  assert.deepEqual(validateExpiry('12/30', { today }),
    { isValid: true, isPotentiallyValid: true, month: 12, year: 2030 });
  assert.deepEqual(validateExpiry('2031-3', { today }),
    { isValid: true, isPotentiallyValid: true, month: 3, year: 2031 });
  assert.deepEqual(validateExpiry('1', { today }),
    { isValid: false, isPotentiallyValid: true, month: null, year: null });
  assert.equal(validateExpiry('05/26', { today }).isValid, false); // last month
  assert.equal(validateExpiry('06/26', { today }).isValid, true);
  assert.equal(validateExpiry('12/46', { today }).isValid, false);
  assert.equal(validateExpiry('12/46', { today, maxElapsedYear: 20 }).isValid, true);
  assert.equal(validateExpiry('12 / 2099').isPotentiallyValid, false); // the real clock
  assert.equal(validateExpiry('12/30', { today: 'yesterday' }).isPotentiallyValid, false);
  assert.equal(validateExpiry('12/30', { today: new Date(NaN) }).isPotentiallyValid, false);
});

test('validateCvc by brand, by maxLength, or 3-4 digits', () => {
  assert.equal(validateCvc('123').isValid, true);
  assert.equal(validateCvc('1234').isValid, true);
  assert.equal(validateCvc('1234', { brand: 'visa' }).isValid, false);
  assert.equal(validateCvc('123', { brand: 'american-express' }).isValid, false);
  assert.equal(validateCvc('123', { brand: 'american-express' }).isPotentiallyValid, true);
  assert.equal(validateCvc('12345', { maxLength: [3, 4] }).isPotentiallyValid, false);
  assert.equal(validateCvc('12a').isPotentiallyValid, false);
  // UATP has no code (size 0): the brand's size wins over maxLength, so an empty code is
  // complete (and, by card-validator's rule, anything up to 3 digits; 4 is too long).
  assert.equal(validateCvc('', { brand: 'uatp', maxLength: 4 }).isValid, true);
  assert.equal(validateCvc('1234', { brand: 'uatp', maxLength: 4 }).isPotentiallyValid, false);
  // Unsorted lists; a brand the table does not have falls back to maxLength.
  assert.equal(validateCvc('4321', { maxLength: [5, 4, 3] }).isValid, true);
  assert.equal(validateCvc('12', { maxLength: [5, 4, 3] }).isValid, false);
  assert.equal(validateCvc('12345', { brand: 'nope', maxLength: [5] }).isValid, true);
});

test('validateCvc follows brand changes: an added brand\'s code size, a removed brand\'s absence', () => {
  try {
    addBrand({ id: 'campus', patterns: [99], code: { name: 'CC', size: 5 } });
    assert.equal(validateCvc('12345', { brand: 'campus' }).isValid, true);
    assert.equal(validateCvc('1234', { brand: 'campus', maxLength: 4 }).isValid, false);
    removeBrand('campus');
    assert.equal(validateCvc('1234', { brand: 'campus', maxLength: 4 }).isValid, true);
    removeBrand('visa');
    assert.equal(validateCvc('1234', { brand: 'visa' }).isValid, true, 'removed: 3 or 4 digits');
  } finally {
    resetBrands();
  }
  assert.equal(validateCvc('1234', { brand: 'visa' }).isValid, false);
});

test('validateHolder and validatePostalCode', () => {
  assert.deepEqual(validateHolder('Jane Doe'), { isValid: true, isPotentiallyValid: true });
  assert.deepEqual(validateHolder('4111 1111'), { isValid: false, isPotentiallyValid: true });
  assert.equal(validateHolder('x'.repeat(256)).isPotentiallyValid, false);
  assert.equal(validatePostalCode('10115').isValid, true);
  assert.equal(validatePostalCode('1', { minLength: 1 }).isValid, true);
  assert.equal(validatePostalCode('12', { minLength: 3 }).isValid, false);
});

test('formatting and the caret helpers', () => {
  assert.equal(formatNumber('378282246310005'), '3782 822463 10005');
  assert.equal(formatNumber('4111-1111-1'), '4111 1111 1');
  assert.equal(formatExpiry('4'), '04 / ');
  assert.equal(formatExpiry('1228'), '12 / 28');
  assert.deepEqual(formatNumberWithCaret('41119 1111', 5), { value: '4111 9111 1', caret: 6 });
  assert.deepEqual(formatNumberWithCaret('4111', 4), { value: '4111', caret: 4 });
  assert.deepEqual(formatExpiryWithCaret('12', 2), { value: '12 / ', caret: 5 });
  assert.deepEqual(formatNumberWithCaret(null, null), { value: '', caret: 0 });
});

test('luhn', () => {
  assert.equal(luhn('4111111111111111'), true);
  assert.equal(luhn('4111111111111112'), false);
});

test('validateCard: one call before submit, errors by field with codes', () => {
  const ok = validateCard({ number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123', holder: 'Jane Doe' }, { today });
  assert.deepEqual(ok, { isValid: true, brand: brandInfo('visa'), errors: [] });
  const bad = validateCard({ number: '4111111111111112', expiry: '01/21', cvc: '1234', holder: '' }, { today });
  assert.equal(bad.isValid, false);
  assert.equal(bad.brand.id, 'visa');
  const codes = Object.fromEntries(bad.errors.map((e) => [e.field, e.code]));
  assert.deepEqual(codes, { number: 'invalid_luhn', expiry: 'expired', cvc: 'brand_mismatch', holder: 'empty' });
  for (const e of bad.errors) assert.equal(typeof e.message, 'string');
  assert.ok(!JSON.stringify(bad).includes('4111111111111112'), 'no PAN in errors');
  const amex = validateCard({ number: '378282246310005', expiry: '1/27', cvc: '123' }, { today });
  assert.deepEqual(amex.errors.map((e) => e.code), ['brand_mismatch']);
  const uatp = validateCard({ number: '110000000000007', expiry: '12/30' }, { today });
  assert.deepEqual(uatp, { isValid: true, brand: brandInfo('uatp'), errors: [] });
  const empty = validateCard({});
  assert.deepEqual(empty.errors.map((e) => [e.field, e.code]),
    [['number', 'empty'], ['expiry', 'empty'], ['cvc', 'empty']]);
});

test('validation calls never throw on non-strings: they answer invalid', () => {
  for (const value of NOT_STRINGS) {
    const label = typeof value;
    assert.deepEqual(validateNumber(value),
      { brand: null, candidates: [], isValid: false, isPotentiallyValid: false }, label);
    assert.deepEqual(validateNumber(value, value).isValid, false, label);
    assert.deepEqual(detectBrands(value), [], label);
    assert.equal(brandInfo(value), null, label);
    assert.deepEqual(validateExpiry(value, value).isPotentiallyValid, false, label);
    for (const check of [validateCvc, validateHolder, validatePostalCode]) {
      assert.deepEqual(check(value, value), { isValid: false, isPotentiallyValid: false }, label);
    }
    assert.equal(formatNumber(value), '', label);
    assert.equal(formatExpiry(value), '', label);
    assert.equal(luhn(value), false, label);
    assert.equal(validateCard(value, value).isValid, false, label);
    assert.equal(validateCard({ number: value, expiry: value, cvc: value, holder: value }).isValid, false);
    formatNumberWithCaret(value, value);
    formatExpiryWithCaret(value, value);
  }
});

test('long and non-ASCII input crosses into the module intact', () => {
  assert.deepEqual(validateHolder('Zoë Ŝmith-Ørsted'), { isValid: true, isPotentiallyValid: true });
  assert.equal(formatNumber('4111é1111'), '4111 1111');
  assert.equal(validateNumber('4111 1111 1111 1111 ').isValid, true);
  assert.equal(validateNumber('٤١١١').isPotentiallyValid, false); // Arabic-Indic digits
  const long = '4'.repeat(200_000);
  assert.deepEqual(validateNumber(long).isPotentiallyValid, false);
  assert.equal(formatNumber(long).replaceAll(' ', '').length, 200_000);
  assert.equal(validateHolder('x'.repeat(100_000)).isPotentiallyValid, false);
  // After the input buffer grew, short input still reads right.
  assert.equal(validateNumber('378282246310005').brand?.id, 'american-express');
  try {
    addBrand({ id: 'ünïcode-card', name: 'Ünïcode', patterns: ['990'], lengths: [16] });
    assert.equal(validateNumber('9900000000000005').brand?.name, 'Ünïcode');
    assert.throws(() => addBrand({ id: 'ünïcode-card', patterns: ['98'] }),
      (e) => e.code === 'duplicate_brand' && e.message.includes('ünïcode-card'));
    assert.throws(() => addBrand({ id: 'sep', patterns: ['9,9'] }), (e) => e.code === 'invalid_brand');
    // The pattern list's separators are only separators there: a name may hold them.
    addBrand({ id: 'inc', name: 'Foo, Inc ~ Co', patterns: ['991'], code: { name: 'C,V~V' } });
    assert.equal(brandInfo('inc').name, 'Foo, Inc ~ Co');
    assert.equal(brandInfo('inc').code.name, 'C,V~V');
    assert.throws(() => addBrand({ id: 'sep', patterns: [['90', '99']], gaps: [4, 'x'] }),
      (e) => e.code === 'invalid_brand' && e.message.includes('gaps'));
  } finally {
    resetBrands();
  }
});

test('without today, validateExpiry reads the clock once per task', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: new Date(2031, 0, 15).getTime() });
  await null; // a reading taken before the clock was mocked is forgotten by now
  assert.equal(validateExpiry('12/30').isValid, false); // December 2030 is past in 2031
  t.mock.timers.setTime(new Date(2029, 0, 15).getTime());
  assert.equal(validateExpiry('12/30').isValid, false, 'same task: same reading');
  await null;
  assert.equal(validateExpiry('12/30').isValid, true, 'next task: the clock again');
});
