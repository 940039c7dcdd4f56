// The browser and bundler entry of the compat wasm module. The `new URL` is a literal so that
// bundlers find the .wasm file next to this one and ship it.
import { webModule } from './load.js';

export const [wasm, init] = webModule(new URL('./omnigate_card_compat_bg.wasm', import.meta.url));
