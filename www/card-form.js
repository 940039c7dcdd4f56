// The card form: formats the number and expiry as they are typed (caret kept in place by the
// package's caret helpers), shows the detected brand, sizes the security code for it, marks a
// field that can no longer become valid, and tells the page when `validateCard` says "valid".
import {
  formatExpiryWithCaret, formatNumberWithCaret, validateCard, validateCvc,
  validateExpiry, validateHolder, validateNumber,
} from 'omnigate-card';
import { markOf } from './brands.js';

const MESSAGES = {
  number: {
    empty: 'Enter the card number.',
    too_short: 'The card number is incomplete.',
    too_long: 'The card number is too long.',
    invalid_luhn: 'This card number is not valid. Check it for a typo.',
    unknown_brand: 'This card number is not valid: no card brand starts like this.',
    invalid_characters: 'Use digits only.',
  },
  expiry: {
    empty: 'Enter the expiry date.',
    too_short: 'Enter the expiry date as MM / YY.',
    invalid_month: 'The month must be between 01 and 12.',
    invalid_year: 'This year is not valid.',
    expired: 'This card has expired.',
    too_far_in_future: 'This expiry date is too far in the future.',
  },
  cvc: {
    empty: 'Enter the security code.',
    too_short: 'The security code is too short.',
    too_long: 'The security code is too long.',
    brand_mismatch: 'The security code does not have the right number of digits for this card.',
    invalid_characters: 'Use digits only.',
  },
  holder: {
    empty: 'Enter the name on the card.',
    invalid_holder: 'Enter the name as it is printed on the card.',
  },
};
const FALLBACK = { number: 'This card number is not valid.', expiry: 'This expiry date is not valid.', cvc: 'This security code is not valid.', holder: 'This name is not valid.' };
const SEPARATOR = /[^0-9]/;
const digitsOf = (text) => text.replace(/\D/g, '');

