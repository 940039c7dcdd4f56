// Shared helpers for the end-to-end tests. `cargo xtask test` starts the sandbox gateway and the
// Worker under `wrangler dev` on free ports and passes their URLs and credentials in the
// environment.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

export const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `${name} is not set: run the end-to-end tests with \`cargo xtask test\``);
  return value;
};

export const worker = env('OMNIGATE_URL');
export const gateway = env('OMNIGATE_GATEWAY_URL');

// Chromium as the machine's probe proved it: headless, no sandbox (root), no background
// networking (the machine has no internet), a fresh profile per launch.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: env('OMNIGATE_CHROMIUM'),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page, name) {
  const dir = env('OMNIGATE_SCREENSHOTS');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

// --- API helpers for the Worker's public API -------------------------------------------------

// Every response text seen by this test file, for the leak scans.
export const seen = [];

// Calls the Worker; `auth` is a bearer credential, `key` an Idempotency-Key.
export async function api(method, path, { body, auth, key, headers = {} } = {}) {
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  if (auth) init.headers.Authorization = `Bearer ${auth}`;
  if (key) init.headers['Idempotency-Key'] = key;
  const response = await fetch(`${worker}${path}`, init);
  const text = await response.text();
  seen.push(text);
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { status: response.status, body: json, text, headers: response.headers };
}

export const merchantKey = () => env('MERCHANT_API_KEY');

// A shopper JWT from the dev-mode stand-in identity provider.
export async function shopperToken(shopperId) {
  const answer = await api('POST', '/dev/shopper-token', { body: { shopperId } });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.token;
}

// The sandbox ledger of the e2e entity (sandbox-only inspection route).
export async function ledger() {
  const entity = env('OPP_ENTITY_ID');
  const response = await fetch(`${gateway}/sandbox/transactions?entityId=${entity}`, {
    headers: { Authorization: `Bearer ${env('OPP_ACCESS_TOKEN')}` },
  });
  assert.equal(response.status, 200);
  return (await response.json()).transactions;
}

// Ledger types recorded after the first `before` entries.
export async function newLedgerTypes(before) {
  return (await ledger()).slice(before).map((entry) => entry.paymentType);
}

// Runs one SQL statement on the main Worker's local D1 with `wrangler d1 execute`, as the e2e
// stack runs wrangler (`cargo xtask test` passes the command), for a state no API call can make;
// resolves to the rows it returned.
export async function d1(sql) {
  const { program, args, cwd, env: vars } = JSON.parse(env('OMNIGATE_D1_EXECUTE'));
  const { stdout } = await promisify(execFile)(program, [...args, '--json', '--command', sql], {
    cwd, env: { ...process.env, ...vars }, timeout: 120_000,
  });
  const [statement] = JSON.parse(stdout);
  assert.ok(statement?.success, stdout);
  return statement.results;
}

export const card = (number, cvv = '123') =>
  ({ number, holder: 'Jane Jones', expiryMonth: '12', expiryYear: '2030', cvv });

// A merchant checkout of `amount` EUR.
export async function merchantCheckout(amount = '25.00', extra = {}) {
  const answer = await api('POST', '/v1/checkouts', {
    auth: merchantKey(),
    body: { amount, currency: 'EUR', paymentType: 'DB', reference: 'e2e', ...extra },
  });
  assert.equal(answer.status, 201, answer.text);
  return answer.body;
}

export const uniqueKey = (label) => `${label}-${Date.now()}-${Math.random().toString(16).slice(2)}`;

// --- The demo checkout page in Chromium ------------------------------------------------------

// A catalog product with a unique sku, written with the merchant key (the e2e stack seeds none).
export async function addProduct(name, amount = '10.00') {
  const sku = uniqueKey('e2e').slice(0, 60).toLowerCase();
  const answer = await api('PUT', `/v1/catalog/${sku}`, {
    auth: merchantKey(), body: { name, amount, currency: 'EUR' },
  });
  assert.equal(answer.status, 200, answer.text);
  return { sku, name, amount };
}

// Opens the demo checkout (served by the Worker at `base`) as a fresh demo shopper in a new page;
// `errors` collects every page error and console error.
export async function openCheckout(browser, {
  width = 1100, height = 900, shopper = uniqueKey('shopper'), base = worker,
} = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${base}/?shopper=${encodeURIComponent(shopper)}`);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, errors };
}
