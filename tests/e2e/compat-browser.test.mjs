// `omnigate-card/compat` in Chromium, as a page without a bundler loads it: the browser build of
// the npm package served as static files, mapped by an import map. The compat module loads its
// own wasm on import (top-level await), so the page needs no init call. The main package needs
// one, and says so with a coded error when it is called too early.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { launchBrowser, screenshot } from './support.mjs';

const PACKAGE = join(import.meta.dirname, '../../crates/omnigate-card-wasm/pkg');
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
const PAGE = `<!doctype html><meta charset="utf-8"><title>compat</title><link rel="icon" href="data:,">
<script type="importmap">{ "imports": {
  "omnigate-card/compat": "/compat.js",
  "#omnigate-card-compat-wasm": "/web/omnigate_card_compat.js"
} }</script>
<script type="module">
  import valid, { creditCardType } from 'omnigate-card/compat';
  window.results = {
    visa: valid.number('4111 1111 1111 1111'),
    partial: valid.number('4').card,
    expiry: valid.expirationDate('12/2031'),
    cvv: valid.cvv('1234', 4),
    types: creditCardType('6').map((card) => card.type),
  };
</script>`;
const MAIN_PAGE = `<!doctype html><meta charset="utf-8"><title>main</title><link rel="icon" href="data:,">
<script type="importmap">{ "imports": {
  "omnigate-card": "/index.js",
  "#omnigate-card-wasm": "/web/omnigate_card.js"
} }</script>
<script type="module">
  import init, { validateNumber } from 'omnigate-card';
  const codeOf = (call) => {
    try {
      call();
      return 'no error';
    } catch (error) {
      return error instanceof Error ? error.code : typeof error;
    }
  };
  const early = codeOf(() => validateNumber('4111 1111 1111 1111'));
  await init();
  window.results = { early, visa: validateNumber('4111 1111 1111 1111').brand.id };
</script>`;

let server;
let origin;
before(async () => {
  server = createServer(async (request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    const page = { '/': PAGE, '/main': MAIN_PAGE }[path];
    if (page) return response.writeHead(200, { 'content-type': TYPES['.html'] }).end(page);
    const file = normalize(join(PACKAGE, path));
    if (!file.startsWith(PACKAGE)) return response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((resolve) => server.close(resolve)));

// Opens `path` of the local server and waits for its `window.results`; `errors` collects what
// the page reports as errors.
async function openResults(browser, path) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${origin}${path}`);
  await page.waitForFunction(() => window.results !== undefined);
  return { page, errors };
}

test('the card-validator drop-in runs in Chromium without an init call', async () => {
  const browser = await launchBrowser();
  try {
    const { page, errors } = await openResults(browser, '/');
    const results = await page.evaluate(() => window.results);
    assert.equal(results.visa.isValid, true);
    assert.equal(results.visa.card.type, 'visa');
    assert.equal(results.visa.card.niceType, 'Visa');
    assert.equal(results.partial, null, 'four brands still fit "4"');
    assert.deepEqual(results.expiry, { isValid: true, isPotentiallyValid: true, month: '12', year: '2031' });
    assert.deepEqual(results.cvv, { isValid: true, isPotentiallyValid: true });
    // credit-card-type 10.3.0's own answer for "6".
    assert.deepEqual(results.types, ['discover', 'troy', 'unionpay', 'maestro', 'elo', 'hiper', 'hipercard']);
    await screenshot(page, 'compat-in-chromium');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('the main package in Chromium: a call before init throws not_initialized, then it works', async () => {
  const browser = await launchBrowser();
  try {
    const { page, errors } = await openResults(browser, '/main');
    assert.deepEqual(await page.evaluate(() => window.results), { early: 'not_initialized', visa: 'visa' });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
