-- Checkouts (0002) still open 30 days after they expired were never paid; each new checkout
-- deletes a few of them, the longest expired first (checkouts.rs), found through this index. A
-- checkout in any other status (processing, unknown, paid, pending) is never deleted.
CREATE INDEX checkouts_by_status_expiry ON checkouts (status, expires_at);
