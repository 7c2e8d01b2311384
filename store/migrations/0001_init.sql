-- 0001: the tables of claimwatch. Times are INTEGER Unix milliseconds UTC,
-- NULL when unknown. Booleans are INTEGER 0 or 1. Lists are JSON text.

CREATE TABLE feeds (
	id                   INTEGER PRIMARY KEY,
	name                 TEXT    NOT NULL,
	url                  TEXT    NOT NULL UNIQUE,
	interval_ms          INTEGER NOT NULL DEFAULT 0,
	full_text            INTEGER NOT NULL DEFAULT 0,
	charset              TEXT    NOT NULL DEFAULT '',
	etag                 TEXT    NOT NULL DEFAULT '',
	last_modified        TEXT    NOT NULL DEFAULT '',
	last_poll            INTEGER,
	last_success         INTEGER,
	last_status          INTEGER NOT NULL DEFAULT 0,
	last_error           TEXT    NOT NULL DEFAULT '',
	consecutive_failures INTEGER NOT NULL DEFAULT 0,
	items_seen           INTEGER NOT NULL DEFAULT 0,
	next_poll            INTEGER,
	failing_since        INTEGER,
	down_notified        INTEGER NOT NULL DEFAULT 0,
	removed              INTEGER NOT NULL DEFAULT 0
);

-- A story groups items of different feeds that tell the same news.
CREATE TABLE stories (
	id         INTEGER PRIMARY KEY,
	created_at INTEGER NOT NULL
);

-- Items never repeat: one row per (feed, key); an edit updates the row.
CREATE TABLE items (
	id          INTEGER PRIMARY KEY,
	feed_id     INTEGER NOT NULL REFERENCES feeds (id),
	item_key    TEXT    NOT NULL,
	feed_name   TEXT    NOT NULL DEFAULT '',
	guid        TEXT    NOT NULL DEFAULT '',
	link        TEXT    NOT NULL DEFAULT '',
	title       TEXT    NOT NULL DEFAULT '',
	body        TEXT    NOT NULL DEFAULT '',
	language    TEXT    NOT NULL DEFAULT '',
	published   INTEGER,
	fetched_at  INTEGER NOT NULL,
	hash        TEXT    NOT NULL,
	fingerprint INTEGER NOT NULL DEFAULT 0, -- the uint64 SimHash, bit for bit
	story_id    INTEGER NOT NULL REFERENCES stories (id),
	UNIQUE (feed_id, item_key)
);

-- An incident's attack is the merged view of its sources' attacks. day is
-- Incident.Day(UTC), kept for finding the candidates of a merge.
CREATE TABLE incidents (
	id             INTEGER PRIMARY KEY,
	claimant       TEXT    NOT NULL DEFAULT '',
	claimant_text  TEXT    NOT NULL DEFAULT '',
	responsibility TEXT    NOT NULL DEFAULT '',
	weapons        TEXT    NOT NULL DEFAULT '[]',
	target         TEXT    NOT NULL DEFAULT '',
	target_text    TEXT    NOT NULL DEFAULT '',
	place          TEXT    NOT NULL DEFAULT '',
	country        TEXT    NOT NULL DEFAULT '',
	attack_date    TEXT    NOT NULL DEFAULT '',
	killed         INTEGER,
	injured        INTEGER,
	evidence       TEXT    NOT NULL DEFAULT '',
	occurred_on    TEXT    NOT NULL DEFAULT '',
	day            TEXT    NOT NULL,
	first_seen     INTEGER NOT NULL,
	updated_at     INTEGER NOT NULL
);

-- attacks are what each item told, as the summarizer read it.
CREATE TABLE attacks (
	id             INTEGER PRIMARY KEY,
	item_id        INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
	seq            INTEGER NOT NULL,
	incident_id    INTEGER NOT NULL REFERENCES incidents (id),
	claimant       TEXT    NOT NULL DEFAULT '',
	claimant_text  TEXT    NOT NULL DEFAULT '',
	responsibility TEXT    NOT NULL DEFAULT '',
	weapons        TEXT    NOT NULL DEFAULT '[]',
	target         TEXT    NOT NULL DEFAULT '',
	target_text    TEXT    NOT NULL DEFAULT '',
	place          TEXT    NOT NULL DEFAULT '',
	country        TEXT    NOT NULL DEFAULT '',
	attack_date    TEXT    NOT NULL DEFAULT '',
	killed         INTEGER,
	injured        INTEGER,
	evidence       TEXT    NOT NULL DEFAULT '',
	UNIQUE (item_id, seq)
);

