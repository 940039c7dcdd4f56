-- Card-testing protection: declined or rejected payment attempts per client (SHA-256 of its IP,
-- never the IP itself) in the current fixed window. One row per client, reset when a new window
-- starts.
CREATE TABLE failed_attempts (
    client TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    count INTEGER NOT NULL
);
