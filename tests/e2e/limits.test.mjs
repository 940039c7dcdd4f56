// Card-testing protection through the real Worker and sandbox: once a client has had ten declined
// attempts, its next payment attempt is a 429 with Retry-After that never reaches the gateway,
// while other clients still pay. The client is its CF-Connecting-IP, which Cloudflare sets and
// `wrangler dev` keeps when a test sends one. The demo page says when to try again. Rows of ended
// windows are deleted from the Worker's D1 as new declines are counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addProduct, api, card, d1, launchBrowser, ledger, merchantCheckout, screenshot, uniqueKey, worker,
} from './support.mjs';

const MAX_FAILED_ATTEMPTS = 10; // limits.rs, README
const pay = (id, number, ip) => api('POST', `/v1/checkouts/${id}/payments`, {
  key: uniqueKey('limit'), body: { card: card(number) }, headers: { 'CF-Connecting-IP': ip },
});

test('ten declines from one client make its next attempt a 429 that never reaches the gateway', async () => {
  const tester = '203.0.113.66';
  const checkout = await merchantCheckout('3.00');
  for (let n = 0; n < MAX_FAILED_ATTEMPTS; n += 1) {
    const declined = await pay(checkout.id, '4200000000000208', tester);
    assert.equal(declined.status, 402, declined.text);
  }
  const before = (await ledger()).length;
  const blocked = await pay(checkout.id, '4200000000000000', tester);
  assert.equal(blocked.status, 429, blocked.text);
  assert.equal(blocked.body.error.code, 'too_many_attempts');
  const retryAfter = Number(blocked.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 600, `Retry-After: ${retryAfter}`);
  assert.equal((await ledger()).length, before, 'a blocked attempt reached the gateway');

  const shopper = await pay(checkout.id, '4200000000000000', '198.51.100.20');
  assert.equal(shopper.status, 200, shopper.text);
});

test('a counted decline deletes the rows of windows that have ended', async () => {
  // A client whose window ended long ago (no API call can make one: its row goes into the
  // Worker's local D1 directly); the oldest rows go first, and 0 is older than any real window.
  const old = uniqueKey('e2e-old-client');
  await d1(`INSERT INTO failed_attempts (client, window_start, count) VALUES ('${old}', 0, 3)`);
  const checkout = await merchantCheckout('3.00');
  const declined = await pay(checkout.id, '4200000000000208', '203.0.113.68');
  assert.equal(declined.status, 402, declined.text);
  assert.deepEqual(await d1(`SELECT client FROM failed_attempts WHERE client = '${old}'`), []);
});

test('the demo page tells a blocked client when to try again', async () => {
  const tester = '203.0.113.67';
  const checkout = await merchantCheckout('3.00');
  for (let n = 0; n < MAX_FAILED_ATTEMPTS; n += 1) {
    assert.equal((await pay(checkout.id, '4200000000000208', tester)).status, 402);
  }
  const browser = await launchBrowser();
  try {
    const product = await addProduct(`Limited tea ${Date.now()}`, '4.00');
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders({ 'CF-Connecting-IP': tester });
    const errors = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`${worker}/?shopper=${uniqueKey('blocked')}`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByRole('button', { name: `Add ${product.name} to basket` }).click();
    await page.getByLabel('Card number').pressSequentially('4200000000000000');
    await page.getByLabel('Expiry date').pressSequentially('1230');
    await page.getByLabel('Security code').pressSequentially('123');
    await page.getByLabel('Name on card').fill('Jane Jones');
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    const outcome = page.getByRole('status').filter({ hasText: 'The payment could not be made.' });
    await outcome.waitFor();
    assert.match(await outcome.textContent(), /Too many declined attempts\. Please try again in (a minute|\d+ minutes)\./);
    await screenshot(page, 'checkout-too-many-attempts');
    assert.deepEqual(errors, [
      'Failed to load resource: the server responded with a status of 429 (Too Many Requests)']);
  } finally {
    await browser.close();
  }
});
