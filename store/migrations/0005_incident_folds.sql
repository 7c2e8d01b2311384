-- 0005: the folded names (claimwatch.Fold) of each incident's target, place
-- and claimant, so that finding the merge candidates of an attack asks
-- SQLite for the incidents claimwatch.SameIncident could accept instead of
-- reading every incident of the day into Go. Fold is Go code: the rows
-- already stored are filled by the Go step of this migration
-- (migrationStep), in the same transaction; SaveReport writes them after.

ALTER TABLE incidents ADD COLUMN target_fold   TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN place_fold    TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN claimant_fold TEXT NOT NULL DEFAULT '';

-- The candidates query filters on these columns alone, so this index
-- covers its filter: SQLite reads a table row only for the incidents that
-- pass it. It replaces incidents_day, of which it is an extension.
CREATE INDEX incidents_day_names ON incidents (day, country, claimant_fold, target_fold, place_fold);
DROP INDEX incidents_day;
