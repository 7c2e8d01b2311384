-- 0002: the indexes the hot queries need.

-- Story matching scans the recent items.
CREATE INDEX items_fetched_at ON items (fetched_at);

-- Merge candidates are found by day; Incidents filters by first_seen.
CREATE INDEX incidents_day ON incidents (day);
CREATE INDEX incidents_first_seen ON incidents (first_seen);
CREATE INDEX incidents_occurred_on ON incidents (occurred_on);

CREATE INDEX attacks_incident ON attacks (incident_id);
CREATE INDEX incident_sources_item ON incident_sources (item_id);
CREATE INDEX statements_item ON statements (item_id);
CREATE INDEX statements_said_at ON statements (said_at);
CREATE INDEX tallies_item ON tallies (item_id);
CREATE INDEX tallies_subject ON tallies (subject_fold, cited_at);

CREATE INDEX alerts_pending ON alerts (id) WHERE dispatched_at IS NULL;
CREATE INDEX alerts_incident_pending ON alerts (incident_id) WHERE dispatched_at IS NULL;

-- NextMessages walks the sendable rows in id order (outbox_ready) and checks
-- each is its chat's oldest unsent message (outbox_chat_unsent). Sent rows
-- and paused chats' rows are in neither, so the walk stays short however
-- long the outbox grows.
CREATE INDEX outbox_ready ON outbox (id) WHERE sent_at IS NULL AND held = 0;
CREATE INDEX outbox_chat_unsent ON outbox (chat_id, id) WHERE sent_at IS NULL;
