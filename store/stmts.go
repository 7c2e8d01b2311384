package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// stmts are the statements of the hot paths (saving a report, asking for
// an item's hash), prepared once when the store opens, so SQLite compiles
// their text once per connection instead of on every call. The writer's
// are prepared on its one connection; a transaction runs them through
// tx.StmtContext, which reuses that compiled statement.
type stmts struct {
	itemHash *sql.Stmt // on the readers

	feedName, findItem, countItem, findStory, insertStory, insertItem *sql.Stmt
	insertStatement, insertTally                                      *sql.Stmt
	candidates, incidentByID, insertIncident, updateIncident          *sql.Stmt
	insertAttack, insertSource, insertAlert                           *sql.Stmt
}

// prepare prepares the statements: itemHash on the readers r, the others
// on the writer w. On error it closes those already prepared.
func (s *stmts) prepare(ctx context.Context, w, r *sql.DB) error {
	for _, p := range []struct {
		dst   **sql.Stmt
		db    *sql.DB
		query string
	}{
		{&s.itemHash, r, itemHashSQL},
		{&s.feedName, w, feedNameSQL},
		{&s.findItem, w, findItemSQL},
		{&s.countItem, w, countItemSQL},
		{&s.findStory, w, findStorySQL},
		{&s.insertStory, w, insertStorySQL},
		{&s.insertItem, w, insertItemSQL},
		{&s.insertStatement, w, insertStatementSQL},
		{&s.insertTally, w, insertTallySQL},
		{&s.candidates, w, candidatesSQL},
		{&s.incidentByID, w, incidentByIDSQL},
		{&s.insertIncident, w, insertIncidentSQL},
		{&s.updateIncident, w, updateIncidentSQL},
		{&s.insertAttack, w, insertAttackSQL},
		{&s.insertSource, w, insertSourceSQL},
		{&s.insertAlert, w, insertAlertSQL},
	} {
		st, err := p.db.PrepareContext(ctx, p.query)
		if err != nil {
			s.close()
			return fmt.Errorf("prepare %q: %w", p.query, err)
		}
		*p.dst = st
	}
	return nil
}

// close closes the statements prepared; closing them again does nothing.
func (s *stmts) close() error {
	var errs []error
	for _, st := range []**sql.Stmt{
		&s.itemHash, &s.feedName, &s.findItem, &s.countItem, &s.findStory, &s.insertStory, &s.insertItem,
		&s.insertStatement, &s.insertTally, &s.candidates, &s.incidentByID, &s.insertIncident, &s.updateIncident,
		&s.insertAttack, &s.insertSource, &s.insertAlert,
	} {
		if *st != nil {
			errs = append(errs, (*st).Close())
			*st = nil
		}
	}
	return errors.Join(errs...)
}
