package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/claimwatch/claimwatch"
)

// attackCols are the columns of an Attack, in the incidents and attacks
// tables alike.
const (
	attackCols = `claimant, claimant_text, responsibility, weapons, target, target_text,
	place, country, attack_date, killed, injured, evidence`
	incidentCols = `id, ` + attackCols + `, occurred_on, first_seen, updated_at`
)

func attackArgs(a claimwatch.Attack) []any {
	return []any{a.Claimant, a.ClaimantText, string(a.Responsibility), jsonList(a.Weapons), a.Target, a.TargetText,
		a.Place, a.Country, a.Date, countVal(a.Killed), countVal(a.Injured), a.Evidence}
}

func attackDest(a *claimwatch.Attack) []any {
	return []any{&a.Claimant, &a.ClaimantText, (*string)(&a.Responsibility), jsonCol[claimwatch.Weapon]{&a.Weapons}, &a.Target, &a.TargetText,
		&a.Place, &a.Country, &a.Date, countCol{&a.Killed}, countCol{&a.Injured}, &a.Evidence}
}

func scanIncident(sc interface{ Scan(...any) error }) (claimwatch.Incident, error) {
	var in claimwatch.Incident
	dest := append([]any{&in.ID}, attackDest(&in.Attack)...)
	dest = append(dest, &in.OccurredOn, timeCol{&in.FirstSeen}, timeCol{&in.UpdatedAt})
	err := sc.Scan(dest...)
	return in, err
}

// findIncidents runs a query selecting incidentCols, without their sources.
func findIncidents(ctx context.Context, q querier, query string, args ...any) ([]claimwatch.Incident, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return scanIncidents(rows)
}

