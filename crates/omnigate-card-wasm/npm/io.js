// How the package's JavaScript talks to a wasm module: strings go in as UTF-8 through the
// module's input buffer, text comes back through its output buffer, and "today" crosses as
// one number. Nothing else here knows the module's memory layout.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The buffers of one wasm module (the main one, or compat's): `put`, `putAll`, `text`, `change`. */
export function connect(wasm) {
  let memory = null;
  let bytes = new Uint8Array(0);
  let inputAt = 0;
  let inputSize = 0;

  // The bytes of the module's memory; a new view after the memory grew (the old one detaches).
  function view() {
    if (bytes.byteLength === 0) {
      memory ??= wasm.memory;
      bytes = new Uint8Array(memory.buffer);
    }
    return bytes;
  }

  function reserve(size) {
    if (size > inputSize) {
      inputSize = Math.max(size, 2 * inputSize, 256);
      inputAt = wasm.inputBuffer(inputSize) >>> 0; // an address: read as unsigned
      bytes = new Uint8Array(0);
    }
  }

  /** Writes `text` as UTF-8 at byte `offset` of the input buffer; answers its length in bytes. */
  function put(text, offset = 0) {
    const length = text.length;
    reserve(offset + length * 3);
    const memoryBytes = view();
    const start = inputAt + offset;
    let i = 0;
    for (; i < length; i += 1) {
      const unit = text.charCodeAt(i);
      if (unit > 0x7f) break;
      memoryBytes[start + i] = unit;
    }
    if (i === length) return length;
    const rest = memoryBytes.subarray(start + i, inputAt + inputSize);
    return i + encoder.encodeInto(text.slice(i), rest).written;
  }

  /** Writes `texts` back to back; answers their lengths in bytes. */
  function putAll(texts) {
    let offset = 0;
    return texts.map((value) => {
      const length = put(value, offset);
      offset += length;
      return length;
    });
  }

  /** The `size` bytes of text the module left in its output buffer. */
  function text(size) {
    const at = wasm.outputBuffer() >>> 0;
    return decoder.decode(view().subarray(at, at + size));
  }

  /** Throws the module's error record of `size` bytes (a table change answers 0 when it worked). */
  function change(size) {
    if (size > 0) throw thrown(size);
  }

  /** The `Error` for the module's error record (`code`, U+001F, message) of `size` bytes. */
  function thrown(size) {
    const [code, message] = text(size).split('\u001f');
    return Object.assign(new Error(message), { code });
  }

  return { put, putAll, text, change };
}

/** A JS number option as a count (non-negative, finite, truncated), else `undefined`. */
export function count(value) {
  if (typeof value !== 'number' || !(value >= 0) || value === Infinity) return undefined;
  return Math.min(Math.trunc(value), 0xffffffff);
}

// Today's month from the clock, read once per task: the first check of a task reads it and a
// microtask forgets it, so the checks a keystroke or a form makes together share one reading
// (reading the clock costs more than a whole check).
let clockMonth = 0;
const forget = () => {
  clockMonth = 0;
};

/** "Today" as the module takes it (`year * 16 + month`): from a `Date`, from the clock when
 *  `date` is undefined, and 0 (unusable) for anything else or an invalid date. */
export function today(date) {
  if (date === undefined) {
    if (clockMonth === 0) {
      clockMonth = yearMonth(new Date());
      queueMicrotask(forget);
    }
    return clockMonth;
  }
  return date instanceof Date ? yearMonth(date) : 0;
}

function yearMonth(date) {
  const year = date.getFullYear();
  return year >= 1000 && year <= 9999 ? year * 16 + date.getMonth() + 1 : 0;
}
