// The demo page is served by the Worker's assets, loads the omnigate-card package in Chromium
// and shows the gateway status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, screenshot, worker } from './support.mjs';

test('the demo page loads the wasm package and shows the gateway status', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`${worker}/`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByLabel('Card number').fill('4111 1111 1111 1111');
    assert.equal(await page.locator('#luhn').textContent(), 'Checksum OK');
    await page.getByLabel('Card number').fill('4111 1111 1111 1112');
    assert.equal(await page.locator('#luhn').textContent(), 'Checksum wrong');
    await page.getByText('Gateway: ok').waitFor();
    await screenshot(page, 'demo-page-loads');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
