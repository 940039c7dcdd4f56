// The demo page's dev-mode "Transactions" panel in Chromium: it lists what the gateway itself
// recorded (the Worker reads the sandbox's inspection endpoint), so a visitor sees TK when a card
// is saved while paying, DT when it pays in one click and DL when it is removed, tokens masked;
// and it says so when the gateway's records cannot be read.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addProduct, env, launchBrowser, openCheckout, screenshot } from './support.mjs';

// A card no other test uses: its masked token picks this test's rows out of the shared ledger.
const NUMBER = '4012888888881881';
const MASKED = '401288******1881';

let browser;
let lamp;
before(async () => {
  browser = await launchBrowser();
  lamp = await addProduct(`Desk lamp ${Date.now()}`, '30.00');
});
after(() => browser?.close());

async function approved(page) {
  await page.getByRole('status').filter({ hasText: 'Payment approved' }).waitFor();
}

test('the panel shows TK after a saved-card payment, DT after one-click pay, DL after remove', async () => {
  const { page, errors } = await openCheckout(browser);
  const panel = page.getByRole('region', { name: 'Transactions' });
  const rows = (type) => panel.getByRole('row').filter({ hasText: type }).filter({ hasText: MASKED });
  const addLamp = () => page.getByRole('button', { name: `Add ${lamp.name} to basket` }).click();

  await addLamp();
  await page.getByLabel('Card number').pressSequentially(NUMBER);
  await page.getByLabel('Expiry date').pressSequentially('1230');
  await page.getByLabel('Security code').pressSequentially('123');
  await page.getByLabel('Name on card').fill('Jane Jones');
  await page.getByLabel('Save card for next time').check();
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await approved(page);
  await rows('TK (token created)').waitFor();
  assert.equal(await rows('DT (token used)').count(), 0);
  await screenshot(page, 'transactions-panel-tk');

  const card = page.getByRole('listitem').filter({ hasText: 'Visa •••• 1881' });
  const token = await card.getAttribute('data-token');
  assert.match(token, /^401288\d{6}1881$/);
  await addLamp();
  await card.getByRole('button', { name: 'Pay with this card' }).click();
  await approved(page);
  await rows('DT (token used)').waitFor();
  assert.equal(await rows('DL (token deleted)').count(), 0);
  await screenshot(page, 'transactions-panel-dt');

  await card.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove card' }).click();
  await card.waitFor({ state: 'detached' });
  await rows('DL (token deleted)').waitFor();
  for (const type of ['TK (token created)', 'DT (token used)', 'DL (token deleted)']) {
    assert.equal(await rows(type).count(), 1, type);
  }
  const shown = await panel.textContent();
  assert.ok(!shown.includes(token), 'the full token is in the panel');
  assert.ok(!shown.includes(NUMBER), 'the card number is in the panel');
  await screenshot(page, 'transactions-panel-dl');
  assert.deepEqual(errors, []);
});

test('when the gateway\'s records cannot be read, the panel says so', async () => {
  // The second Worker of the e2e stack: its gateway is a port nobody listens on.
  const { page, errors } = await openCheckout(browser, { base: env('OMNIGATE_URL_NO_GATEWAY') });
  const panel = page.getByRole('region', { name: 'Transactions' });
  await panel.getByText('The gateway\'s records are not available.').waitFor();
  assert.equal(await panel.getByRole('table').isVisible(), false);
  await screenshot(page, 'transactions-panel-unavailable');
  // Chromium's own lines about the Worker's honest statuses: the panel's 502 (and /health's 503).
  assert.ok(errors.some((line) => line.includes('status of 502')), errors.join('\n'));
  assert.ok(errors.every((line) => /status of 50[23] /.test(line)), errors.join('\n'));
});
