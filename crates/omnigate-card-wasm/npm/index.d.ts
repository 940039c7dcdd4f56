// Types of the `omnigate-card` package (hand-written, like all of its JavaScript).

/** A card brand as the package describes it. The objects are frozen and shared. */
export interface BrandInfo {
  /** Stable id, as credit-card-type spells it: `"visa"`, `"american-express"`, `"uatp"`... */
  readonly id: string;
  /** Name to show people: `"Visa"`, `"American Express"`... */
  readonly name: string;
  /** The OPP `paymentBrand` code: `"VISA"`, `"MASTER"`, `"AMEX"`... */
  readonly gatewayBrand: string;
  /** Allowed number lengths. */
  readonly lengths: readonly number[];
  /** Digit indexes before which a formatted number has a space (`[4, 10]` is 4-6-5). */
  readonly gaps: readonly number[];
  /** The security code's name (`"CVV"`, `"CID"`...) and digit count; size 0 means none (UATP). */
  readonly code: { readonly name: string; readonly size: number };
  /** Whether numbers carry a Luhn check digit (UnionPay's need not). */
  readonly luhn: boolean;
}

/** Outcome of checking one field while it is typed. */
export interface Validity {
  /** Complete and valid. */
  isValid: boolean;
  /** Valid, or a prefix of something valid: keep typing. False means the field is wrong. */
  isPotentiallyValid: boolean;
}

export interface NumberOptions {
  /** Numbers longer than this are invalid (and it caps the brand's longest length). */
  maxLength?: number;
  /** Check the Luhn digit of UnionPay numbers too (they are exempt by default). */
  luhnValidateUnionPay?: boolean;
  /** Do not check the Luhn digit at all. */
  skipLuhnValidation?: boolean;
}

export interface NumberResult extends Validity {
  /** The brand once exactly one is possible, else `null`. */
  brand: BrandInfo | null;
  /** Ids of every brand the number can still belong to, in priority order. */
  candidates: string[];
}

/**
 * Checks a card number as typed (spaces and dashes are ignored).
 * @example validateNumber('4111 1111 1111 1111').brand?.id // 'visa'
 */
export function validateNumber(value: unknown, options?: NumberOptions): NumberResult;

/** Ids of the brands a number as typed can still belong to (`'4'` → four of them). */
export function detectBrands(value: unknown): string[];

/** The brand with this id, or `null`. */
export function brandInfo(id: string): BrandInfo | null;

/** Every active brand in priority order: credit-card-type's 15 plus Dankort, RuPay and UATP. */
export function brands(): BrandInfo[];

/** A brand to add with {@link addBrand}. */
export interface BrandSpec {
  /** 1–64 characters, unique. */
  id: string;
  /** 1–64 characters; defaults to the id. */
  name?: string;
  /** OPP `paymentBrand` (`A-Z`, `0-9`, `_`); defaults to the id in capitals (`my-card` → `MYCARD`). */
  gatewayBrand?: string;
  /** Prefixes (`'4'` or `4`) and inclusive ranges of equal digit count (`['2221', '2720']`). */
  patterns: Array<string | number | [string | number, string | number]>;
  /** Allowed lengths (default `[16]`). */
  lengths?: number[];
  /** Gap indexes for formatting (default `[4, 8, 12]`). */
  gaps?: number[];
  /** Security code (default `{ name: 'CVV', size: 3 }`). */
  code?: { name?: string; size?: number };
  /** Whether Luhn applies (default true). */
  luhn?: boolean;
}

/** An `Error` thrown by the package, with a stable machine-readable code. */
export interface CardError extends Error {
  code:
    | 'invalid_brand'
    | 'duplicate_brand'
    | 'brand_not_found'
    | 'brand_id_mismatch'
    | (string & {});
}

/**
 * Adds a brand at the lowest priority, or with `{ replace: true }` replaces the brand with the
 * same id in place.
 * @throws {CardError} `invalid_brand`, `duplicate_brand`, or `brand_not_found` (replace).
 */
export function addBrand(spec: BrandSpec, options?: { replace?: boolean }): void;