export function cardForm(form, { onChange }) {
  const input = {
    number: form.querySelector('#card-number'),
    expiry: form.querySelector('#card-expiry'),
    cvc: form.querySelector('#card-cvc'),
    holder: form.querySelector('#card-holder'),
  };
  const save = form.querySelector('#card-save');
  const brandView = form.querySelector('#card-brand');
  const cvcHint = form.querySelector('#card-cvc-hint');
  const touched = new Set();
  const serverErrors = {};

  const current = () => ({
    number: input.number.value, expiry: input.expiry.value, cvc: input.cvc.value, holder: input.holder.value,
  });
  const brand = () => validateNumber(input.number.value).brand;

  // Whether each field can still become valid, as the package judges it while typing.
  function potentiallyValid(field) {
    const value = input[field].value;
    switch (field) {
      case 'number': return validateNumber(value).isPotentiallyValid;
      case 'expiry': return validateExpiry(value).isPotentiallyValid;
      case 'cvc': {
        const id = brand()?.id;
        return (id ? validateCvc(value, { brand: id }) : validateCvc(value)).isPotentiallyValid;
      }
      default: return validateHolder(value).isPotentiallyValid;
    }
  }

  function render() {
    const result = validateCard(current());
    for (const field of Object.keys(input)) {
      const element = input[field];
      const error = result.errors.find((e) => e.field === field);
      const blurredIncomplete = touched.has(field) && element.value !== '' && error;
      let message = serverErrors[field] ?? null;
      if (!message && (!potentiallyValid(field) || blurredIncomplete)) {
        message = (error && MESSAGES[field][error.code]) ?? FALLBACK[field];
      }
      const errorView = form.querySelector(`#${element.id}-error`);
      errorView.textContent = message ?? '';
      errorView.hidden = !message;
      const described = [element.dataset.hint, message ? errorView.id : null].filter(Boolean);
      if (described.length) element.setAttribute('aria-describedby', described.join(' '));
      else element.removeAttribute('aria-describedby');
      if (message) element.setAttribute('aria-invalid', 'true');
      else element.removeAttribute('aria-invalid');
    }
    onChange(result.isValid);
  }

  function showBrand() {
    const info = brand();
    if (info) input.number.dataset.brand = info.id;
    else delete input.number.dataset.brand;
    brandView.innerHTML = info ? `${markOf(info.id)}<span>${info.name}</span>` : '';
    brandView.hidden = !info;
    const size = info ? info.code.size : 4;
    input.cvc.maxLength = Math.max(size, 3);
    input.cvc.disabled = info?.code.size === 0;
    cvcHint.textContent = info
      ? (info.code.size === 0 ? 'This card has no security code.'
        : `${info.code.size} digits (${info.code.name}), ${info.id === 'american-express' ? 'on the front' : 'on the back'} of the card.`)
      : '3 or 4 digits, on the card.';
  }

  // Formats `element` with `format` (a package caret helper), keeping the caret where it was
  // relative to the digits. `cap` limits how many digits the field keeps.
  function reformat(element, format, cap) {
    let { value } = element;
    let caret = element.selectionStart ?? value.length;
    if (cap) {
      let seen = 0;
      for (let i = 0; i < value.length; i += 1) {
        if (/\d/.test(value[i]) && ++seen > cap) { value = value.slice(0, i); break; }
      }
      caret = Math.min(caret, value.length);
    }
    const formatted = format(value, caret);
    element.value = formatted.value;
    if (document.activeElement === element) element.setSelectionRange(formatted.caret, formatted.caret);
  }

  const numberCap = () => {
    const digits = digitsOf(input.number.value);
    const { brand: found } = validateNumber(digits);
    return found ? Math.max(...found.lengths) : 19;
  };

  function changed(field) {
    delete serverErrors[field];
    touched.delete(field); // judged again as typed, and once more when left
    if (field === 'number') {
      reformat(input.number, formatNumberWithCaret, numberCap());
      showBrand();
    } else if (field === 'expiry') {
      reformat(input.expiry, formatExpiryWithCaret, 6);
    } else if (field === 'cvc') {
      const caret = input.cvc.selectionStart;
      const clean = digitsOf(input.cvc.value);
      if (clean !== input.cvc.value) {
        input.cvc.value = clean;
        input.cvc.setSelectionRange(Math.min(caret, clean.length), Math.min(caret, clean.length));
      }
    }
    render();
  }

  // Deleting next to a separator deletes the nearest digit instead, so Backspace never gets stuck
  // on a space or a slash that formatting would put straight back.
  function skipSeparators(event) {
    const element = event.target;
    const { selectionStart: start, selectionEnd: end, value } = element;
    if (start !== end) return;
    // Only when the browser's own deletion would be undone by formatting.
    const format = element === input.number ? formatNumberWithCaret : formatExpiryWithCaret;
    const backward = event.inputType === 'deleteContentBackward';
    const plain = backward ? value.slice(0, start - 1) + value.slice(start) : value.slice(0, start) + value.slice(start + 1);
    if (format(plain, 0).value !== value) return;
    let at = -1;
    if (event.inputType === 'deleteContentBackward' && start > 0 && SEPARATOR.test(value[start - 1])) {
      for (let i = start - 1; i >= 0; i -= 1) if (/\d/.test(value[i])) { at = i; break; }
    } else if (event.inputType === 'deleteContentForward' && SEPARATOR.test(value[start] ?? '')) {
      for (let i = start; i < value.length; i += 1) if (/\d/.test(value[i])) { at = i; break; }
    } else {
      return;
    }
    event.preventDefault();
    if (at < 0) return;
    element.value = value.slice(0, at) + value.slice(at + 1);
    const caret = event.inputType === 'deleteContentBackward' ? at : start;
    element.setSelectionRange(caret, caret);
    changed(element === input.number ? 'number' : 'expiry');
  }

  for (const [field, element] of Object.entries(input)) {
    element.dataset.hint = element.getAttribute('aria-describedby') ?? '';
    element.addEventListener('input', () => changed(field));
    element.addEventListener('blur', () => {
      if (element.value !== '') touched.add(field);
      render();
    });
  }
  input.number.addEventListener('beforeinput', skipSeparators);
  input.expiry.addEventListener('beforeinput', skipSeparators);
  showBrand();
  render();

  return {
    /** The card as the Worker takes it. */
    card() {
      const expiry = validateExpiry(input.expiry.value);
      return {
        number: digitsOf(input.number.value),
        holder: input.holder.value.trim(),
        expiryMonth: String(expiry.month).padStart(2, '0'),
        expiryYear: String(expiry.year),
        ...(input.cvc.value ? { cvv: input.cvc.value } : {}),
      };
    },
    saveCard: () => save.checked && !save.disabled,
    isValid: () => validateCard(current()).isValid,
    setBusy(busy) {
      for (const element of [...Object.values(input), save]) element.readOnly = busy;
      save.disabled = busy || save.dataset.unavailable === 'true';
    },
    /** Marks a field the Worker refused (`card.number`, `card.cvv`...). Returns whether it did. */
    refuse(apiField, message) {
      const field = { 'card.number': 'number', 'card.expiryMonth': 'expiry', 'card.expiryYear': 'expiry', 'card.cvv': 'cvc', 'card.holder': 'holder' }[apiField];
      if (!field) return false;
      serverErrors[field] = message;
      render();
      return true;
    },
    reset() {
      for (const element of Object.values(input)) element.value = '';
      save.checked = false;
      touched.clear();
      for (const key of Object.keys(serverErrors)) delete serverErrors[key];
      showBrand();
      render();
    },
  };
}
