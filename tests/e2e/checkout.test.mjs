// Checkouts through the real Worker and sandbox: catalog pricing, guest payments, declines,
// idempotent and conflicting retries, double payment (sequential and concurrent), invalid cards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, card, env, ledger, merchantCheckout, merchantKey, newLedgerTypes, uniqueKey,
} from './support.mjs';

const pay = (id, body, key = uniqueKey('pay'), auth) =>
  api('POST', `/v1/checkouts/${id}/payments`, { body, key, auth });

test('the catalog prices a static shop\'s checkout and refuses browser prices', async () => {
  for (const [sku, amount] of [['tee-m', '12.50'], ['mug', '8.00']]) {
    const put = await api('PUT', `/v1/catalog/${sku}`, {
      auth: merchantKey(), body: { name: sku, amount, currency: 'EUR' },
    });
    assert.equal(put.status, 200, put.text);
  }
  const anonymousPut = await api('PUT', '/v1/catalog/free', { body: { name: 'x', amount: '0.01', currency: 'EUR' } });
  assert.equal(anonymousPut.status, 401);
  const catalog = await api('GET', '/v1/catalog');
  assert.ok(catalog.body.products.some((p) => p.sku === 'tee-m' && p.amount === '12.50'));

  const checkout = await api('POST', '/v1/checkouts', {
    body: { items: [{ sku: 'tee-m', quantity: 2 }, { sku: 'mug', quantity: 1 }] },
  });
  assert.equal(checkout.status, 201, checkout.text);
  assert.equal(checkout.body.amount, '33.00');
  assert.equal(checkout.body.status, 'open');
  assert.match(checkout.body.id, /^[0-9a-f]{32}$/);

  for (const [body, code] of [
    [{ items: [{ sku: 'nope', quantity: 1 }] }, 'unknown_sku'],
    [{ items: [{ sku: 'tee-m', quantity: 0 }] }, 'invalid_quantity'],
    [{ items: [{ sku: 'tee-m', quantity: 100 }] }, 'invalid_quantity'],
    [{ items: [{ sku: 'tee-m', quantity: 1, price: '0.01' }] }, 'price_not_allowed'],
    [{ items: [{ sku: 'tee-m', quantity: 1 }], amount: '0.01' }, 'price_not_allowed'],
    [{ amount: '0.01', currency: 'EUR' }, 'items_required'],
  ]) {
    const answer = await api('POST', '/v1/checkouts', { body });
    assert.equal(answer.status, 400, JSON.stringify(body));
    assert.equal(answer.body.error.code, code, JSON.stringify(body));
  }
});

test('a guest pays once; retries replay, conflicting retries and second payments are refused', async () => {
  const checkout = await merchantCheckout('25.00');
  const before = (await ledger()).length;
  const key = uniqueKey('guest');
  const body = { card: card('4200000000000000') };
  const first = await pay(checkout.id, body, key);
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.status, 'succeeded');
  assert.match(first.body.resultCode, /^000\./);

  const replay = await pay(checkout.id, body, key);
  assert.equal(replay.status, 200);
  assert.deepEqual(replay.body, first.body);
  assert.equal(replay.headers.get('idempotent-replayed'), 'true');

  const conflict = await pay(checkout.id, { card: card('5454545454545454') }, key);
  assert.equal(conflict.status, 409);
  assert.equal(conflict.body.error.code, 'idempotency_conflict');

  const second = await pay(checkout.id, body);
  assert.equal(second.status, 409);
  assert.equal(second.body.error.code, 'checkout_not_open');

  const noKey = await api('POST', `/v1/checkouts/${checkout.id}/payments`, { body });
  assert.equal(noKey.body.error.code, 'idempotency_key_required');
  assert.deepEqual(await newLedgerTypes(before), ['DB']);
  const read = await api('GET', `/v1/checkouts/${checkout.id}`);
  assert.equal(read.body.status, 'paid');
  assert.equal(read.body.amount, '25.00');
});

test('concurrent payments of one checkout: exactly one reaches the gateway', async () => {
  const checkout = await merchantCheckout('11.00');
  const before = (await ledger()).length;
  const answers = await Promise.all(
    Array.from({ length: 6 }, (_, i) => pay(checkout.id, { card: card('4200000000000000') }, uniqueKey(`c${i}`))),
  );
  const statuses = answers.map((a) => a.status).sort();
  assert.equal(statuses.filter((s) => s === 200).length, 1, JSON.stringify(statuses));
  assert.ok(answers.filter((a) => a.status !== 200).every((a) => a.body.error.code === 'checkout_not_open'));
  assert.deepEqual(await newLedgerTypes(before), ['DB']);
});

test('a decline is a 402 with the gateway code and the checkout stays payable', async () => {
  const checkout = await merchantCheckout('30.00');
  const declined = await pay(checkout.id, { card: card('4200000000000208') });
  assert.equal(declined.status, 402, declined.text);
  assert.equal(declined.body.status, 'declined');
  assert.equal(declined.body.resultCode, '800.100.203');
  const retry = await pay(checkout.id, { card: card('5454545454545454') });
  assert.equal(retry.status, 200, retry.text);
});

test('invalid cards never reach the gateway', async () => {
  const checkout = await merchantCheckout('5.00');
  const before = (await ledger()).length;
  for (const [badCard, code, field] of [
    [card('4200000000000001'), 'invalid_luhn', 'card.number'],
    [{ ...card('4200000000000000'), expiryYear: '2020' }, 'expired', 'card.expiryYear'],
    [{ ...card('4200000000000000'), expiryMonth: '13' }, 'invalid_month', 'card.expiryMonth'],
    [card('377777777777770', '123'), 'brand_mismatch', 'card.cvv'],
    [{ ...card('4200000000000000'), holder: '' }, 'empty', 'card.holder'],
  ]) {
    const answer = await pay(checkout.id, { card: badCard });
    assert.equal(answer.status, 400, answer.text);
    assert.equal(answer.body.error.code, code);
    assert.equal(answer.body.error.field, field);
  }
  assert.equal((await ledger()).length, before);
});

test('a slow gateway is a 504 and the checkout is never paid twice', async () => {
  // The e2e Worker runs with a short GATEWAY_TIMEOUT_MS; the sandbox holds this card far longer.
  const timeout = Number(env('OMNIGATE_GATEWAY_TIMEOUT_MS'));
  const checkout = await merchantCheckout('4.00');
  const started = Date.now();
  const slow = await pay(checkout.id, { card: card('4200000000000992') });
  const waited = Date.now() - started;
  assert.equal(slow.status, 504, slow.text);
  assert.equal(slow.body.error.code, 'gateway_timeout');
  // At least the timeout, and well before the sandbox's 30 s answer: the Worker gave up on its
  // own. (No tighter bound: on a loaded 2-core machine workerd's timers run late.)
  assert.ok(waited >= timeout && waited < 25_000, `answered after ${waited} ms`);
  const read = await api('GET', `/v1/checkouts/${checkout.id}`);
  assert.equal(read.body.status, 'unknown');
  const again = await pay(checkout.id, { card: card('4200000000000000') });
  assert.equal(again.body.error.code, 'checkout_not_open');
});
