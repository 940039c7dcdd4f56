// Products from the catalog and the basket they go into. Prices shown here are for people only:
// the Worker prices the checkout from the same catalog.

export const money = (amount, currency) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(Number(amount));

const minor = (amount) => Math.round(Number(amount) * 100);

function element(tag, { dataset, ...props } = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  if (dataset) Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}
export { element };

export function shop({ onChange }) {
  const list = document.getElementById('products');
  const lines = document.getElementById('basket');
  const empty = document.getElementById('basket-empty');
  const totalView = document.getElementById('basket-total');
  const totalAmount = document.getElementById('total-amount');
  const basket = new Map(); // sku -> quantity, in the order added
  let products = new Map();

  const hidden = (text) => element('span', { className: 'visually-hidden', textContent: text });

  function total() {
    let sum = 0;
    let currency = null;
    for (const [sku, quantity] of basket) {
      const product = products.get(sku);
      currency ??= product.currency;
      sum += minor(product.amount) * quantity;
    }
    return currency ? { amount: (sum / 100).toFixed(2), currency } : null;
  }

  function change(sku, delta) {
    const quantity = Math.min(99, (basket.get(sku) ?? 0) + delta);
    if (quantity > 0) basket.set(sku, quantity);
    else basket.delete(sku);
    render();
    onChange();
  }

  function render() {
    const focused = document.activeElement?.dataset?.focusKey;
    lines.replaceChildren(...[...basket].map(([sku, quantity]) => {
      const product = products.get(sku);
      const name = product.name;
      return element('li', { className: 'line' },
        element('span', { className: 'line-name', textContent: name }),
        element('span', { className: 'qty' },
          element('button', { type: 'button', className: 'small', onclick: () => change(sku, -1),
            dataset: { focusKey: `minus-${sku}` } }, '−', hidden(` one fewer ${name}`)),
          element('span', { className: 'count', textContent: `× ${quantity}` }),
          element('button', { type: 'button', className: 'small', onclick: () => change(sku, 1),
            dataset: { focusKey: `plus-${sku}` }, disabled: quantity >= 99 }, '+', hidden(` one more ${name}`))),
        element('span', { className: 'line-amount', textContent: money((minor(product.amount) * quantity / 100).toFixed(2), product.currency) }));
    }));
    // Keep the keyboard where it was when a line re-renders.
    if (focused) lines.querySelector(`[data-focus-key="${focused}"]`)?.focus();
    const sum = total();
    empty.hidden = basket.size > 0;
    totalView.hidden = !sum;
    totalAmount.textContent = sum ? money(sum.amount, sum.currency) : '';
  }

  return {
    show(catalog) {
      products = new Map(catalog.map((product) => [product.sku, product]));
      for (const sku of basket.keys()) if (!products.has(sku)) basket.delete(sku);
      list.replaceChildren(...catalog.map((product) => element('li', { className: 'product' },
        element('span', { className: 'product-name', textContent: product.name }),
        element('span', { className: 'price', textContent: money(product.amount, product.currency) }),
        element('button', { type: 'button', onclick: () => change(product.sku, 1) },
          'Add', hidden(` ${product.name}`), ' to basket'))));
      document.getElementById('products-empty').hidden = catalog.length > 0;
      render();
    },
    items: () => [...basket].map(([sku, quantity]) => ({ sku, quantity })),
    total,
    clear() { basket.clear(); render(); onChange(); },
  };
}
