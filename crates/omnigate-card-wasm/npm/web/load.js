// Loads one of the package's wasm modules in browsers and bundlers. The module imports nothing
// and exports plain functions of numbers and its `memory` (`src/exports.rs`), so instantiating
// it is all the glue there is.

// Instantiates what `init` was given: a URL or Request to fetch, a Response, the bytes, or a
// compiled WebAssembly.Module. Answers an Instance for a Module, else `{ module, instance }`.
// A Response is read whole and then compiled, not streamed: the module is small enough that
// streaming saves nothing measurable, and a server that sends .wasm files without
// `Content-Type: application/wasm` (which breaks a streamed compile) needs no second path.
async function instantiate(source) {
  if (typeof source === 'string' || source instanceof URL || source instanceof Request) {
    source = await fetch(source);
  }
  if (source instanceof Response) {
    if (!source.ok) {
      throw new Error(`omnigate-card: failed to fetch its wasm: ${source.status} ${source.statusText} (${source.url})`);
    }
    source = await source.arrayBuffer();
  }
  return WebAssembly.instantiate(source);
}

/** `[wasm, init]`: the exports of the wasm module at `url`, and `init(input?)`, which loads it
 *  once: from `input.module_or_path` (the form the package's wasm-bindgen loader took, kept for
 *  its callers) or `input` itself, else from `url`. */
export function webModule(url) {
  // Filled with the module's exports by `init`; until then every read falls through to a
  // prototype that throws a coded Error (not a TypeError), so a call made too early says what
  // to do.
  const wasm = Object.create(new Proxy({}, {
    get() {
      throw Object.assign(
        new Error('omnigate-card: call and await the default export, init(), before anything else'),
        { code: 'not_initialized' },
      );
    },
  }));
  let loading;
  function init(input) {
    const given = Object.getPrototypeOf(input ?? 0) === Object.prototype ? input.module_or_path : input;
    return (loading ??= instantiate(given ?? url).then(
      (result) => void Object.assign(wasm, (result.instance ?? result).exports),
      (error) => {
        loading = undefined; // a later call may try again
        throw error;
      },
    ));
  }
  return [wasm, init];
}
