// The Node entry of the compat wasm module: the same .wasm file as browsers load, ready on import.
import { nodeModule } from './load.js';

export const [wasm, init] = nodeModule(new URL('../web/omnigate_card_compat_bg.wasm', import.meta.url));
