// Types of `omnigate-card/compat`: the API of card-validator 10.0.4 and credit-card-type 10.3.0.

export type CardPattern = number | [number, number];

/** credit-card-type's card object. */
export interface CreditCardType {
  niceType: string;
  type: string;
  patterns: CardPattern[];
  gaps: number[];
  lengths: number[];
  code: { name: string; size: number };
  /** Digits of the pattern that matched, once the number is at least that long. */
  matchStrength?: number;
}

export interface CreditCardTypeFunction {
  /** The brands a number (digits only) can belong to; `''` gives all of them. */
  (cardNumber: string): CreditCardType[];
  /** Same function, as card-validator's namespace object exposes it. */
  default: CreditCardTypeFunction;
  getTypeInfo(type: string): CreditCardType | null;
  /** Takes a type out of detection; throws `"x" is not a supported card type.` */
  removeCard(name: string): void;
  /** Adds a card type at the end, or replaces the one with the same `type` in place. */
  addCard(config: CreditCardType): void;
  /** Merges `updates` into a type (built-in or added). */
  updateCard(cardType: string, updates: Partial<CreditCardType>): void;
  /** Moves a type to `position` in the detection order. */
  changeOrder(name: string, position: number): void;
  /** Undoes every change. */
  resetModifications(): void;
  readonly types: Readonly<Record<
    | 'VISA' | 'MASTERCARD' | 'AMERICAN_EXPRESS' | 'DINERS_CLUB' | 'DISCOVER' | 'TROY' | 'JCB'
    | 'UNIONPAY' | 'NARANJA' | 'VERVE' | 'MAESTRO' | 'ELO' | 'MIR' | 'HIPER' | 'HIPERCARD',
    string
  >>;
}

export interface Verification {
  isValid: boolean;
  isPotentiallyValid: boolean;
}

export interface CardNumberVerification extends Verification {
  card: CreditCardType | null;
}

export interface ExpirationDateVerification extends Verification {
  month: string | null;
  year: string | null;
}

export interface ExpirationMonthVerification extends Verification {
  isValidForThisYear: boolean;
}

export interface ExpirationYearVerification extends Verification {
  isCurrentYear: boolean;
}

export declare const creditCardType: CreditCardTypeFunction;
export function number(
  value: string | number,
  options?: { maxLength?: number; luhnValidateUnionPay?: boolean; skipLuhnValidation?: boolean },
): CardNumberVerification;
export function expirationDate(
  value: string | { month: string | number; year: string | number },
  maxElapsedYear?: number,
): ExpirationDateVerification;
export function expirationMonth(value: string): ExpirationMonthVerification;
export function expirationYear(value: string, maxElapsedYear?: number): ExpirationYearVerification;
export function cvv(value: string, maxLength?: number | number[]): Verification;
export function postalCode(value: string, options?: { minLength?: number }): Verification;
export function cardholderName(value: string): Verification;

declare const cardValidator: {
  creditCardType: CreditCardTypeFunction;
  cardholderName: typeof cardholderName;
  number: typeof number;
  expirationDate: typeof expirationDate;
  expirationMonth: typeof expirationMonth;
  expirationYear: typeof expirationYear;
  cvv: typeof cvv;
  postalCode: typeof postalCode;
};
export default cardValidator;
