// Loads one of the package's wasm modules under Node (>= 20): synchronously, when the package
// is imported, so Node users need no init call. The module imports nothing and exports plain
// functions of numbers and its `memory` (`src/exports.rs`).
import { readFileSync } from 'node:fs';

/** `[wasm, init]`: the exports of the wasm module at `url`, ready now, and an `init` that has
 *  nothing left to do (browser code may call it under Node too). */
export function nodeModule(url) {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(url)));
  return [exports, async () => {}];
}
