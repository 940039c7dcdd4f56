// `cargo xtask bench card`: omnigate-card against card-validator on the same inputs, in one
// process, each call including its JS<->wasm crossing. Prints ops/s, ratios and sizes; asserts
// nothing (timings depend on the machine).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import valid from 'card-validator';
import { validateNumber, validateExpiry } from 'omnigate-card';

const NUMBERS = ['4111111111111111', '4111 1111 1111 1111', '378282246310005', '5555-5555-5555-4444',
  '6011111111111117', '3530111333300000', '6221558812340000', '4', '41', '5', '6011', '30569309025904',
  '4111111111111112', '1234 5678', '2221000000000009', '6363680000000008'];
const EXPIRIES = ['12/30', '1/27', '0528', '12 / 2030', '2030-12', '13/28', '05/2', '1', '', '11 29'];

// Calls per second of `fn` over `inputs`, measured in rounds of about 0.2 s.
function rounds(fn, inputs) {
  let sink = 0;
  let count = 20_000;
  const round = () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i += 1) sink += fn(inputs[i % inputs.length]).isValid ? 1 : 0;
    return count / (Number(process.hrtime.bigint() - start) / 1e9);
  };
  round(); // warm up the JIT
  while (count / round() < 0.2) count *= 2;
  return () => {
    const speed = round();
    if (sink < 0) console.log(sink);
    return speed;
  };
}

// Both sides take turns, round after round, and each keeps its best round: a load spike on a
// busy machine slows one round, not one side.
function compare(reference, ours, inputs) {
  const [a, b] = [rounds(reference, inputs), rounds(ours, inputs)];
  let best = [0, 0];
  for (let turn = 0; turn < 7; turn += 1) best = [Math.max(best[0], a()), Math.max(best[1], b())];
  return best;
}

const rows = [
  ['number', valid.number, validateNumber, NUMBERS],
  ['expiry', valid.expirationDate, validateExpiry, EXPIRIES],
];
const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(12);
console.log(`${'check'.padEnd(8)}${'card-validator'.padStart(16)}${'omnigate-card'.padStart(16)}   ratio (best of 7 alternating rounds)`);
for (const [name, reference, ours, inputs] of rows) {
  const [a, b] = compare(reference, ours, inputs);
  console.log(`${name.padEnd(8)}${fmt(a)} op/s${fmt(b)} op/s   ${(b / a).toFixed(1)}x`);
}

// What a browser downloads for `import ... from 'omnigate-card'`, as a bundler ships it: the
// package's modules and the browser loader (`web/`) bundled and minified by esbuild, and the wasm.
const root = dirname(createRequire(import.meta.url).resolve('omnigate-card/package.json'));
const bundle = (entry, out) => execFileSync(process.env.ESBUILD_BIN, [entry, '--bundle',
  '--minify', '--format=esm', '--platform=browser', '--log-level=warning', `--outfile=${out}`]);
writeFileSync('entry.mjs', "export * from 'omnigate-card';\nexport { default } from 'omnigate-card';\n");
bundle('entry.mjs', 'browser-bundle.js');
writeFileSync('compat-entry.mjs', "export * from 'omnigate-card/compat';\n");
bundle('compat-entry.mjs', 'compat-bundle.js');
const gzipped = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const report = (name, files) => {
  let total = 0;
  for (const [part, file] of files) {
    const size = gzipped(file);
    total += size;
    console.log(`${`${name}: ${part}`.padEnd(56)}${String(readFileSync(file).length).padStart(8)} B raw ${String(size).padStart(7)} B gzip -9`);
  }
  return total;
};
const main = report('omnigate-card', [['wasm', join(root, 'web/omnigate_card_bg.wasm')],
  ['JS (index, io, spec, fields, loader; minified)', 'browser-bundle.js']]);
console.log(`${'browser build total'.padEnd(56)}${' '.repeat(14)}${String(main).padStart(8)} B gzip -9 (target 12288)`);
const compat = report('omnigate-card/compat', [['wasm', join(root, 'web/omnigate_card_compat_bg.wasm')],
  ['JS (compat, io, spec, fields, loader; minified)', 'compat-bundle.js']]);
console.log(`${'compat browser build total'.padEnd(56)}${' '.repeat(14)}${String(compat).padStart(8)} B gzip -9`);
