// Auth failures, CORS, the body limit, and a scan of every response and of the Worker's log for
// test card numbers, CVCs and secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  api, card, env, merchantCheckout, merchantKey, seen, shopperToken, uniqueKey, worker,
} from './support.mjs';

test('every auth failure is a coded 401 or 403', async () => {
  const alice = await shopperToken('alice-sec');
  for (const [auth, path, method, status, code] of [
    [undefined, '/v1/transactions', 'GET', 401, 'unauthorized'],
    ['wrong-key', '/v1/transactions', 'GET', 401, 'unauthorized'],
    ['a.b.c', '/v1/wallet', 'GET', 401, 'invalid_token'],
    [alice, '/v1/transactions', 'GET', 403, 'merchant_only'],
    [undefined, '/v1/wallet', 'GET', 401, 'shopper_required'],
    [merchantKey(), '/v1/wallet', 'GET', 401, 'shopper_required'],
  ]) {
    const answer = await api(method, path, { auth });
    assert.equal(answer.status, status, `${path} ${answer.text}`);
    assert.equal(answer.body.error.code, code);
    assert.match(answer.body.error.requestId, /^[0-9a-f]{32}$/);
  }
  const forged = alice.slice(0, -4) + (alice.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  assert.equal((await api('GET', '/v1/wallet', { auth: forged })).status, 401);
});

test('CORS echoes one allowed origin, answers preflights and refuses others', async () => {
  const allowed = 'http://localhost:8787';
  const ok = await api('GET', '/v1/catalog', { headers: { Origin: allowed } });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('access-control-allow-origin'), allowed);
  assert.match(ok.headers.get('vary'), /Origin/);
  assert.equal(ok.headers.get('cache-control'), 'no-store');
  const preflight = await api('OPTIONS', '/v1/checkouts', {
    headers: { Origin: allowed, 'Access-Control-Request-Method': 'POST' },
  });
  assert.equal(preflight.status, 204);
  assert.match(preflight.headers.get('access-control-allow-headers'), /Idempotency-Key/);
  for (const method of ['GET', 'OPTIONS']) {
    const refused = await api(method, '/v1/catalog', { headers: { Origin: 'https://evil.example' } });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
  }
});

test('bodies over 16 KB are refused', async () => {
  const answer = await api('POST', '/v1/checkouts', { body: JSON.stringify({ pad: 'x'.repeat(17000) }) });
  assert.equal(answer.status, 413);
  assert.equal(answer.body.error.code, 'body_too_large');
});

test('no card number, CVC or secret in any response or in the Worker log', async () => {
  // One of every flow that carries card data, so the scan has something to find.
  const shopper = await shopperToken('erin-sec');
  const checkout = await merchantCheckout('3.00');
  await api('POST', `/v1/checkouts/${checkout.id}/payments`, {
    auth: shopper, key: uniqueKey('scan'), body: { card: card('5454545454545454', '737'), saveCard: true },
  });
  await api('POST', `/v1/checkouts/${checkout.id}/payments`, {
    key: uniqueKey('scan'), body: { card: { ...card('4200000000000001', '737') } },
  });
  const saved = await api('POST', '/v1/tokens', {
    auth: shopper, body: { card: card('377777777777770', '7373') },
  });
  const token = saved.body.token;
  assert.match(token, /^377777/);
  // A token in a URL path must not reach the log either.
  assert.equal((await api('DELETE', `/v1/wallet/${token}`, { auth: shopper })).status, 204);
  await api('POST', `/v1/checkouts/${checkout.id}/payments`, {
    key: uniqueKey('scan'), body: { card: { number: 4200000000000000, cvv: 737 } },
  });
  const secrets = ['4200000000000000', '4200000000000001', '5454545454545454', '377777777777770',
    '"737"', '7373', env('OPP_ACCESS_TOKEN'), merchantKey(), env('SHOPPER_JWT_SECRET')];
  for (const text of seen) {
    for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} in ${text}`);
  }
  const target = process.env.CARGO_TARGET_DIR ?? join(import.meta.dirname, '..', '..', 'target');
  const log = join(target, 'e2e', 'wrangler.log');
  assert.ok(existsSync(log), `no Worker log at ${log} (${worker})`);
  const text = readFileSync(log, 'utf8');
  for (const secret of [...secrets.filter((s) => s !== '"737"'), shopper, token]) {
    assert.ok(!text.includes(secret), `${secret.slice(0, 6)}… found in the Worker log`);
  }
});
