// The Worker's public API as the page uses it: same origin, JSON in and out. Every failure is an
// `ApiFailure` with a sentence for people; callers never show a raw body.

export class ApiFailure extends Error {
  constructor(status, { code = 'unexpected', message, field } = {}, retryAfter = null) {
    super(message || 'The payment service answered unexpectedly.');
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter; // seconds, from a 429's Retry-After
  }
}

let shopperToken = null;
export const signedIn = () => shopperToken !== null;

async function call(method, path, { body, key, auth = true } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth && shopperToken) headers.Authorization = `Bearer ${shopperToken}`;
  if (key) headers['Idempotency-Key'] = key;
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure(0, { code: 'network', message: 'The payment service cannot be reached. Check your connection and try again.' });
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  const retryAfter = Number(response.headers.get('Retry-After')) || null;
  return { status: response.status, ok: response.ok, body: json, retryAfter };
}

function fail(answer) {
  throw new ApiFailure(answer.status, answer.body?.error ?? {}, answer.retryAfter);
}

/** Signs the demo shopper in through the dev-mode stand-in identity provider. */
export async function signIn(shopperId) {
  const answer = await call('POST', '/dev/shopper-token', { body: { shopperId }, auth: false });
  if (!answer.ok) fail(answer);
  shopperToken = answer.body.token;
}

export async function health() {
  const answer = await call('GET', '/health', { auth: false });
  return answer.body ?? {};
}

export async function catalog() {
  const answer = await call('GET', '/v1/catalog', { auth: false });
  if (!answer.ok) fail(answer);
  return answer.body.products;
}

/** A checkout priced by the Worker from catalog items: `[{ sku, quantity }]`. */
export async function createCheckout(items) {
  const answer = await call('POST', '/v1/checkouts', { body: { items } });
  if (answer.status !== 201) fail(answer);
  return answer.body;
}

/**
 * Pays a checkout with a new card (`{ card, saveCard }`) or a saved one (`{ token }`), under a
 * fresh Idempotency-Key. Resolves to the payment answer, declines included (HTTP 402).
 */
export async function pay(checkoutId, body) {
  const answer = await call('POST', `/v1/checkouts/${encodeURIComponent(checkoutId)}/payments`, {
    body, key: crypto.randomUUID(),
  });
  if (answer.status === 200 || (answer.status === 402 && answer.body?.status)) return answer.body;
  return fail(answer);
}

export async function wallet() {
  const answer = await call('GET', '/v1/wallet');
  if (!answer.ok) fail(answer);
  return answer.body.cards;
}

export async function removeCard(token) {
  const answer = await call('DELETE', `/v1/wallet/${encodeURIComponent(token)}`);
  if (answer.status !== 204 && answer.status !== 404) fail(answer);
}

/**
 * Dev mode only: what the gateway recorded (its own ledger, masked), newest first; `null` when
 * the route is absent (not dev mode). Throws an `ApiFailure` when the gateway's records cannot
 * be read (`gateway_ledger_unavailable` for a gateway that keeps none, such as real OPP).
 */
export async function transactions() {
  const answer = await call('GET', '/dev/transactions', { auth: false });
  if (answer.status === 404 && answer.body?.error?.code === 'not_found') return null;
  if (!answer.ok) fail(answer);
  return answer.body.transactions;
}
