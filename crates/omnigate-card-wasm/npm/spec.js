// Brand definitions as the wasm module reads them (`src/spec.rs` has the format and every rule
// about the values): this file only records what it was given and with which JS type.
import { isObject, isString } from './io.js';

// `!` for a non-object, else nine fields separated by U+001F, each `-` (absent), `!` (wrong type)
// or `=` and its text. A separator inside a given value becomes U+0001, which no field accepts:
// U+001F in a text (a name such as `Foo, Inc` is fine), and `,` and `~` too in a pattern bound.
// A list is written as a template writes an array: its items joined with commas.
const text = (value, absent = '-') => (isString(value) ? `=${value.replace(/\u001f/g, '\u0001')}` : absent);
// A pattern bound: a string as given, or a number as `String` writes it (the templates and
// joins below do). Only digits pass the module's check, so a number comes through only when it
// is an integer from 0 to 1e19 - 1.
const digits = (value) =>
  (isString(value) ? value.replace(/[\u001f,~]/g, '\u0001') : typeof value === 'number' ? value : '!');
// A pattern: a bound or a `[low, high]` pair of bounds.
const pattern = (value) => (Array.isArray(value)
  ? (value.length === 2 ? `${digits(value[0])}~${digits(value[1])}` : '!')
  : digits(value));
const numberList = (value) => (value === undefined ? '-' : Array.isArray(value)
  ? `=${value.map((n) => (typeof n === 'number' ? n : '!'))}`
  : '!');

/** Encodes a brand definition; credit-card-type configs name id and name `type`/`niceType`. */
export function encodeSpec(spec, idKey = 'id', nameKey = 'name') {
  if (!isObject(spec)) return '!';
  const code = isObject(spec.code) ? spec.code : {};
  const size = code.size === undefined ? '-' : typeof code.size === 'number' ? `=${code.size}` : '!';
  const patterns = Array.isArray(spec.patterns) ? `=${spec.patterns.map(pattern)}` : '!';
  const luhnFlag = typeof spec.luhn === 'boolean' ? `=${+spec.luhn}` : '-';
  return [
    text(spec[idKey], '!'), text(spec[nameKey]), text(spec.gatewayBrand),
    patterns, numberList(spec.lengths), numberList(spec.gaps), text(code.name), size, luhnFlag,
  ].join('\u001f');
}
