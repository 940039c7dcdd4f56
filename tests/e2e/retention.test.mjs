// What the Worker's D1 forgets, through the real Worker and sandbox: rows older than any API call
// can make are planted with `wrangler d1 execute`, and the next request that adds a row deletes
// them, while rows that must stay do: claims that may still run, checkouts that record money, and
// the audit log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, card, d1, ledger, merchantCheckout, uniqueKey } from './support.mjs';

const HOUR_MS = 60 * 60 * 1000;

const pay = (id, key) => api('POST', `/v1/checkouts/${id}/payments`, {
  key, body: { card: card('4200000000000000') },
});

// Which of the planted idempotency records `ids` are still there.
async function keptRecords(ids) {
  const list = ids.map((id) => `'${id}'`).join(', ');
  const rows = await d1(`SELECT id FROM idempotency WHERE id IN (${list}) ORDER BY id`);
  return rows.map((row) => row.id);
}

test('a new idempotency key deletes records past 24 hours and keeps fresh or running ones', async () => {
  const now = Date.now();
  const planted = {
    answered: [uniqueKey('e2e-1-old-answer'), 0, 200],
    abandoned: [uniqueKey('e2e-2-old-claim'), 1, null],
    recent: [uniqueKey('e2e-3-answer-23h'), now - 23 * HOUR_MS, 200],
    running: [uniqueKey('e2e-4-running'), now - 1000, null],
  };
  const values = Object.values(planted).map(([id, at, status]) =>
    `('${id}', 'e2e', ${status}, ${status === null ? 'NULL' : "'{}'"}, ${at})`);
  await d1(`INSERT INTO idempotency (id, fingerprint, status, body, created_at)
    VALUES ${values.join(', ')}`);
  const checkout = await merchantCheckout('1.00');
  const paid = await pay(checkout.id, uniqueKey('prune'));
  assert.equal(paid.status, 200, paid.text);
  const ids = Object.values(planted).map(([id]) => id);
  assert.deepEqual(await keptRecords(ids), [planted.recent[0], planted.running[0]]);
});

test('a key reused after its record was deleted runs again and never pays the checkout twice', async () => {
  const checkout = await merchantCheckout('6.00');
  const key = uniqueKey('reused');
  const paid = await pay(checkout.id, key);
  assert.equal(paid.status, 200, paid.text);
  assert.match(paid.body.paymentId, /^[0-9a-f]{32}$/);
  const [{ id }] = await d1(`UPDATE idempotency SET created_at = 0
    WHERE body LIKE '%"paymentId":"${paid.body.paymentId}"%' RETURNING id`);
  const other = await merchantCheckout('1.00');
  assert.equal((await pay(other.id, uniqueKey('prune'))).status, 200);
  assert.deepEqual(await keptRecords([id]), [], 'the record past 24 hours is deleted');
  const before = (await ledger()).length;

  const again = await pay(checkout.id, key);
  assert.equal(again.status, 409, again.text);
  assert.equal(again.body.error.code, 'checkout_not_open');
  assert.equal(again.headers.get('idempotent-replayed'), null, 'it ran again');
  assert.equal((await ledger()).length, before, 'the gateway saw a second payment');
});

test('a new checkout deletes unpaid ones 30 days past expiry and keeps every other', async () => {
  // Planted long expired (expires_at 0 is older than any real one); only the open one may go.
  const planted = ['open', 'processing', 'unknown', 'paid', 'pending'].map((status) =>
    [uniqueKey(`e2e-${status}`), status, 0]);
  planted.push([uniqueKey('e2e-recent'), 'open', Date.now() - 29 * 24 * HOUR_MS]);
  const values = planted.map(([id, status, expires]) =>
    `('${id}', 100, 'EUR', 'DB', '${status}', ${expires - 1_800_000}, ${expires})`);
  await d1(`INSERT INTO checkouts (id, amount_minor, currency, payment_type, status, created_at,
    expires_at) VALUES ${values.join(', ')}`);
  const [unpaid] = planted[0];
  const call = uniqueKey('e2e-call');
  await d1(`INSERT INTO gateway_calls (id, type, checkout_id, result_code, created_at)
    VALUES ('${call}', 'DB', '${unpaid}', '800.100.203', '1970-01-01T00:00:00.000Z')`);

  await merchantCheckout('1.00');
  const list = planted.map(([id]) => `'${id}'`).join(', ');
  const kept = await d1(`SELECT id FROM checkouts WHERE id IN (${list})`);
  const expected = planted.slice(1).map(([id]) => id).sort();
  assert.deepEqual(kept.map((row) => row.id).sort(), expected);
  const gone = await api('GET', `/v1/checkouts/${unpaid}`);
  assert.equal(gone.status, 404, gone.text);
  assert.equal(gone.body.error.code, 'checkout_not_found');
  // The audit log is the merchant's record: nothing prunes it.
  assert.deepEqual(await d1(`SELECT checkout_id FROM gateway_calls WHERE id = '${call}'`),
    [{ checkout_id: unpaid }]);
});
