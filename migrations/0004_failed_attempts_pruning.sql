-- Rows of failed_attempts (0003) from windows that have ended count for nothing; each recorded
-- attempt deletes a few of them, oldest first (limits.rs), found through this index.
CREATE INDEX failed_attempts_by_window ON failed_attempts (window_start);
