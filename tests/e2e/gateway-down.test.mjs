// Gateway down, end to end: `cargo xtask test` starts a second Worker whose GATEWAY_URL is a port
// nobody listens on (its own D1 state). Health says so, a payment is a coded 502 that moves no
// money, and the checkout stays open so the shopper can pay once the gateway is back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { card, env, merchantKey, uniqueKey } from './support.mjs';

const worker = env('OMNIGATE_URL_NO_GATEWAY');

async function call(method, path, { body, auth, key } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth) headers.Authorization = `Bearer ${auth}`;
  if (key) headers['Idempotency-Key'] = key;
  const response = await fetch(`${worker}${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, text };
}

test('/health reports an unreachable gateway with 503', async () => {
  const health = await call('GET', '/health');
  assert.equal(health.status, 503, health.text);
  assert.deepEqual(health.body, { status: 'degraded', gateway: 'unreachable' });
});

test('a payment while the gateway is down is a 502 gateway_unavailable and the checkout stays payable', async () => {
  const created = await call('POST', '/v1/checkouts', {
    auth: merchantKey(),
    body: { amount: '9.00', currency: 'EUR', paymentType: 'DB', reference: 'e2e-down' },
  });
  assert.equal(created.status, 201, created.text);
  const pay = () => call('POST', `/v1/checkouts/${created.body.id}/payments`, {
    key: uniqueKey('down'), body: { card: card('4200000000000000') },
  });
  const first = await pay();
  assert.equal(first.status, 502, first.text);
  assert.equal(first.body.error.code, 'gateway_unavailable');
  assert.ok(!first.text.includes('4200000000000000'), 'the card number came back');
  const read = await call('GET', `/v1/checkouts/${created.body.id}`);
  assert.equal(read.body.status, 'open', read.text);
  // Still payable: a new attempt reaches the gateway again instead of `checkout_not_open`.
  const second = await pay();
  assert.equal(second.status, 502, second.text);
  assert.equal(second.body.error.code, 'gateway_unavailable');
});

test('saving a card while the gateway is down is a 502 and stores nothing', async () => {
  const token = await call('POST', '/dev/shopper-token', { body: { shopperId: 'dana-down' } });
  assert.equal(token.status, 200, token.text);
  const saved = await call('POST', '/v1/tokens', {
    auth: token.body.token, body: { card: card('5454545454545454') },
  });
  assert.equal(saved.status, 502, saved.text);
  assert.equal(saved.body.error.code, 'gateway_unavailable');
  const wallet = await call('GET', '/v1/wallet', { auth: token.body.token });
  assert.equal(wallet.status, 200, wallet.text);
  assert.deepEqual(wallet.body.cards, []);
});
