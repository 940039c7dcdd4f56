// The signed-in shopper's saved cards (`GET /v1/wallet`): pay in one click, or remove after a
// confirmation. An expired card is listed as expired and cannot pay.
import * as api from './api.js';
import { brandOfGateway, markOf } from './brands.js';
import { element } from './shop.js';

const expired = (card, today = new Date()) => {
  const year = Number(card.expiryYear);
  const month = Number(card.expiryMonth);
  return year < today.getFullYear() || (year === today.getFullYear() && month < today.getMonth() + 1);
};

export const describe = (card) => `${brandOfGateway(card.brand)?.name ?? card.brand} •••• ${card.last4}`;

export function savedCards({ onPay, canPay, onError, onRemoved = () => {} }) {
  const section = document.getElementById('saved');
  const list = document.getElementById('saved-cards');
  const empty = document.getElementById('saved-empty');
  const dialog = document.getElementById('remove-dialog');
  let cards = [];
  let busy = false;

  function render() {
    list.replaceChildren(...cards.map((card) => {
      const name = describe(card);
      const old = expired(card);
      const hidden = (text) => element('span', { className: 'visually-hidden', textContent: text });
      const mark = element('span', { className: 'saved-mark', innerHTML: markOf(brandOfGateway(card.brand)?.id) });
      const expiry = `${card.expiryMonth.padStart(2, '0')}/${card.expiryYear.slice(-2)}`;
      const text = element('span', { className: 'saved-text' },
        element('strong', { textContent: name }),
        element('span', { className: old ? 'expired' : 'muted', textContent: old ? `Expired ${expiry}` : `Expires ${expiry}` }));
      const pay = element('button', {
        type: 'button', className: 'primary small', disabled: old || busy || !canPay(),
        onclick: () => onPay(card),
      }, 'Pay with this card', hidden(` (${name})`));
      const remove = element('button', {
        type: 'button', className: 'small', disabled: busy, onclick: () => confirmRemove(card, remove),
      }, 'Remove', hidden(` ${name}`));
      return element('li', { className: old ? 'saved-card is-expired' : 'saved-card', dataset: { token: card.token } },
        mark, text, element('span', { className: 'saved-actions' }, pay, remove));
    }));
    empty.hidden = cards.length > 0;
  }

  function confirmRemove(card, opener) {
    dialog.querySelector('#remove-text').textContent =
      `${describe(card)} will be deleted from your saved cards and from the gateway's vault.`;
    dialog.returnValue = '';
    dialog.onclose = async () => {
      if (dialog.returnValue !== 'confirm') { opener.focus(); return; }
      try {
        await api.removeCard(card.token);
        cards = cards.filter((one) => one.token !== card.token);
        render();
        document.getElementById('saved-title').focus();
        onRemoved();
      } catch (error) {
        onError(`The card could not be removed: ${error.message}`);
      }
    };
    dialog.showModal();
  }

  return {
    async load() {
      section.hidden = false;
      try {
        cards = await api.wallet();
      } catch (error) {
        cards = [];
        onError(`Your saved cards could not be loaded: ${error.message}`);
      }
      render();
    },
    setBusy(value) { busy = value; render(); },
    refresh: render,
  };
}
