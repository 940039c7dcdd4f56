// omnigate-card/compat against the real card-validator 10.0.4 and credit-card-type 10.3.0 on
// generated inputs: every result must be deep-equal (thrown errors: same message). The reference
// reads `new Date()`, so the clock is frozen for both while date-dependent checks run.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual, inspect } from 'node:util';
import reference from 'card-validator';
import referenceType from 'credit-card-type';
import compat, { creditCardType } from 'omnigate-card/compat';

/** Runs `fn` on both sides and records every difference. */
class Differ {
  constructor() {
    this.count = 0;
    this.diffs = [];
  }

  same(label, fn) {
    this.count += 1;
    const run = (side) => {
      try {
        return { value: fn(side) };
      } catch (error) {
        return { thrown: String(error?.message ?? error) };
      }
    };
    const want = run(reference);
    const got = run(compat);
    if (!isDeepStrictEqual(want, got) && this.diffs.length < 20) {
      this.diffs.push(`${label}\n  card-validator: ${inspect(want, { depth: 4 })}\n  compat: ${inspect(got, { depth: 4 })}`);
    }
  }

  check(t) {
    t.diagnostic(`${this.count} inputs compared`);
    assert.equal(this.diffs.length, 0, this.diffs.join('\n'));
  }
}

// A tiny seeded generator, so a failure can be replayed.
let seed = 0x5eed;
const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const pick = (list) => list[Math.floor(random() * list.length)];
const digit = () => String(Math.floor(random() * 10));

function luhnComplete(body) {
  for (let d = 0; d < 10; d += 1) {
    const number = body + d;
    let sum = 0;
    for (let i = 0; i < number.length; i += 1) {
      let n = Number(number[number.length - 1 - i]);
      if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      sum += n;
    }
    if (sum % 10 === 0) return number;
  }
  return body;
}

const brandIds = Object.values(referenceType.types);
const allPatterns = brandIds.flatMap((id) => referenceType.getTypeInfo(id).patterns.map((p) => [id, p]));
const lengths = [...new Set(brandIds.flatMap((id) => referenceType.getTypeInfo(id).lengths))];

/** Range boundaries and prefixes of every pattern, as typed and padded to full lengths. */
function boundaryProbes() {
  const probes = new Set();
  for (const [, pattern] of allPatterns) {
    const stems = Array.isArray(pattern)
      ? [pattern[0] - 1, pattern[0], pattern[1], pattern[1] + 1].map(String)
      : [String(pattern)];
    for (const stem of stems) {
      probes.add(stem);
      for (const length of lengths) {
        for (const size of [length - 1, length, length + 1]) {
          if (size <= stem.length) continue;
          probes.add(stem.padEnd(size, '0'));
          probes.add(luhnComplete(stem.padEnd(size - 1, '0')));
        }
      }
    }
  }
  return [...probes];
}

/** Random full numbers from every pattern, with good and bad check digits. */
function randomNumbers(count) {
  const numbers = [];
  for (let i = 0; i < count; i += 1) {
    const [id, pattern] = pick(allPatterns);
    let stem = String(Array.isArray(pattern) ? pattern[0] : pattern);
    const size = pick(referenceType.getTypeInfo(id).lengths.concat([12, 13, 20]));
    while (stem.length < size - 1) stem += digit();
    const good = luhnComplete(stem);
    numbers.push(good, good.slice(0, -1) + ((Number(good.at(-1)) + 1 + Math.floor(random() * 9)) % 10));
  }
  return numbers;
}

/** The same number as people type it. */
function typed(number) {
  const groups = number.match(/.{1,4}/g) ?? [''];
  return [groups.join(' '), groups.join('-'), ` ${number} `, groups.join(' - '), `${number}\t`,
    number.replace(/^(\d)/, '$1 '), `${number.slice(0, 6)}a${number.slice(6)}`];
}

test('credit-card-type detection and card-validator number(): prefixes up to 4 digits', (t) => {
  const differ = new Differ();
  const inputs = [''];
  for (let size = 1; size <= 4; size += 1) {
    for (let n = 0; n < 10 ** size; n += 1) inputs.push(String(n).padStart(size, '0'));
  }
  for (const input of inputs) {
    differ.same(`creditCardType(${input})`, (side) => side.creditCardType.default(input));
    differ.same(`number(${input})`, (side) => side.number(input));
  }
  differ.check(t);
});

