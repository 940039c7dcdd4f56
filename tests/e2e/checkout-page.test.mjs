// The demo checkout in real Chromium, driven as a user would (labels and roles): shop, pay with a
// new card and save it, pay again in one click, remove it; declines, invalid input, the caret,
// Amex, a 375 px screen with the keyboard alone, a saved card that has expired since (its D1 row
// changed with `wrangler d1 execute`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addProduct, api, card, d1, launchBrowser, ledger, merchantCheckout, openCheckout, screenshot,
  shopperToken, uniqueKey,
} from './support.mjs';

let browser;
let mug;
before(async () => {
  browser = await launchBrowser();
  mug = await addProduct(`Demo mug ${Date.now()}`, '12.50');
});
after(() => browser?.close());

const payButton = (page) => page.getByRole('button', { name: 'Pay', exact: true });
const status = (page) => page.getByRole('status');

async function addToBasket(page, product = mug) {
  await page.getByRole('button', { name: `Add ${product.name} to basket` }).click();
}

async function fillCard(page, { number, expiry = '12/30', cvc = '123', holder = 'Jane Jones' }) {
  await page.getByLabel('Card number').pressSequentially(number);
  await page.getByLabel('Expiry date').pressSequentially(expiry);
  await page.getByLabel('Security code').pressSequentially(cvc);
  await page.getByLabel('Name on card').fill(holder);
}

