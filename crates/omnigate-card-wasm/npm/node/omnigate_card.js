// The Node entry of the main wasm module: the same .wasm file as browsers load, ready on import.
import { nodeModule } from './load.js';

export const [wasm, init] = nodeModule(new URL('../web/omnigate_card_bg.wasm', import.meta.url));
