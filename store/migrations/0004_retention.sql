-- 0004: indexes for pruning old sent messages and dispatched alerts, and
-- one index no query uses any more.

-- Prune deletes sent messages and dispatched alerts older than a cutoff,
-- oldest first, a batch at a time. Unsent rows and pending alerts are in
-- neither index.
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX alerts_dispatched ON alerts (dispatched_at) WHERE dispatched_at IS NOT NULL;

-- Story matching reads the fingerprint band indexes of 0003, which end in
-- fetched_at; this one only cost a page write per saved item.
DROP INDEX items_fetched_at;