/**
 * Takes a brand out of detection.
 * @throws {CardError} `brand_not_found`.
 */
export function removeBrand(id: string): void;

/** Undoes every {@link addBrand} and {@link removeBrand}. */
export function resetBrands(): void;

export interface ExpiryOptions {
  /** The current date (default: now). Only its local year and month count. */
  today?: Date;
  /** How many years ahead an expiry may be (default 19). */
  maxElapsedYear?: number;
}

export interface ExpiryResult extends Validity {
  /** 1–12 once the date is complete, else `null`. */
  month: number | null;
  /** The four-digit year once the date is complete, else `null`. */
  year: number | null;
}

/**
 * Checks an expiry as typed: `MM/YY`, `MM / YYYY`, `M/YY`, `MMYY`, `MYY`, `MM YY`, `YYYY-MM`...
 * @example validateExpiry('12/30', { today: new Date(2026, 5, 15) }) // { isValid: true, month: 12, year: 2030, ... }
 */
export function validateExpiry(value: unknown, options?: ExpiryOptions): ExpiryResult;

/**
 * Checks a security code as typed: sized for `brand` (a brand id), or `maxLength` (a length or
 * the allowed lengths); 3 or 4 digits when neither is given.
 */
export function validateCvc(
  value: unknown,
  options?: { brand?: string; maxLength?: number | number[] },
): Validity;

/** Checks a cardholder name as typed (up to 255 characters, not just digits). */
export function validateHolder(value: unknown): Validity;

/** Checks a postal code as typed: the first `minLength` (default 2) characters are letters or digits. */
export function validatePostalCode(value: unknown, options?: { minLength?: number }): Validity;

/** Formats a number with its brand's gaps: `'378282246310005'` → `'3782 822463 10005'`. */
export function formatNumber(value: unknown): string;

/** Formats an expiry while it is typed: `'4'` → `'04 / '`, `'1228'` → `'12 / 28'`. */
export function formatExpiry(value: unknown): string;

/** A formatted value and where the caret goes in it. */
export interface Formatted {
  value: string;
  caret: number;
}

/**
 * {@link formatNumber}, and where a caret at `caret` in `value` belongs in the result, so an
 * input can be reformatted on every keystroke without the caret jumping.
 * @example
 * const { value, caret } = formatNumberWithCaret(input.value, input.selectionStart);
 * input.value = value; input.setSelectionRange(caret, caret);
 */
export function formatNumberWithCaret(value: unknown, caret: number): Formatted;

/** {@link formatExpiry} with the caret, like {@link formatNumberWithCaret}. */
export function formatExpiryWithCaret(value: unknown, caret: number): Formatted;

/** Luhn checksum of a string of digits (no spaces). */
export function luhn(digits: unknown): boolean;

export interface CardInput {
  number?: string;
  expiry?: string;
  cvc?: string;
  /** Checked only when present. */
  holder?: string;
}

export type CardField = 'number' | 'expiry' | 'cvc' | 'holder';

export interface FieldError {
  field: CardField;
  /** Stable code: `empty`, `too_short`, `invalid_luhn`, `expired`, `brand_mismatch`... */
  code: string;
  /** Text for people; never contains the card number or the CVC. */
  message: string;
}

export interface CardResult {
  isValid: boolean;
  brand: BrandInfo | null;
  errors: FieldError[];
}

/**
 * Checks a whole card before submit. The CVC is not checked for brands without one (UATP).
 * @example
 * const { isValid, errors } = validateCard({ number, expiry, cvc });
 */
export function validateCard(card: CardInput, options?: NumberOptions & ExpiryOptions): CardResult;

/**
 * Browsers and bundlers: loads the wasm module (by default `web/omnigate_card_bg.wasm` next to
 * the loader); call it once before anything else: until it has resolved, every other export
 * throws an `Error` with `.code === 'not_initialized'`. Later calls do nothing. Under Node the
 * package is ready on import and this is not needed.
 */
export default function init(
  moduleOrPath?: { module_or_path: RequestInfo | URL | Response | BufferSource | WebAssembly.Module },
): Promise<void>;
