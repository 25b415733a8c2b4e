-- The trail is filtered by action, and its filter lists the actions there are (a walk of this index).
CREATE INDEX IF NOT EXISTS "entries_action_idx" ON "audit"."entries" ("action");