test('number(): range boundaries, random numbers, spaces and dashes, options', (t) => {
  const differ = new Differ();
  const numbers = [...boundaryProbes(), ...randomNumbers(1500)];
  for (const number of numbers) {
    differ.same(`creditCardType(${number})`, (side) => side.creditCardType.default(number));
    differ.same(`number(${number})`, (side) => side.number(number));
  }
  const options = [{ maxLength: 16 }, { maxLength: 15 }, { maxLength: 19 }, { maxLength: 0 },
    { luhnValidateUnionPay: true }, { skipLuhnValidation: true },
    { luhnValidateUnionPay: 'yes' }, { maxLength: 17, skipLuhnValidation: true }];
  for (const number of numbers.filter((_, i) => i % 3 === 0)) {
    for (const form of typed(number)) differ.same(`number(${JSON.stringify(form)})`, (side) => side.number(form));
    const option = pick(options);
    differ.same(`number(${number}, ${JSON.stringify(option)})`, (side) => side.number(number, option));
  }
  const odd = [4111111111111111, 378282246310005, 0, -1, 4.5, NaN, Infinity, null, undefined, true,
    {}, [], ['4111'], '4111\u00a01111', '4111\u20091111', '\ufeff4111', '４１１１', '4111.1111', '+4111'];
  for (const value of odd) {
    differ.same(`number(${inspect(value)})`, (side) => side.number(value));
    differ.same(`creditCardType(${inspect(value)})`, (side) => side.creditCardType.default(value));
  }
  differ.check(t);
});

// Clocks around the year and century edges; each at noon local time.
const CLOCKS = [[2026, 0, 15], [2026, 5, 15], [2026, 11, 15], [2019, 9, 1], [2020, 0, 1],
  [2021, 5, 9], [2030, 1, 28], [2099, 11, 31], [2000, 5, 15], [1999, 11, 15]];

/** Every expiry format for a month/year pair, with every prefix (as typed). */
function expiryStrings(month, year) {
  const mm = String(month).padStart(2, '0');
  const m = String(month);
  const yyyy = String(year).padStart(4, '0');
  const yy = yyyy.slice(2);
  const full = [`${m}/${yy}`, `${mm}/${yy}`, `${mm} / ${yy}`, `${mm}/${yyyy}`, `${mm} / ${yyyy}`,
    `${m} / ${yyyy}`, `${mm}${yy}`, `${mm}${yyyy}`, `${m}${yy}`, `${m}${yyyy}`, `${mm} ${yy}`,
    `${mm} ${yyyy}`, `${yyyy}-${mm}`, `${yyyy}-${m}`, `${mm}  ${yy}`, ` ${mm}/${yy}`, `${mm}/${yy} `];
  const out = new Set();
  for (const text of full) for (let i = 0; i <= text.length; i += 1) out.add(text.slice(0, i));
  return out;
}

