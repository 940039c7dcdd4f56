-- Audit log of every call the Worker makes to the gateway: ids, types and result codes only,
-- never card data or credentials.
CREATE TABLE gateway_calls (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    token_masked TEXT,
    checkout_id TEXT,
    result_code TEXT NOT NULL,
    created_at TEXT NOT NULL
);
