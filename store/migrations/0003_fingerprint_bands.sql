-- 0003: find near-duplicate fingerprints without reading every recent item.
-- Two 64-bit fingerprints at most 3 bits apart agree exactly on at least
-- one of their four 16-bit bands (pigeonhole), so story matching asks only
-- for items sharing a band, then counts bits in Go.

ALTER TABLE items ADD COLUMN fp_band0 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN fp_band1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN fp_band2 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN fp_band3 INTEGER NOT NULL DEFAULT 0;

UPDATE items SET
	fp_band0 = fingerprint & 65535,
	fp_band1 = (fingerprint >> 16) & 65535,
	fp_band2 = (fingerprint >> 32) & 65535,
	fp_band3 = (fingerprint >> 48) & 65535;

CREATE INDEX items_fp_band0 ON items (fp_band0, fetched_at);
CREATE INDEX items_fp_band1 ON items (fp_band1, fetched_at);
CREATE INDEX items_fp_band2 ON items (fp_band2, fetched_at);
CREATE INDEX items_fp_band3 ON items (fp_band3, fetched_at);

-- Nothing looks alerts up by incident.
DROP INDEX alerts_incident_pending;
