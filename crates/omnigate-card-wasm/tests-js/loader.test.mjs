// The wasm modules and their loaders as the installed package ships them: each .wasm imports
// nothing and carries no custom sections, and the browser loader (`web/`, run here under Node)
// loads from every input `init` takes and throws a coded Error when used too early.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import init, { luhn } from 'omnigate-card';

const root = dirname(createRequire(import.meta.url).resolve('omnigate-card/package.json'));
const bytes = (name) => readFileSync(join(root, 'web', `${name}_bg.wasm`));
// A fresh copy of a browser loader (its own module state) for each `tag`.
const browserLoader = (name, tag) => import(`${pathToFileURL(join(root, 'web', `${name}.js`))}?${tag}`);

test('each module imports nothing and exports its memory and functions only', () => {
  for (const name of ['omnigate_card', 'omnigate_card_compat']) {
    const module = new WebAssembly.Module(bytes(name));
    assert.deepEqual(WebAssembly.Module.imports(module), []);
    const exports = WebAssembly.Module.exports(module);
    assert.deepEqual(exports.filter((e) => e.kind !== 'function'), [{ name: 'memory', kind: 'memory' }]);
    assert.ok(exports.some((e) => e.name === 'validateNumber'));
    assert.equal(exports.some((e) => e.name.startsWith('compat')), name === 'omnigate_card_compat');
    for (const section of ['name', 'producers', 'target_features']) {
      assert.deepEqual(WebAssembly.Module.customSections(module, section), [], section);
    }
  }
});

test('under Node the package is ready on import and init does nothing', async () => {
  assert.equal(luhn('4111111111111111'), true);
  assert.equal(await init(), undefined);
  assert.equal(luhn('4111111111111112'), false);
});

test('the browser loader throws not_initialized until init has loaded the module', async () => {
  const { wasm, init: load } = await browserLoader('omnigate_card', 'early');
  const early = { code: 'not_initialized', message: /call and await the default export, init\(\)/ };
  assert.throws(() => wasm.luhn(0), early);
  await assert.rejects(load(new Response('missing', { status: 404 })), /failed to fetch its wasm: 404/);
  assert.throws(() => wasm.inputBuffer(16), early, 'a failed init leaves it unloaded');
  // A server without `Content-Type: application/wasm`: the loader reads the bytes, so it still loads.
  await load({ module_or_path: new Response(bytes('omnigate_card')) });
  assert.ok(wasm.memory instanceof WebAssembly.Memory);
  assert.equal(typeof wasm.validateNumber, 'function');
  await load({ module_or_path: 'never fetched: already loaded' });
});

test('the browser loader takes a Response, bytes or a compiled module', async () => {
  const compat = bytes('omnigate_card_compat');
  const inputs = {
    response: new Response(compat, { headers: { 'content-type': 'application/wasm' } }),
    bytes: compat,
    module: new WebAssembly.Module(compat),
  };
  for (const [tag, input] of Object.entries(inputs)) {
    const { wasm, init: load } = await browserLoader('omnigate_card_compat', tag);
    await load({ module_or_path: input });
    assert.equal(typeof wasm.compatNumber, 'function', tag);
    assert.equal(wasm.listItem(0) >>> 0, 0xffffffff, tag); // the empty list's "past the end"
  }
});