test('expirationDate, expirationMonth, expirationYear: every format across frozen clocks', (t) => {
  const differ = new Differ();
  mock.timers.enable({ apis: ['Date'], now: 0 });
  try {
    for (const [year, month, day] of CLOCKS) {
      mock.timers.setTime(new Date(year, month, day, 12).getTime());
      const at = `@${year}-${month + 1}`;
      const inputs = new Set();
      for (const m of [0, 1, 2, 9, 10, 11, 12, 13, month, month + 1, month + 2]) {
        for (const dy of [-2, -1, 0, 1, 2, 10, 18, 19, 20, 21, 81]) {
          for (const s of expiryStrings(m, year + dy)) inputs.add(s);
        }
      }
      for (const s of ['', ' ', '/', '12/', '/25', '1/2/3', '12//25', '12-25', 'ab/cd', '1 2 3',
        '12 / 2 5', '0', '00', '000', '0000', '12/2025/1', '\u00a012/25', '12\u00a0/\u00a025']) inputs.add(s);
      for (const input of inputs) {
        differ.same(`expirationDate(${JSON.stringify(input)})${at}`, (side) => side.expirationDate(input));
      }
      for (const input of [...inputs].filter((_, i) => i % 7 === 0)) {
        differ.same(`expirationDate(${JSON.stringify(input)}, 5)${at}`, (side) => side.expirationDate(input, 5));
        differ.same(`expirationDate(${JSON.stringify(input)}, 30)${at}`, (side) => side.expirationDate(input, 30));
      }
      const parts = ['', '1', '01', '12', '13', String(month + 1), String(year), String(year).slice(2),
        String(year + 1), String(year + 20), String(year - 1), 'ab', ' '];
      for (const a of parts) {
        differ.same(`expirationMonth(${JSON.stringify(a)})${at}`, (side) => side.expirationMonth(a));
        differ.same(`expirationYear(${JSON.stringify(a)})${at}`, (side) => side.expirationYear(a));
        differ.same(`expirationYear(${JSON.stringify(a)}, 5)${at}`, (side) => side.expirationYear(a, 5));
        for (const b of parts) {
          differ.same(`expirationDate({${a}, ${b}})${at}`, (side) => side.expirationDate({ month: a, year: b }));
        }
      }
      for (const n of [0, 1, 6, 12, 13, 99, 100, 999, 2000, 2026, 2045, 10000]) {
        const text = String(n);
        differ.same(`expirationMonth(${text})${at}`, (side) => side.expirationMonth(text));
        differ.same(`expirationYear(${text})${at}`, (side) => side.expirationYear(text));
        differ.same(`expirationDate({${n % 13}, ${n}})${at}`, (side) => side.expirationDate({ month: n % 13, year: n }));
      }
      for (const value of [null, undefined, 1225, true, [], ['12', '25'], new String('12/25')]) {
        differ.same(`expirationDate(${inspect(value)})${at}`, (side) => side.expirationDate(value));
        differ.same(`expirationMonth(${inspect(value)})${at}`, (side) => side.expirationMonth(value));
        differ.same(`expirationYear(${inspect(value)})${at}`, (side) => side.expirationYear(value));
      }
    }
  } finally {
    mock.timers.reset();
  }
  differ.check(t);
});

// cvv's maxLength: whole numbers, and items card-validator compares as they are (coercing them,
// and comparing two strings as text).
const maxLengths = [3, 4, [3, 4], [4], [], [0], [2, 5], null, 0, 5, [4, 3], [5, 2, 4], [2 ** 32],
  '4', '3', '', 'abc', ['4'], ['3', '4'], ['4', 3], ['10', '4'], ['4', '10'], ['2', '5'], [' 4 '],
  3.5, 2.5, 0.5, [3.5], [2.5, 4.5], [1.5, 3], Infinity, -Infinity, NaN, [Infinity], [-Infinity],
  [NaN], [3, NaN], [Infinity, 3], true, false, [true], [true, 4], [null], [null, 4], undefined,
  [undefined], [3, undefined], [3, , 5], [, 4], [, ], [, , ], [[4]], [[3, 4]], [[]], [[4], 3],
  [[[5]]], -1, [-1], [-1, 4], [-Infinity, 3], 2 ** 32, [2 ** 32, 3], 2 ** 53, [2 ** 31],
  [2 ** 32 - 1], [2 ** 32 + 1], {}, [{}], { valueOf: () => 4 }, [{ valueOf: () => 4 }, 3],
  [{ toString: () => '5' }], new Number(4), [new Number(4)], new String('4'), [new String('4')],
  ['0x10', '1'], ['4', '4e-1'], ['9', '9e-9'], [' 5', '-1'], ['4', '5x'], [[4], ['4e-1']],
  ['4', '4.5e-1', 3], ['5', '5e-0'], '0x4', ['0b11'], ['1e1'], [-0], [0, -0],
  // Items that cannot be coerced: card-validator throws only when it reads the bounds.
  Symbol('x'), [Symbol('x')], [3, Symbol('x')], 3n, [3n], [4, 5n],
  [{ valueOf() { throw new Error('no number'); } }], [3, { valueOf() { throw new Error('no'); } }]];

