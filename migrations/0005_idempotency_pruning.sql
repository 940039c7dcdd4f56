-- Idempotency records (0002) are kept at least 24 hours after their claim; each request that adds
-- one deletes a few older ones, oldest first (idempotency.rs), found through this index. A claim
-- taken over moves created_at, so its record is kept 24 hours from the takeover.
CREATE INDEX idempotency_by_claim ON idempotency (created_at);
