// The demo checkout: wires the shop, the card form and the saved cards to the Worker's API, and
// reports every payment's outcome in the status region in words, never as JSON.
import init from 'omnigate-card';
import * as api from './api.js';
import { cardForm } from './card-form.js';
import { money, shop } from './shop.js';
import { transactionsPanel } from './transactions.js';
import { describe, savedCards } from './wallet.js';

await init();

const outcome = document.getElementById('outcome');
const payButton = document.getElementById('pay');
const payHint = document.getElementById('pay-hint');
const formElement = document.getElementById('card-form');
let busy = false;
let cardValid = false;
let checkout = null; // { id, amount, currency, signature } while the basket is unchanged

function say(kind, title, detail = '') {
  outcome.className = `outcome ${kind}`;
  outcome.replaceChildren();
  if (!title) return;
  const strong = document.createElement('strong');
  strong.textContent = title;
  outcome.append(strong);
  if (detail) outcome.append(document.createElement('br'), detail);
}

const basket = shop({ onChange: () => { update(); wallet.refresh(); } });
const form = cardForm(formElement, { onChange: (valid) => { cardValid = valid; update(); } });
const wallet = savedCards({
  canPay: () => !busy && basket.items().length > 0,
  onPay: (card) => payWith({ token: card.token }, `your ${describe(card)}`),
  onError: (message) => say('error', 'Something went wrong.', message),
  onRemoved: () => ledger.refresh(),
});
const ledger = transactionsPanel(document.getElementById('transactions'));

function update() {
  const hasItems = basket.items().length > 0;
  payButton.disabled = busy || !cardValid || !hasItems;
  payHint.textContent = busy ? ''
    : !hasItems ? 'Add something to your basket first.'
      : !cardValid ? 'Fill in the card details to pay.' : `You will pay ${money(basket.total().amount, basket.total().currency)}.`;
}

const sentence = (text) => {
  const trimmed = String(text ?? '').trim();
  if (!trimmed) return '';
  const capital = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

async function ensureCheckout() {
  const items = basket.items();
  const signature = JSON.stringify(items);
  if (checkout?.signature !== signature) {
    const created = await api.createCheckout(items);
    checkout = { ...created, signature };
  }
  return checkout;
}

function explain(error) {
  if (['checkout_not_open', 'checkout_expired', 'checkout_not_found'].includes(error.code)) {
    checkout = null;
    return 'This checkout is no longer open. Check your saved cards and basket, then try again.';
  }
  if (error.status === 502) return 'The payment gateway had a problem. Nothing was charged; please try again.';
  if (error.status === 504) return 'The payment gateway did not answer in time. Please wait a moment before trying again.';
  if (error.status === 429) {
    const minutes = Math.ceil((error.retryAfter ?? 60) / 60);
    return `Too many declined attempts. Please try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`;
  }
  return sentence(error.message);
}

async function payWith(body, what) {
  if (busy || basket.items().length === 0) return;
  busy = true;
  update();
  form.setBusy(true);
  wallet.setBusy(true);
  formElement.setAttribute('aria-busy', 'true');
  payButton.textContent = 'Paying…';
  const total = basket.total();
  say('progress', `Paying ${money(total.amount, total.currency)} with ${what}…`);
  try {
    const paying = await ensureCheckout();
    const answer = await api.pay(paying.id, body);
    const amount = money(paying.amount, paying.currency);
    if (answer.status === 'succeeded' || answer.status === 'pending') {
      checkout = null;
      const saved = answer.savedCard ? ` ${describe(answer.savedCard)} is saved for next time.`
        : body.saveCard ? ' The card could not be saved.' : '';
      if (answer.status === 'succeeded') say('approved', 'Payment approved.', `${amount} paid. Thank you!${saved}`);
      else say('pending', 'Payment pending.', `The bank is still confirming ${amount}.${saved}`);
      basket.clear();
      if (body.card) form.reset();
      if (api.signedIn()) await wallet.load();
    } else {
      const reason = sentence(answer.resultDescription) || 'The bank declined the payment.';
      say('declined', 'Payment declined.', `${reason} Nothing was charged; try another card.`);
    }
  } catch (error) {
    if (error instanceof api.ApiFailure) {
      if (error.field && form.refuse(error.field, sentence(error.message))) {
        say('error', 'Please check the card details.', sentence(error.message));
      } else {
        say('error', 'The payment could not be made.', explain(error));
      }
    } else {
      say('error', 'The payment could not be made.', 'Something unexpected happened. Please try again.');
      console.warn(error);
    }
  } finally {
    busy = false;
    payButton.textContent = 'Pay';
    formElement.removeAttribute('aria-busy');
    form.setBusy(false);
    wallet.setBusy(false);
    update();
    outcome.focus();
    ledger.refresh();
  }
}

formElement.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!form.isValid()) return;
  const saveCard = form.saveCard();
  payWith({ card: form.card(), ...(saveCard ? { saveCard: true } : {}) }, 'your card');
});

// Start: the catalog, the demo shopper and their saved cards, the gateway status.
const shopperId = new URLSearchParams(location.search).get('shopper') || 'demo';
const shopperView = document.getElementById('shopper');
const saveBox = document.getElementById('card-save');
const [products, signIn] = await Promise.allSettled([api.catalog(), api.signIn(shopperId)]);
if (products.status === 'fulfilled') basket.show(products.value);
else say('error', 'The products could not be loaded.', sentence(products.reason.message));
if (signIn.status === 'fulfilled') {
  shopperView.textContent = `Signed in as demo shopper “${shopperId}”`;
  await wallet.load();
} else {
  shopperView.textContent = 'Paying as a guest (sign-in is only available in dev mode).';
  saveBox.disabled = true;
  saveBox.dataset.unavailable = 'true';
}
update();
api.health().then((status) => {
  document.getElementById('gateway').textContent = `Gateway: ${status.gateway ?? 'unknown'}`;
});
await ledger.refresh();
document.body.dataset.ready = 'true';