test('cvv, postalCode, cardholderName', (t) => {
  const differ = new Differ();
  const strings = ['', ' ', '1', '12', '123', '1234', '12345', '123456', '0', '012', '12a', 'abc',
    ' 123', '123 ', '-12', 'A1', 'SW1A 1AA', '10115', ' 10115', '  1', 'a', 'Jane Doe', '4111 1111',
    '4111-1111', '\t', 'x'.repeat(255), 'x'.repeat(256), '😀'.repeat(128), '😀'.repeat(127), 'Zoë',
    '\u00a0\u00a0', '1\u00a0', '12\n', 'ÄB'];
  const others = [null, undefined, 123, true, {}, [], new String('123')];
  for (const value of [...strings, ...others]) {
    const v = inspect(value);
    differ.same(`cvv(${v})`, (side) => side.cvv(value));
    for (const max of maxLengths) {
      differ.same(`cvv(${v}, ${inspect(max)})`, (side) => side.cvv(value, max));
    }
    differ.same(`postalCode(${v})`, (side) => side.postalCode(value));
    for (const minLength of [0, 1, 3, 5, 10]) {
      differ.same(`postalCode(${v}, ${minLength})`, (side) => side.postalCode(value, { minLength }));
    }
    differ.same(`postalCode(${v}, null)`, (side) => side.postalCode(value, null));
    differ.same(`cardholderName(${v})`, (side) => side.cardholderName(value));
  }
  differ.check(t);
});

test('creditCardType registry changes: add, update, remove, reorder, reset', (t) => {
  const differ = new Differ();
  const probes = ['', '1', '12', '1234', '4', '41', '411111', '5', '55', '2', '22', '2221', '6',
    '60', '6011', '62', '9', '99', '990', '9900', '34', '37', '4111111111111111', '5555555555554444',
    '1234567890123456', '9900000000000001'];
  const observe = (label) => {
    for (const probe of probes) {
      differ.same(`${label}: creditCardType(${probe})`, (side) => side.creditCardType.default(probe));
      differ.same(`${label}: number(${probe})`, (side) => side.number(probe));
    }
    for (const id of [...brandIds, 'campus', 'nope']) {
      differ.same(`${label}: getTypeInfo(${id})`, (side) => side.creditCardType.getTypeInfo(id));
    }
  };
  const campus = () => ({ niceType: 'Campus', type: 'campus', patterns: [1234, [9900, 9909]],
    gaps: [4, 8, 12], lengths: [16], code: { name: 'CVV', size: 3 } });
  const steps = [
    ['add campus', (cct) => cct.addCard(campus())],
    ['add campus again', (cct) => cct.addCard({ ...campus(), lengths: [16, 19] })],
    ['a niceType with a comma', (cct) => cct.addCard({ ...campus(), niceType: 'Campus, Inc ~ Co' })],
    ['replace visa', (cct) => cct.addCard({ ...cct.getTypeInfo('visa'), lengths: [13, 16] })],
    ['update mastercard', (cct) => cct.updateCard('mastercard', { patterns: [55, 99], niceType: 'MC' })],
    ['update with a new type', (cct) => cct.updateCard('mastercard', { type: 'visa' })],
    ['update unknown', (cct) => cct.updateCard('nope', { lengths: [12] })],
    ['update campus', (cct) => cct.updateCard('campus', { code: { name: 'CID', size: 4 } })],
    ['remove visa', (cct) => cct.removeCard('visa')],
    ['remove visa again', (cct) => cct.removeCard('visa')],
    ['update removed visa', (cct) => cct.updateCard('visa', { lengths: [16] })],
    ['remove unknown', (cct) => cct.removeCard('nope')],
    ['order campus first', (cct) => cct.changeOrder('campus', 0)],
    ['order jcb -1', (cct) => cct.changeOrder('jcb', -1)],
    ['order maestro 100', (cct) => cct.changeOrder('maestro', 100)],
    ['order unknown', (cct) => cct.changeOrder('nope', 1)],
    ['add visa back', (cct) => cct.addCard(cct.getTypeInfo('visa'))],
    ['reset', (cct) => cct.resetModifications()],
  ];
  const sides = new Map([[reference, reference.creditCardType], [compat, creditCardType]]);
  try {
    for (const [label, step] of steps) {
      differ.same(label, (side) => step(sides.get(side)));
      observe(label);
    }
  } finally {
    referenceType.resetModifications();
    creditCardType.resetModifications();
  }
  assert.equal(reference.creditCardType.addCard, referenceType.addCard, 'one credit-card-type');
  differ.check(t);
});
