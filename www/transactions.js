// The dev-mode "Transactions" panel: every call the Worker made to the gateway (payments, TK
// token creations, DL deletions) with its result code, newest first, tokens masked. Hidden when
// the Worker is not in dev mode.
import * as api from './api.js';

const TYPES = { TK: 'token created', DL: 'token deleted', DB: 'payment', PA: 'pre-authorization' };

export function transactionsPanel(section) {
  const body = section.querySelector('tbody');
  const cell = (text) => {
    const td = document.createElement('td');
    td.textContent = text ?? '';
    return td;
  };
  return {
    async refresh() {
      let rows;
      try {
        rows = await api.transactions();
      } catch {
        return;
      }
      if (rows === null) return;
      section.hidden = false;
      body.replaceChildren(...rows.map((row) => {
        const tr = document.createElement('tr');
        const when = new Date(row.createdAt).toLocaleTimeString();
        const type = TYPES[row.type] ? `${row.type} (${TYPES[row.type]})` : row.type;
        tr.append(cell(when), cell(type), cell(row.token ?? ''), cell(row.resultCode));
        return tr;
      }));
    },
  };
}