async function outcome(page, text) {
  await status(page).filter({ hasText: text }).waitFor();
  const shown = await status(page).textContent();
  assert.ok(!/[{}"]/.test(shown), `the outcome is words, not JSON: ${shown}`);
  return shown;
}

test('new card saved while paying, then one-click pay, then remove it', async () => {
  const { page, errors } = await openCheckout(browser);
  const saved = page.getByRole('list').filter({ has: page.getByRole('button', { name: 'Pay with this card' }) });
  await page.getByText('No saved cards yet').waitFor();

  await addToBasket(page);
  await fillCard(page, { number: '4200000000000000' });
  await page.getByLabel('Save card for next time').check();
  assert.equal(await payButton(page).isEnabled(), true);
  await payButton(page).click();
  const first = await outcome(page, 'Payment approved');
  assert.match(first, /€12\.50 paid/);
  assert.match(first, /Visa •••• 0000 is saved/);
  await screenshot(page, 'checkout-new-card-approved');

  // The card is in the one-click list, with brand, last 4 and expiry; the form was cleared.
  const card = saved.getByRole('listitem').filter({ hasText: 'Visa •••• 0000' });
  await card.waitFor();
  assert.match(await card.textContent(), /Expires 12\/30/);
  assert.equal(await card.locator('svg').count(), 1);
  assert.equal(await page.getByLabel('Card number').inputValue(), '');

  // One click (after filling the basket again).
  await addToBasket(page);
  await card.getByRole('button', { name: 'Pay with this card' }).click();
  await outcome(page, 'Payment approved');
  await screenshot(page, 'checkout-one-click-approved');

  // Remove asks first; "Keep card" keeps it, "Remove card" removes it.
  await card.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove this card?' });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /Visa •••• 0000/);
  await screenshot(page, 'checkout-remove-confirm');
  await dialog.getByRole('button', { name: 'Keep card' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await card.count(), 1);
  await card.getByRole('button', { name: 'Remove' }).click();
  await dialog.getByRole('button', { name: 'Remove card' }).click();
  await card.waitFor({ state: 'detached' });
  await page.getByText('No saved cards yet').waitFor();
  assert.equal(await page.locator('#saved-cards li').count(), 0);
  await screenshot(page, 'checkout-card-removed');

  // The dev-mode Transactions panel lists what the gateway recorded: the payments and the
  // deletion, the token masked (transactions-panel.test.mjs follows TK, DT and DL step by step).
  const ledger = page.getByRole('region', { name: 'Transactions' });
  await ledger.getByRole('cell', { name: 'DL (token deleted)' }).first().waitFor();
  const calls = await ledger.textContent();
  assert.match(calls, /DB \(payment\)/);
  assert.match(calls, /420000\*+0000/);
  assert.doesNotMatch(calls, /4200000000000000/);
  await screenshot(page, 'checkout-transactions-panel');
  assert.deepEqual(errors, []);
});

test('a declined test card shows the gateway reason', async () => {
  const { page, errors } = await openCheckout(browser);
  await addToBasket(page);
  await fillCard(page, { number: '4200000000000208' });
  await payButton(page).click();
  const shown = await outcome(page, 'Payment declined');
  assert.match(shown, /insufficient funds/i);
  // The one console line a decline causes is Chromium's own note about the API's HTTP 402.
  assert.deepEqual(errors.splice(0), [
    'Failed to load resource: the server responded with a status of 402 (Payment Required)']);
  // The checkout stays payable: another card pays it.
  await page.getByLabel('Card number').fill('');
  await page.getByLabel('Card number').pressSequentially('5454545454545454');
  await payButton(page).click();
  await outcome(page, 'Payment approved');
  await screenshot(page, 'checkout-declined-then-approved');
  assert.deepEqual(errors, []);
});

test('an invalid number is marked with a message and Pay stays disabled', async () => {
  const { page, errors } = await openCheckout(browser);
  await addToBasket(page);
  await fillCard(page, { number: '5454545454545455' });
  const number = page.getByLabel('Card number');
  assert.equal(await number.getAttribute('aria-invalid'), 'true');
  const describedBy = await number.getAttribute('aria-describedby');
  const message = page.locator(`#${describedBy.split(' ').pop()}`);
  assert.match(await message.textContent(), /not valid/);
  assert.equal(await payButton(page).isDisabled(), true);
  await screenshot(page, 'checkout-invalid-number');

  // A Visa number can still grow to 19 digits while typing, so its wrong check digit shows once
  // the field is left; fixing it clears the message and enables Pay.
  await number.fill('');
  await number.pressSequentially('4200000000000001');
  assert.equal(await number.getAttribute('aria-invalid'), null);
  await page.getByLabel('Name on card').focus();
  assert.equal(await number.getAttribute('aria-invalid'), 'true');
  assert.equal(await payButton(page).isDisabled(), true);
  await number.press('End');
  await number.press('Backspace');
  await number.press('0');
  assert.equal(await number.getAttribute('aria-invalid'), null);
  assert.equal(await number.getAttribute('aria-describedby'), null);
  assert.equal(await payButton(page).isEnabled(), true);

  // An incomplete expiry is marked once the field is left.
  await page.getByLabel('Expiry date').fill('');
  await page.getByLabel('Expiry date').pressSequentially('13');
  await page.getByLabel('Name on card').focus();
  assert.equal(await page.getByLabel('Expiry date').getAttribute('aria-invalid'), 'true');
  assert.equal(await payButton(page).isDisabled(), true);
  assert.deepEqual(errors, []);
});

test('the caret stays where the user expects: typing, deleting and pasting in the middle', async () => {
  const { page, errors } = await openCheckout(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const number = page.getByLabel('Card number');
  const state = async (locator = number) => [
    await locator.inputValue(), await locator.evaluate((input) => input.selectionStart)];

  await number.pressSequentially('40001234');
  assert.deepEqual(await state(), ['4000 1234', 9]);
  await number.pressSequentially('56789010');
  assert.deepEqual(await state(), ['4000 1234 5678 9010', 19]);
  assert.equal(await number.getAttribute('data-brand'), 'visa');

  // Backspace in the middle: '4000 12|34…' deletes the 2, the digits flow left, caret stays.
  await number.evaluate((input) => input.setSelectionRange(7, 7));
  await number.press('Backspace');
  assert.deepEqual(await state(), ['4000 1345 6789 010', 6]);
  // Backspace just after a gap deletes the digit before the gap, not the gap.
  await number.evaluate((input) => input.setSelectionRange(5, 5));
  await number.press('Backspace');
  assert.deepEqual(await state(), ['4001 3456 7890 10', 3]);
  // Typing in the middle.
  await number.press('0');
  assert.deepEqual(await state(), ['4000 1345 6789 010', 4]);

  // Paste in the middle: '4000| 5678' + '1234' → '4000 1234| 5678'.
  await number.fill('');
  await number.pressSequentially('40005678');
  await number.evaluate((input) => input.setSelectionRange(4, 4));
  await page.evaluate(() => navigator.clipboard.writeText('1234'));
  await number.press('ControlOrMeta+V');
  assert.deepEqual(await state(), ['4000 1234 5678', 9]);
  // A pasted number with dashes and spaces is normalised.
  await number.fill('');
  await page.evaluate(() => navigator.clipboard.writeText('4200-0000 0000-0000'));
  await number.press('ControlOrMeta+V');
  assert.deepEqual(await state(), ['4200 0000 0000 0000', 19]);

  // The expiry: the slash comes and goes with the digits.
  const expiry = page.getByLabel('Expiry date');
  await expiry.pressSequentially('1230');
  assert.deepEqual(await state(expiry), ['12 / 30', 7]);
  await expiry.press('Backspace');
  assert.deepEqual(await state(expiry), ['12 / 3', 6]);
  await expiry.press('Backspace');
  assert.deepEqual(await state(expiry), ['12 / ', 5]);
  await expiry.press('Backspace');
  assert.deepEqual(await state(expiry), ['12', 2]);
  await expiry.press('Backspace');
  assert.deepEqual(await state(expiry), ['1', 1]);
  await screenshot(page, 'checkout-caret');
  assert.deepEqual(errors, []);
});

test('American Express: 4-6-5 gaps and a 4-digit security code', async () => {
  const { page, errors } = await openCheckout(browser);
  await addToBasket(page);
  const number = page.getByLabel('Card number');
  await number.pressSequentially('3777777777777709');
  assert.equal(await number.inputValue(), '3777 777777 77770', 'the 16th digit is beyond Amex lengths');
  assert.equal(await number.getAttribute('data-brand'), 'american-express');
  await page.getByText('American Express').waitFor();
  const cvc = page.getByLabel('Security code');
  assert.equal(await cvc.getAttribute('maxlength'), '4');
  await cvc.pressSequentially('12345');
  assert.equal(await cvc.inputValue(), '1234');
  await page.getByLabel('Expiry date').pressSequentially('1230');
  await page.getByLabel('Name on card').fill('Jane Jones');
  assert.equal(await payButton(page).isEnabled(), true);
  // Three digits are not enough for Amex.
  await cvc.press('End');
  await cvc.press('Backspace');
  assert.equal(await cvc.inputValue(), '123');
  assert.equal(await payButton(page).isDisabled(), true);
  await cvc.press('4');
  await screenshot(page, 'checkout-amex');
  await payButton(page).click();
  await outcome(page, 'Payment approved');
  // Switching to Visa makes a 4-digit code too long.
  await number.pressSequentially('377777777777770');
  await cvc.pressSequentially('1234');
  assert.equal(await cvc.getAttribute('aria-invalid'), null);
  await number.fill('');
  await number.pressSequentially('4200000000000000');
  assert.equal(await cvc.getAttribute('maxlength'), '3');
  assert.equal(await cvc.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(errors, []);
});

test('readable at 375 px and usable with the keyboard alone', async () => {
  const { page, errors } = await openCheckout(browser, { width: 375, height: 800 });
  const tabTo = async (locator) => {
    for (let i = 0; i < 80; i += 1) {
      if (await locator.evaluate((element) => element === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    assert.fail('not reachable with Tab');
  };
  await tabTo(page.getByRole('button', { name: `Add ${mug.name} to basket` }));
  await page.keyboard.press('Enter');
  await tabTo(page.getByLabel('Card number'));
  await page.keyboard.type('4200000000000000');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1230');
  await page.keyboard.press('Tab');
  await page.keyboard.type('123');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Jane Jones');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  assert.equal(await page.getByLabel('Save card for next time').isChecked(), true);
  await screenshot(page, 'checkout-375px-filled');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `no horizontal scrolling at 375 px (scrollWidth ${width})`);
  await tabTo(payButton(page));
  await page.keyboard.press('Enter');
  await outcome(page, 'Payment approved');
  // The saved card's buttons work from the keyboard too, the dialog included.
  await tabTo(page.getByRole('button', { name: 'Remove' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.getByRole('button', { name: 'Remove' }).evaluate((b) => b === document.activeElement), true);
  await screenshot(page, 'checkout-375px');
  assert.deepEqual(errors, []);
});

test('a saved card that has expired is shown as expired, and neither the page nor the Worker pays with it', async () => {
  // Two cards saved through the real Worker: one while paying, one standalone.
  const shopper = uniqueKey('expired');
  const auth = await shopperToken(shopper);
  const first = await merchantCheckout('6.00');
  const paid = await api('POST', `/v1/checkouts/${first.id}/payments`, {
    auth, key: uniqueKey('expired'), body: { card: card('4200000000000000'), saveCard: true },
  });
  assert.equal(paid.status, 200, paid.text);
  const old = paid.body.savedCard.token;
  const current = await api('POST', '/v1/tokens', { auth, body: { card: card('5454545454545454') } });
  assert.equal(current.status, 201, current.text);
  // Time passes: the first card ran out in January 2020 (its row in the Worker's local D1).
  assert.match(old, /^\d{12,19}$/);
  await d1(`UPDATE wallet_cards SET expiry_month = '01', expiry_year = '2020' WHERE token = '${old}'`);

  const { page, errors } = await openCheckout(browser, { shopper });
  await addToBasket(page);
  const expired = page.getByRole('listitem').filter({ hasText: 'Visa •••• 0000' });
  const valid = page.getByRole('listitem').filter({ hasText: 'Mastercard •••• 5454' });
  assert.match(await expired.textContent(), /Expired 01\/20/);
  assert.equal(await expired.getByRole('button', { name: 'Pay with this card' }).isDisabled(), true);
  assert.equal(await valid.getByRole('button', { name: 'Pay with this card' }).isEnabled(), true);
  await screenshot(page, 'checkout-expired-card');
  assert.deepEqual(errors, []);

  // The Worker refuses it too, with a coded 400, before anything reaches the gateway.
  const checkout = await merchantCheckout('7.00');
  const before = (await ledger()).length;
  const refused = await api('POST', `/v1/checkouts/${checkout.id}/payments`, {
    auth, key: uniqueKey('expired'), body: { token: old },
  });
  assert.equal(refused.status, 400, refused.text);
  assert.equal(refused.body.error.code, 'expired');
  assert.equal(refused.body.error.field, 'token');
  assert.equal((await ledger()).length, before);
  assert.equal((await api('GET', `/v1/checkouts/${checkout.id}`)).body.status, 'open');
});
