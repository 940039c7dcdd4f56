// The demo page is served by the Worker's assets, loads the omnigate-card package in Chromium
// (brand detection as the shopper types comes from the wasm) and shows the gateway status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openCheckout, screenshot } from './support.mjs';

test('the demo page loads the wasm package and shows the gateway status', async () => {
  const browser = await launchBrowser();
  try {
    const { page, errors } = await openCheckout(browser);
    const number = page.getByLabel('Card number');
    await number.pressSequentially('5454545454545454');
    assert.equal(await number.inputValue(), '5454 5454 5454 5454');
    assert.equal(await number.getAttribute('data-brand'), 'mastercard');
    await page.getByText('Mastercard', { exact: true }).waitFor();
    await page.getByText('Gateway: ok').waitFor();
    await page.getByText('Signed in as demo shopper').waitFor();
    await screenshot(page, 'demo-page-loads');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
