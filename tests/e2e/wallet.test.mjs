// Saved cards through the real Worker and sandbox: save during payment (TK), one-click (DT),
// standalone tokenization (TK), wallet delete (DL), merchant MIT (DT) and token delete (DL),
// cross-shopper access, the audit log, and no MIT charge on a card that has expired since.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, card, d1, ledger, merchantCheckout, merchantKey, newLedgerTypes, shopperToken, uniqueKey,
} from './support.mjs';

test('save a card while paying, then pay one-click, then charge it as the merchant', async () => {
  const alice = await shopperToken('alice-wallet');
  const bob = await shopperToken('bob-wallet');
  const first = await merchantCheckout('20.00');
  let before = (await ledger()).length;
  const saved = await api('POST', `/v1/checkouts/${first.id}/payments`, {
    auth: alice, key: uniqueKey('save'), body: { card: card('4200000000000000'), saveCard: true },
  });
  assert.equal(saved.status, 200, saved.text);
  const { token, brand, last4 } = saved.body.savedCard;
  assert.equal(brand, 'VISA');
  assert.equal(last4, '0000');
  assert.notEqual(token, '4200000000000000');
  assert.deepEqual(await newLedgerTypes(before), ['DB', 'TK']);

  const wallet = await api('GET', '/v1/wallet', { auth: alice });
  assert.ok(wallet.body.cards.some((c) => c.token === token));
  const bobWallet = await api('GET', '/v1/wallet', { auth: bob });
  assert.ok(!bobWallet.text.includes(token));

  const second = await merchantCheckout('7.00');
  const stolen = await api('POST', `/v1/checkouts/${second.id}/payments`, {
    auth: bob, key: uniqueKey('steal'), body: { token },
  });
  assert.equal(stolen.status, 404);
  assert.equal(stolen.body.error.code, 'card_not_found');

  before = (await ledger()).length;
  const oneClick = await api('POST', `/v1/checkouts/${second.id}/payments`, {
    auth: alice, key: uniqueKey('one-click'), body: { token, cvv: '123' },
  });
  assert.equal(oneClick.status, 200, oneClick.text);
  assert.deepEqual(await newLedgerTypes(before), ['DT', 'DB']);

  before = (await ledger()).length;
  const mitBody = { amount: '9.99', currency: 'EUR', paymentType: 'DB', type: 'RECURRING' };
  const asShopper = await api('POST', `/v1/tokens/${token}/payments`, { auth: alice, key: uniqueKey('m'), body: mitBody });
  assert.equal(asShopper.status, 403);
  const mitKey = uniqueKey('mit');
  const mit = await api('POST', `/v1/tokens/${token}/payments`, { auth: merchantKey(), key: mitKey, body: mitBody });
  assert.equal(mit.status, 200, mit.text);
  const mitAgain = await api('POST', `/v1/tokens/${token}/payments`, { auth: merchantKey(), key: mitKey, body: mitBody });
  assert.deepEqual(mitAgain.body, mit.body);
  assert.deepEqual(await newLedgerTypes(before), ['DT', 'DB']);

  before = (await ledger()).length;
  const deleted = await api('DELETE', `/v1/tokens/${token}`, { auth: merchantKey() });
  assert.equal(deleted.status, 204, deleted.text);
  assert.deepEqual(await newLedgerTypes(before), ['DL']);

  const log = await api('GET', '/v1/transactions', { auth: merchantKey() });
  assert.equal(log.status, 200);
  const types = log.body.transactions.map((t) => t.type);
  assert.ok(types.includes('DL') && types.includes('DB'));
  assert.ok(!log.text.includes(token), 'the audit log holds masked tokens only');
});

test('standalone tokenization, wallet listing and deletion by the owner only', async () => {
  const carol = await shopperToken('carol-wallet');
  const dave = await shopperToken('dave-wallet');
  let before = (await ledger()).length;
  const created = await api('POST', '/v1/tokens', { auth: carol, body: { card: card('5454545454545454') } });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.body.last4, '5454');
  assert.deepEqual(await newLedgerTypes(before), ['TK']);
  const { token } = created.body;

  const anonymous = await api('POST', '/v1/tokens', { body: { card: card('5454545454545454') } });
  assert.equal(anonymous.status, 401);
  const notHis = await api('DELETE', `/v1/wallet/${token}`, { auth: dave });
  assert.equal(notHis.status, 404);

  before = (await ledger()).length;
  const gone = await api('DELETE', `/v1/wallet/${token}`, { auth: carol });
  assert.equal(gone.status, 204, gone.text);
  assert.deepEqual(await newLedgerTypes(before), ['DL']);
  const wallet = await api('GET', '/v1/wallet', { auth: carol });
  assert.deepEqual(wallet.body.cards, []);
});

test('the merchant cannot charge a saved card that has expired since', async () => {
  const erin = await shopperToken(uniqueKey('expired-mit'));
  const first = await merchantCheckout('3.00');
  const saved = await api('POST', `/v1/checkouts/${first.id}/payments`, {
    auth: erin, key: uniqueKey('expired-mit'), body: { card: card('4200000000000000'), saveCard: true },
  });
  assert.equal(saved.status, 200, saved.text);
  const { token } = saved.body.savedCard;
  // Time passes: the card ran out in January 2020 (its row in the Worker's local D1).
  assert.match(token, /^\d{12,19}$/);
  await d1(`UPDATE wallet_cards SET expiry_month = '01', expiry_year = '2020' WHERE token = '${token}'`);

  const before = (await ledger()).length;
  const refused = await api('POST', `/v1/tokens/${token}/payments`, {
    auth: merchantKey(), key: uniqueKey('expired-mit'),
    body: { amount: '4.99', currency: 'EUR', type: 'RECURRING' },
  });
  assert.equal(refused.status, 400, refused.text);
  assert.equal(refused.body.error.code, 'expired');
  assert.equal(refused.body.error.field, 'token');
  assert.equal((await ledger()).length, before, 'an expired card reached the gateway');
});
