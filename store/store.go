// Package store keeps claimwatch's feeds, items, facts, incidents, chats and
// outbox in SQLite. It is the only package with SQL: every method takes and
// returns the root package's types, and no database type leaves it.
//
// Invariants live in the schema (migrations/*.sql): an item is stored once
// per (feed, key), an item is a source of an incident once, and every fact
// commits in one transaction with the alerts and messages it causes, so a
// restart neither loses nor repeats anything.
package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/claimwatch/claimwatch"
	_ "modernc.org/sqlite" // the "sqlite" driver
)

var _ claimwatch.Store = (*DB)(nil)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// DB is the SQLite store. Writes go through one connection, so they queue
// in Go instead of failing with SQLITE_BUSY; reads use a pool of read-only
// connections, which in WAL mode see every write committed before they
// start. Its methods are safe for concurrent use.
type DB struct {
	w   *sql.DB // the one writer connection
	r   *sql.DB // read-only connections
	now func() time.Time
	st  stmts // prepared once by Open
}

// Option configures Open.
type Option func(*DB)

// WithNow sets the clock the store uses for the times callers leave zero
// (an item's FetchedAt, a message's CreatedAt, when an alert is raised or
// dispatched). The default is time.Now.
func WithNow(now func() time.Time) Option {
	return func(db *DB) { db.now = now }
}

// readers is the size of the read pool.
const readers = 4

// Open opens the database at path, creating the file if needed, applies
// the migrations it lacks and checks that it answers. A database written by
// a newer claimwatch (one with migrations this binary lacks) is refused.
// The path ":memory:" opens a database that lives as long as the DB, for
// tests and dry runs.
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	db := &DB{now: time.Now}
	for _, o := range opts {
		o(db)
	}
	// Per-connection pragmas belong in the DSN: an Exec reaches only one
	// connection of a pool. _txlock=immediate takes the write lock at BEGIN,
	// so a transaction that reads before it writes cannot fail with
	// SQLITE_BUSY when another process holds the lock.
	p := "file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	w, err := sql.Open("sqlite", p+"&_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	db.w = w
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := migrate(ctx, w, -1); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if path == ":memory:" {
		// Every connection to :memory: is a database of its own: the one
		// writer connection serves reads too.
		db.r = w
		if err := db.st.prepare(ctx, db.w, db.r); err != nil {
			w.Close()
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		return db, nil
	}
	// The file is in WAL mode now (the mode is persistent), so readers need
	// not set it, and query_only keeps them from writing by mistake.
	r, err := sql.Open("sqlite", p+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s for reading: %w", path, err)
	}
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	db.r = r
	if err := r.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s for reading: %w", path, err)
	}
	if err := db.st.prepare(ctx, db.w, db.r); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return db, nil
}

// Close closes the database. Closing it again does nothing.
func (db *DB) Close() error {
	return errors.Join(db.st.close(), db.r.Close(), db.w.Close())
}

// migration is one numbered file of migrations/.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. Their numbers must
// run 1, 2, 3... without gaps.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for i, name := range names { // fs.Glob sorts them
		base := path.Base(name)
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want number %04d", base, i+1)
		}
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	return ms, nil
}

// migrate applies the migrations the database lacks, up to version upTo
// (-1: all), each in its own transaction with the PRAGMA user_version that
// records it.
func migrate(ctx context.Context, db *sql.DB, upTo int) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var current int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if current > len(ms) {
		return fmt.Errorf("database schema version %d is newer than this claimwatch knows (%d): upgrade claimwatch", current, len(ms))
	}
	for _, m := range ms {
		if m.version <= current || (upTo >= 0 && m.version > upTo) {
			continue
		}
		if err := applyMigration(ctx, db, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if step := migrationStep(m.version); step != nil {
		if err := step(ctx, tx); err != nil {
			return err
		}
	}
	// PRAGMA takes no parameters; the version is our own file's number.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, m.version)); err != nil {
		return err
	}
	return tx.Commit()
}

// migrationStep returns the Go part of migration version, run after its
// SQL in the same transaction, or nil: the work SQL cannot do, such as
// computing claimwatch.Fold.
func migrationStep(version int) func(context.Context, *sql.Tx) error {
	switch version {
	case 5:
		return backfillIncidentFolds
	}
	return nil
}

// write runs fn in a write transaction and commits it.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // after Commit it does nothing
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// notFound says what was not found, and wraps claimwatch.ErrNotFound.
func notFound(what string, id any) error {
	return fmt.Errorf("%s %v: %w", what, id, claimwatch.ErrNotFound)
}

// ms turns a time into its column value: Unix milliseconds, NULL for the
// zero time.
func ms(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// timeCol scans a column written by ms.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*c.t = time.Time{}
	case int64:
		*c.t = time.UnixMilli(v).UTC()
	default:
		return fmt.Errorf("time column holds %T", v)
	}
	return nil
}

// countCol scans a nullable count into a *int.
type countCol struct{ p **int }

func (c countCol) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*c.p = nil
	case int64:
		*c.p = claimwatch.Count(int(v))
	default:
		return fmt.Errorf("count column holds %T", v)
	}
	return nil
}

func countVal(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

// jsonCol scans a JSON list; an empty list reads as nil.
type jsonCol[T any] struct{ p *[]T }

func (c jsonCol[T]) Scan(v any) error {
	var b []byte
	switch v := v.(type) {
	case nil:
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("list column holds %T", v)
	}
	var list []T
	if len(b) > 0 {
		if err := json.Unmarshal(b, &list); err != nil {
			return fmt.Errorf("list column: %w", err)
		}
	}
	if len(list) == 0 {
		list = nil
	}
	*c.p = list
	return nil
}

func jsonList[T any](list []T) string {
	if len(list) == 0 {
		return "[]"
	}
	b, err := json.Marshal(list)
	if err != nil {
		return "[]" // slices of strings always marshal
	}
	return string(b)
}

// b2i is the INTEGER 0/1 column value of a bool.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