-- One row per (incident, item), however often the item is saved.
CREATE TABLE incident_sources (
	id          INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incidents (id),
	item_id     INTEGER NOT NULL REFERENCES items (id),
	evidence    TEXT    NOT NULL DEFAULT '',
	UNIQUE (incident_id, item_id)
);

CREATE TABLE statements (
	id           INTEGER PRIMARY KEY,
	item_id      INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
	speaker      TEXT    NOT NULL DEFAULT '',
	speaker_text TEXT    NOT NULL DEFAULT '',
	role         TEXT    NOT NULL DEFAULT '',
	quote        TEXT    NOT NULL DEFAULT '',
	evidence     TEXT    NOT NULL DEFAULT '',
	said_at      INTEGER NOT NULL -- the item's Published, else its FetchedAt
);

CREATE TABLE tallies (
	id           INTEGER PRIMARY KEY,
	item_id      INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
	count        INTEGER NOT NULL,
	subject      TEXT    NOT NULL DEFAULT '',
	subject_fold TEXT    NOT NULL DEFAULT '', -- claimwatch.Fold(subject)
	since        TEXT    NOT NULL DEFAULT '',
	source       TEXT    NOT NULL DEFAULT '',
	evidence     TEXT    NOT NULL DEFAULT '',
	cited_at     INTEGER NOT NULL -- the item's Published, else its FetchedAt
);

CREATE TABLE chats (
	id            INTEGER PRIMARY KEY,
	type          TEXT    NOT NULL DEFAULT '',
	title         TEXT    NOT NULL DEFAULT '',
	subscribed    INTEGER NOT NULL DEFAULT 0,
	paused        INTEGER NOT NULL DEFAULT 0,
	paused_reason TEXT    NOT NULL DEFAULT '',
	lang          TEXT    NOT NULL DEFAULT '',
	time_zone     TEXT    NOT NULL DEFAULT '',
	alerts        TEXT    NOT NULL DEFAULT '',
	digest_hour   INTEGER NOT NULL DEFAULT 0,
	quiet_from    INTEGER NOT NULL DEFAULT 0,
	quiet_to      INTEGER NOT NULL DEFAULT 0,
	claimants     TEXT    NOT NULL DEFAULT '[]',
	countries     TEXT    NOT NULL DEFAULT '[]',
	weapons       TEXT    NOT NULL DEFAULT '[]',
	keywords      TEXT    NOT NULL DEFAULT '[]',
	last_digest   TEXT    NOT NULL DEFAULT '',
	created_at    INTEGER
);

-- Incident events waiting to become messages.
CREATE TABLE alerts (
	id            INTEGER PRIMARY KEY,
	kind          TEXT    NOT NULL,
	incident_id   INTEGER NOT NULL REFERENCES incidents (id),
	created_at    INTEGER NOT NULL,
	dispatched_at INTEGER
);

-- The outbox: messages owed to chats, sent per chat in id order. held is 1
-- while the chat is paused, so the sender's scans skip those rows cheaply.
-- chat_id has no foreign key: admins may be owed messages before they chat.
CREATE TABLE outbox (
	id         INTEGER PRIMARY KEY,
	chat_id    INTEGER NOT NULL,
	kind       TEXT    NOT NULL DEFAULT '',
	text       TEXT    NOT NULL,
	created_at INTEGER NOT NULL,
	not_before INTEGER,
	attempts   INTEGER NOT NULL DEFAULT 0,
	last_error TEXT    NOT NULL DEFAULT '',
	sent_at    INTEGER,
	held       INTEGER NOT NULL DEFAULT 0
);

-- Small named values, such as the getUpdates offset.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
