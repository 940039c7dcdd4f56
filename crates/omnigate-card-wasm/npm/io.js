// How the package's JavaScript talks to a wasm module: strings go in as UTF-8 through the
// module's input buffer, text comes back through its output buffer, and "today" crosses as
// one number. Nothing else here knows the module's memory layout. The small argument helpers
// that index.js, fields.js, spec.js and compat.js share live here too, once.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Whether `value` is a primitive string (a `String` object is not one to the checks). */
export const isString = (value) => typeof value === 'string';

/** `value` when it is a string, else '' (what the module reads for a missing or odd text). */
export const textOf = (value) => (isString(value) ? value : '');

/** Whether `value` is an object (arrays too; not `null`, not a function). */
export const isObject = (value) => value !== null && typeof value === 'object';

/** `options[name]` when `options` is an object, else `undefined`. */
export const option = (options, name) => (isObject(options) ? options[name] : undefined);

/** A comma-separated list of numbers from a brand record as an array ('' is the empty list). */
export const numbers = (list) => (list === '' ? [] : list.split(',').map(Number));

/** The buffers of one wasm module (the main one, or compat's), as the array
 *  `[put, putAll, text, record, change]` (an array: minified, its items' names cost nothing). */
export function connect(wasm) {
  // A view of the module's memory. When the memory grows its buffer detaches, and a view of a
  // detached buffer has length 0: then the next `view()` makes a new one. (`length`, not
  // `byteLength`: V8 reads it about 8 ns faster, a tenth of a whole `validateExpiry`.)
  let bytes = new Uint8Array(0);
  let inputAt = 0;
  let inputSize = 0;

  const view = () => (bytes.length === 0 ? (bytes = new Uint8Array(wasm.memory.buffer)) : bytes);

  /** Writes `text` as UTF-8 at byte `offset` of the input buffer; answers its length in bytes. */
  function put(text, offset = 0) {
    const length = text.length;
    if (offset + length * 3 > inputSize) {
      inputSize = Math.max(offset + length * 3, 2 * inputSize, 256);
      inputAt = wasm.inputBuffer(inputSize) >>> 0; // an address: read as unsigned
    }
    const memoryBytes = view();
    const start = inputAt + offset;
    // ASCII, nearly all input, is copied by hand: faster than the encoder for short strings.
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

  /** The fields of the module's record of `size` bytes: separated by U+001F, and each brand
   *  record field (`Brand::record` in the core) opens with `=`, which `skip` 1 drops. */
  const record = (size, skip = 0) => text(size).split('\u001f').map((field) => field.slice(skip));

  /** Throws the module's error record (`code`, U+001F, message) of `size` bytes; a table
   *  change answers 0 (or nothing) when it worked. */
  function change(size) {
    if (size > 0) {
      const [code, message] = record(size);
      throw Object.assign(new Error(message), { code });
    }
  }

  return [put, putAll, text, record, change];
}

/** A JS number option as a count (non-negative, finite, truncated), else `undefined`. */
export const count = (value) =>
  (typeof value === 'number' && value >= 0 && value < Infinity ? Math.min(Math.trunc(value), 0xffffffff) : undefined);

/** A date's local month as the module takes it: `year * 16 + month` (NaN for an invalid date). */
export const yearMonth = (date) => date.getFullYear() * 16 + date.getMonth() + 1;

// Today's month from the clock, read once per task: the first check of a task reads it and a
// microtask forgets it, so the checks a keystroke or a form makes together share one reading
// (reading the clock costs more than a whole check).
let clockMonth = 0;
const forget = () => {
  clockMonth = 0;
};

/** "Today" as the module takes it: from a `Date`, from the clock when `date` is undefined, and
 *  0 (unusable) for anything else, an invalid date, or a year outside 1000-9999. */
export function today(date) {
  if (date === undefined) {
    if (clockMonth === 0) {
      clockMonth = today(new Date());
      queueMicrotask(forget);
    }
    return clockMonth;
  }
  const month = date instanceof Date ? yearMonth(date) : 0;
  // 1000 * 16 + 1 is January 1000, 9999 * 16 + 12 December 9999; NaN fails both tests.
  return month > 16000 && month < 160000 ? month : 0;
}
