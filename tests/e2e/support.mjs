// Shared helpers for the end-to-end tests. `cargo xtask test` starts the sandbox gateway and the
// Worker under `wrangler dev` on free ports and passes their URLs and credentials in the
// environment.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
