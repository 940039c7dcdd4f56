// The package as a user installs it: imported by name, no init call under Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luhn } from 'omnigate-card';

test('luhn accepts a valid test card number', () => {
  assert.equal(luhn('4111111111111111'), true);
  assert.equal(luhn('378282246310005'), true);
});

test('luhn rejects a wrong check digit, non-digits and too-short input', () => {
  assert.equal(luhn('4111111111111112'), false);
  assert.equal(luhn('4111-1111-1111-1111'), false);
  assert.equal(luhn('0'), false);
  assert.equal(luhn(''), false);
});
