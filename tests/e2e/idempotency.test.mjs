// Idempotency keys whose answer was lost (the Worker died, or the D1 write failed halfway) through
// the real Worker and sandbox: the lost answer is simulated in the Worker's local D1 with
// `wrangler d1 execute`. The key is in progress while its claim is fresh; once stale it is taken
// over — and the gateway never sees a second charge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, card, d1, ledger, merchantCheckout, merchantKey, shopperToken, uniqueKey,
} from './support.mjs';

// Forgets the stored answer that holds `paymentId`, as if its write had failed; returns the
// key's row id.
async function loseAnswer(paymentId) {
  assert.match(paymentId, /^[0-9a-f]{32}$/);
  const rows = await d1(`UPDATE idempotency SET status = NULL, body = NULL
    WHERE body LIKE '%"paymentId":"${paymentId}"%' RETURNING id`);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  return rows[0].id;
}

// Makes the key's claim older than any request runs (GATEWAY_TIMEOUT_MS + 60 s), yet well within
// the 24 hours a record is kept, so no other test's request prunes it meanwhile.
async function age(id) {
  assert.match(id, /^[0-9a-f]{64}$/);
  await d1(`UPDATE idempotency SET created_at = ${Date.now() - 10 * 60_000} WHERE id = '${id}'`);
}

test('a checkout payment whose answer was lost: in progress, then taken over, never paid twice', async () => {
  const checkout = await merchantCheckout('8.00');
  const key = uniqueKey('lost');
  const body = { card: card('4200000000000000') };
  const pay = () => api('POST', `/v1/checkouts/${checkout.id}/payments`, { key, body });
  const paid = await pay();
  assert.equal(paid.status, 200, paid.text);
  const id = await loseAnswer(paid.body.paymentId);
  const before = (await ledger()).length;

  const fresh = await pay();
  assert.equal(fresh.status, 409, fresh.text);
  assert.equal(fresh.body.error.code, 'idempotency_in_progress');
  await age(id);
  const taken = await pay();
  assert.equal(taken.status, 409, taken.text);
  assert.equal(taken.body.error.code, 'checkout_not_open');
  const replay = await pay();
  assert.deepEqual(replay.body.error.code, 'checkout_not_open');
  assert.equal(replay.headers.get('idempotent-replayed'), 'true');
  assert.equal((await ledger()).length, before, 'the gateway saw a second payment');
  assert.equal((await api('GET', `/v1/checkouts/${checkout.id}`)).body.status, 'paid');
});

test('a merchant charge whose answer was lost is settled as unknown, never sent again', async () => {
  const alice = await shopperToken(uniqueKey('lost-mit'));
  const first = await merchantCheckout('2.00');
  const saved = await api('POST', `/v1/checkouts/${first.id}/payments`, {
    auth: alice, key: uniqueKey('lost-save'), body: { card: card('5454545454545454'), saveCard: true },
  });
  assert.equal(saved.status, 200, saved.text);
  const key = uniqueKey('lost-mit');
  const charge = () => api('POST', `/v1/tokens/${saved.body.savedCard.token}/payments`, {
    auth: merchantKey(), key, body: { amount: '4.99', currency: 'EUR', type: 'RECURRING' },
  });
  const charged = await charge();
  assert.equal(charged.status, 200, charged.text);
  const id = await loseAnswer(charged.body.paymentId);
  const before = (await ledger()).length;

  assert.equal((await charge()).body.error.code, 'idempotency_in_progress');
  await age(id);
  const settled = await charge();
  assert.equal(settled.status, 409, settled.text);
  assert.equal(settled.body.error.code, 'idempotency_outcome_unknown');
  assert.equal((await charge()).body.error.code, 'idempotency_outcome_unknown');
  assert.equal((await ledger()).length, before, 'the gateway saw a second charge');
});
