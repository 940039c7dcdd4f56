// The Worker runs, reaches the sandbox gateway with its credentials, and answers coded errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gateway, worker, env } from './support.mjs';

test('GET /health proves the Worker reached the gateway', async () => {
  const response = await fetch(`${worker}/health`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { status: 'ok', gateway: 'ok' });
});

test('the sandbox refuses a wrong bearer token the way OPP does', async () => {
  const entity = env('OPP_ENTITY_ID');
  const response = await fetch(`${gateway}/v1/payments/00000000000000000000000000000000?entityId=${entity}`, {
    headers: { Authorization: 'Bearer not-the-token' },
  });
  assert.equal(response.status, 401);
  assert.equal((await response.json()).result.code, '800.900.300');
});

test('an unknown route is a coded JSON 404', async () => {
  const response = await fetch(`${worker}/v1/no-such-route`);
  assert.equal(response.status, 404);
  assert.equal((await response.json()).error.code, 'not_found');
});

test('the health answer never contains a credential', async () => {
  const text = await (await fetch(`${worker}/health`)).text();
  for (const name of ['OPP_ACCESS_TOKEN', 'MERCHANT_API_KEY', 'SHOPPER_JWT_SECRET']) {
    assert.ok(!text.includes(env(name)), `${name} leaked into /health`);
  }
});
