-- The Worker's state: the catalog, checkouts (amounts fixed server-side), shoppers' saved cards,
-- idempotent answers of payment requests. Audit rows stay in gateway_calls (0001).
CREATE TABLE products (
    sku TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL
);

CREATE TABLE checkouts (
    id TEXT PRIMARY KEY,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    payment_type TEXT NOT NULL,
    reference TEXT,
    shopper_id TEXT,
    items TEXT,
    -- open -> processing (one conditional UPDATE wins) -> paid | pending | open | unknown
    status TEXT NOT NULL,
    payment_id TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE wallet_cards (
    token TEXT PRIMARY KEY,
    shopper_id TEXT NOT NULL,
    brand TEXT NOT NULL,
    last4 TEXT NOT NULL,
    expiry_month TEXT NOT NULL,
    expiry_year TEXT NOT NULL,
    holder TEXT,
    -- The successful CIT/INITIAL payment that a later MIT charge refers to.
    initial_transaction_id TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX wallet_cards_by_shopper ON wallet_cards (shopper_id, created_at);

-- id = SHA-256(caller scope, path, Idempotency-Key); fingerprint = SHA-256(method, path, body).
CREATE TABLE idempotency (
    id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    status INTEGER,
    body TEXT,
    created_at INTEGER NOT NULL
);

CREATE INDEX gateway_calls_by_time ON gateway_calls (created_at);
