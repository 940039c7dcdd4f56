// omnigate-card/compat as card-validator users import it: default object or named functions,
// no init call under Node. Exact equality with the reference is in differential.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import valid, {
  number, expirationDate, expirationMonth, expirationYear, cvv, postalCode, cardholderName,
  creditCardType,
} from 'omnigate-card/compat';

test('the default export is card-validator shaped and shares the named functions', () => {
  assert.deepEqual(Object.keys(valid).sort(), ['cardholderName', 'creditCardType', 'cvv',
    'expirationDate', 'expirationMonth', 'expirationYear', 'number', 'postalCode']);
  assert.equal(valid.number, number);
  assert.equal(valid.creditCardType, creditCardType);
});

test('creditCardType is callable directly and through .default, with the registry API', () => {
  assert.deepEqual(creditCardType('4').map((c) => c.type), ['visa', 'naranja', 'maestro', 'elo']);
  assert.deepEqual(creditCardType.default('411'), creditCardType('411'));
  assert.equal(creditCardType.types.AMERICAN_EXPRESS, 'american-express');
  assert.equal(creditCardType.getTypeInfo('uatp'), null, 'compat has only the 15 peer brands');
  assert.equal(creditCardType('1').length, 1);
  for (const name of ['addCard', 'updateCard', 'removeCard', 'changeOrder', 'resetModifications']) {
    assert.equal(typeof creditCardType[name], 'function', name);
  }
  assert.throws(() => creditCardType.removeCard('uatp'), { message: '"uatp" is not a supported card type.' });
});

test('every function answers like card-validator', () => {
  const visa = number('4111 1111 1111 1111');
  assert.equal(visa.isValid, true);
  assert.deepEqual(visa.card, { niceType: 'Visa', type: 'visa', patterns: [4], gaps: [4, 8, 12],
    lengths: [16, 18, 19], code: { name: 'CVV', size: 3 }, matchStrength: 1 });
  visa.card.lengths.push(99); // results are copies
  assert.deepEqual(number('4111111111111111').card.lengths, [16, 18, 19]);
  const next = String(new Date().getFullYear() + 1);
  assert.deepEqual(expirationDate(`10/${next}`), { isValid: true, isPotentiallyValid: true, month: '10', year: next });
  assert.deepEqual(expirationMonth('13'), { isValid: false, isPotentiallyValid: false, isValidForThisYear: false });
  assert.equal(expirationYear(next).isValid, true);
  assert.deepEqual(cvv('1234', 4), { isValid: true, isPotentiallyValid: true });
  assert.deepEqual(postalCode('1', { minLength: 1 }), { isValid: true, isPotentiallyValid: true });
  assert.deepEqual(cardholderName(42), { isValid: false, isPotentiallyValid: false });
});