// scanIncidents reads rows of incidentCols and closes them.
func scanIncidents(rows *sql.Rows) ([]claimwatch.Incident, error) {
	defer rows.Close()
	var out []claimwatch.Incident
	for rows.Next() {
		in, err := scanIncident(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// The statements of insertIncident and updateIncident, prepared once (see
// stmts). They keep the folded names of migration 0005 in step with the
// names.
const (
	insertIncidentSQL = `
		INSERT INTO incidents (` + attackCols + `, occurred_on, day, first_seen, updated_at,
			target_fold, place_fold, claimant_fold)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`
	updateIncidentSQL = `
		UPDATE incidents SET claimant = ?, claimant_text = ?, responsibility = ?, weapons = ?,
			target = ?, target_text = ?, place = ?, country = ?, attack_date = ?,
			killed = ?, injured = ?, evidence = ?,
			occurred_on = ?, day = ?, first_seen = ?, updated_at = ?,
			target_fold = ?, place_fold = ?, claimant_fold = ?
		WHERE id = ?`
)

// insertIncident runs insertIncidentSQL, prepared as ins.
func insertIncident(ctx context.Context, ins *sql.Stmt, in claimwatch.Incident) (int64, error) {
	var id int64
	a := in.Attack
	args := append(attackArgs(a), in.OccurredOn, in.Day(time.UTC), in.FirstSeen.UnixMilli(), in.UpdatedAt.UnixMilli(),
		claimwatch.Fold(a.Target), claimwatch.Fold(a.Place), claimwatch.Fold(a.Claimant))
	err := ins.QueryRowContext(ctx, args...).Scan(&id)
	return id, err
}

// updateIncident runs updateIncidentSQL, prepared as upd.
func updateIncident(ctx context.Context, upd *sql.Stmt, in claimwatch.Incident) error {
	a := in.Attack
	args := append(attackArgs(a), in.OccurredOn, in.Day(time.UTC), in.FirstSeen.UnixMilli(), in.UpdatedAt.UnixMilli(),
		claimwatch.Fold(a.Target), claimwatch.Fold(a.Place), claimwatch.Fold(a.Claimant), in.ID)
	_, err := upd.ExecContext(ctx, args...)
	return err
}

// backfillIncidentFolds is the Go step of migration 0005: it fills the
// folded names of the incidents stored before it, a batch at a time.
func backfillIncidentFolds(ctx context.Context, tx *sql.Tx) error {
	type names struct {
		id                      int64
		target, place, claimant string
	}
	const batch = 1000
	upd, err := tx.PrepareContext(ctx, `
		UPDATE incidents SET target_fold = ?, place_fold = ?, claimant_fold = ? WHERE id = ?`)
	if err != nil {
		return fmt.Errorf("prepare folding incident names: %w", err)
	}
	defer upd.Close()
	for after := int64(0); ; {
		rows, err := tx.QueryContext(ctx, `
			SELECT id, target, place, claimant FROM incidents WHERE id > ? ORDER BY id LIMIT ?`, after, batch)
		if err != nil {
			return fmt.Errorf("read incident names: %w", err)
		}
		var page []names
		for rows.Next() {
			var n names
			if err := rows.Scan(&n.id, &n.target, &n.place, &n.claimant); err != nil {
				rows.Close()
				return fmt.Errorf("read incident names: %w", err)
			}
			page = append(page, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read incident names: %w", err)
		}
		for _, n := range page {
			_, err := upd.ExecContext(ctx, claimwatch.Fold(n.target), claimwatch.Fold(n.place), claimwatch.Fold(n.claimant), n.id)
			if err != nil {
				return fmt.Errorf("fold names of incident %d: %w", n.id, err)
			}
		}
		if len(page) < batch {
			return nil
		}
		after = page[len(page)-1].id
	}
}

// sourceCols select a Source from an item i joined with the row that holds
// the evidence. A source whose item has no Published date shows the time
// it was first fetched.
const sourceCols = `i.id, i.feed_name, i.title, i.link, COALESCE(i.published, i.fetched_at)`

func sourceDest(s *claimwatch.Source) []any {
	return []any{&s.ItemID, &s.Feed, &s.Title, &s.URL, timeCol{&s.Published}}
}

// fillSources loads the sources of the incidents, oldest first.
func fillSources(ctx context.Context, q querier, ins []claimwatch.Incident) error {
	index := make(map[int64]int, len(ins))
	for i, in := range ins {
		index[in.ID] = i
	}
	const chunk = 500 // well under SQLite's limit on parameters
	for start := 0; start < len(ins); start += chunk {
		part := ins[start:min(start+chunk, len(ins))]
		args := make([]any, len(part))
		for i, in := range part {
			args[i] = in.ID
		}
		rows, err := q.QueryContext(ctx, `
			SELECT s.incident_id, `+sourceCols+`, s.evidence
			FROM incident_sources s JOIN items i ON i.id = s.item_id
			WHERE s.incident_id IN (`+placeholders(len(part))+`)
			ORDER BY COALESCE(i.published, i.fetched_at), i.id`, args...)
		if err != nil {
			return fmt.Errorf("sources: %w", err)
		}
		for rows.Next() {
			var incID int64
			var s claimwatch.Source
			dest := append([]any{&incID}, sourceDest(&s)...)
			if err := rows.Scan(append(dest, &s.Evidence)...); err != nil {
				rows.Close()
				return fmt.Errorf("sources: %w", err)
			}
			in := &ins[index[incID]]
			in.Sources = append(in.Sources, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sources: %w", err)
		}
	}
	return nil
}

// Incidents returns the incidents q selects, with their sources: those
// first seen in [From, To), and those whose OccurredOn lies within a day of
// the range's UTC dates.
func (db *DB) Incidents(ctx context.Context, q claimwatch.IncidentQuery) ([]claimwatch.Incident, error) {
	query := `SELECT ` + incidentCols + ` FROM incidents`
	var seen, occurred []string
	var seenArgs, occurredArgs []any
	if !q.From.IsZero() {
		seen, seenArgs = append(seen, `first_seen >= ?`), append(seenArgs, q.From.UnixMilli())
		occurred = append(occurred, `occurred_on >= ?`)
		occurredArgs = append(occurredArgs, q.From.UTC().AddDate(0, 0, -1).Format(time.DateOnly))
	}
	if !q.To.IsZero() {
		seen, seenArgs = append(seen, `first_seen < ?`), append(seenArgs, q.To.UnixMilli())
		occurred = append(occurred, `occurred_on <= ?`)
		occurredArgs = append(occurredArgs, q.To.UTC().AddDate(0, 0, 1).Format(time.DateOnly))
	}
	args := append(seenArgs, occurredArgs...)
	if len(seen) > 0 {
		query += ` WHERE (` + strings.Join(seen, ` AND `) + `) OR (occurred_on <> '' AND ` + strings.Join(occurred, ` AND `) + `)`
	}
	if q.Limit > 0 {
		query += ` ORDER BY first_seen DESC, id DESC LIMIT ?`
		args = append(args, q.Limit)
	} else {
		query += ` ORDER BY first_seen, id`
	}
	ins, err := db.readIncidents(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: incidents: %w", err)
	}
	return ins, nil
}

// readIncidents runs an incident query and fills the sources, in one read
// transaction so both see the same state.
func (db *DB) readIncidents(ctx context.Context, query string, args ...any) ([]claimwatch.Incident, error) {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() // read only: nothing to commit
	ins, err := findIncidents(ctx, tx, query, args...)
	if err != nil {
		return nil, err
	}
	if err := fillSources(ctx, tx, ins); err != nil {
		return nil, err
	}
	return ins, nil
}

// Incident returns one incident with its sources.
func (db *DB) Incident(ctx context.Context, id int64) (claimwatch.Incident, error) {
	ins, err := db.readIncidents(ctx, `SELECT `+incidentCols+` FROM incidents WHERE id = ?`, id)
	if err == nil && len(ins) == 0 {
		err = notFound("incident", id)
	}
	if err != nil {
		return claimwatch.Incident{}, fmt.Errorf("store: incident %d: %w", id, err)
	}
	return ins[0], nil
}

// LatestStatements returns the n newest statements (by their report's
// time), newest first.
func (db *DB) LatestStatements(ctx context.Context, n int) ([]claimwatch.StatementRecord, error) {
	rows, err := db.r.QueryContext(ctx, `
		SELECT s.id, s.speaker, s.speaker_text, s.role, s.quote, s.evidence, `+sourceCols+`
		FROM statements s JOIN items i ON i.id = s.item_id
		ORDER BY s.said_at DESC, s.id DESC
		LIMIT ?`, n)
	if err != nil {
		return nil, fmt.Errorf("store: latest statements: %w", err)
	}
	defer rows.Close()
	var out []claimwatch.StatementRecord
	for rows.Next() {
		var r claimwatch.StatementRecord
		dest := []any{&r.ID, &r.Speaker, &r.SpeakerText, &r.Role, &r.Quote, &r.Evidence}
		if err := rows.Scan(append(dest, sourceDest(&r.Source)...)...); err != nil {
			return nil, fmt.Errorf("store: latest statements: %w", err)
		}
		r.Source.Evidence = r.Evidence
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: latest statements: %w", err)
	}
	return out, nil
}

// LatestTallies returns the newest tally of each subject (subjects compared
// by claimwatch.Fold), newest first, at most n.
func (db *DB) LatestTallies(ctx context.Context, n int) ([]claimwatch.TallyRecord, error) {
	rows, err := db.r.QueryContext(ctx, `
		SELECT t.id, t.count, t.subject, t.since, t.source, t.evidence, `+sourceCols+`
		FROM (
			SELECT tallies.*, ROW_NUMBER() OVER (PARTITION BY subject_fold ORDER BY cited_at DESC, id DESC) AS rn
			FROM tallies
		) t JOIN items i ON i.id = t.item_id
		WHERE t.rn = 1
		ORDER BY t.cited_at DESC, t.id DESC
		LIMIT ?`, n)
	if err != nil {
		return nil, fmt.Errorf("store: latest tallies: %w", err)
	}
	defer rows.Close()
	var out []claimwatch.TallyRecord
	for rows.Next() {
		var r claimwatch.TallyRecord
		dest := []any{&r.ID, &r.Count, &r.Subject, &r.Since, &r.Tally.Source, &r.Evidence}
		if err := rows.Scan(append(dest, sourceDest(&r.Source)...)...); err != nil {
			return nil, fmt.Errorf("store: latest tallies: %w", err)
		}
		r.Source.Evidence = r.Evidence
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: latest tallies: %w", err)
	}
	return out, nil
}

// Stats sums up the store. OutboxPending counts the unsent messages of
// chats not paused.
func (db *DB) Stats(ctx context.Context) (claimwatch.Stats, error) {
	var s claimwatch.Stats
	err := db.r.QueryRowContext(ctx, `
		SELECT
			(SELECT count(*) FROM feeds WHERE removed = 0),
			(SELECT count(*) FROM feeds WHERE removed = 0 AND consecutive_failures > 0),
			(SELECT count(*) FROM items),
			(SELECT count(*) FROM incidents),
			(SELECT count(*) FROM statements),
			(SELECT count(*) FROM tallies),
			(SELECT count(*) FROM chats),
			(SELECT count(*) FROM chats WHERE subscribed = 1 AND paused = 0),
			(SELECT count(*) FROM chats WHERE paused = 1),
			(SELECT count(*) FROM outbox WHERE sent_at IS NULL AND held = 0),
			(SELECT min(created_at) FROM outbox WHERE sent_at IS NULL AND held = 0)`).
		Scan(&s.Feeds, &s.FailingFeeds, &s.Items, &s.Incidents, &s.Statements, &s.Tallies,
			&s.Chats, &s.Subscribed, &s.PausedChats, &s.OutboxPending, timeCol{&s.OldestPendingMessage})
	if err != nil {
		return claimwatch.Stats{}, fmt.Errorf("store: stats: %w", err)
	}
	return s, nil
}
