// The dev-mode "Transactions" panel: what the gateway itself recorded for the shop's entity —
// tokens created (TK), used for a payment (DT) and deleted (DL), and the payments — with result
// codes, newest first, card numbers and tokens masked. Hidden when the Worker is not in dev mode;
// says so when the gateway's records cannot be read (a real OPP gateway keeps none to inspect).
import * as api from './api.js';

const TYPES = {
  TK: 'token created', DT: 'token used', DL: 'token deleted', DB: 'payment',
  PA: 'pre-authorization', 'PA.CP': 'pre-authorization, captured', CD: 'credit',
  CP: 'capture', RF: 'refund', RV: 'reversal',
};

export function transactionsPanel(section) {
  const body = section.querySelector('tbody');
  const table = section.querySelector('.scroll');
  const note = section.querySelector('#transactions-note');
  const cell = (text) => {
    const td = document.createElement('td');
    td.textContent = text ?? '';
    return td;
  };
  const unavailable = (error) => {
    const why = error.code === 'gateway_ledger_unavailable'
      ? 'This gateway keeps no ledger the demo can read; only the sandbox gateway offers one.'
      : 'The gateway could not be asked right now.';
    note.textContent = `The gateway's records are not available. ${why}`;
    note.hidden = false;
    table.hidden = true;
    body.replaceChildren();
  };
  return {
    async refresh() {
      let rows;
      try {
        rows = await api.transactions();
      } catch (error) {
        section.hidden = false;
        unavailable(error);
        return;
      }
      if (rows === null) return;
      section.hidden = false;
      note.hidden = true;
      table.hidden = false;
      body.replaceChildren(...rows.map((row) => {
        const tr = document.createElement('tr');
        const when = new Date(row.createdAt).toLocaleTimeString();
        const type = TYPES[row.type] ? `${row.type} (${TYPES[row.type]})` : row.type;
        tr.append(cell(when), cell(type), cell(row.token ?? row.card ?? ''), cell(row.resultCode));
        return tr;
      }));
    },
  };
}
