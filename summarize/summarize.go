// Package summarize reads a news report (Arabic or English) and draws from it
// the attacks it describes, the statements it quotes and the tallies it cites,
// as ../shared/corpus/OUTPUT.md defines them. It imports only the root
// package; its names and words are data (data/*.yaml, embedded, extendable
// with gazetteer files), compiled once by New. Extract never panics.
package summarize

import (
	"fmt"

	"github.com/claimwatch/claimwatch"
)

// Options configures New.
type Options struct {
	// GazetteerFiles are extra YAML or JSON gazetteer files (the format of
	// data/gazetteer.yaml), merged over the embedded one.
	GazetteerFiles []string
}

// Extractor draws facts from reports. It is safe for concurrent use: after
// New it is only read.
type Extractor struct {
	lex *lexicons
}

// New compiles the lexicons, the gazetteer and the patterns once.
func New(opts Options) (*Extractor, error) {
	lex, err := buildLexicons(opts.GazetteerFiles)
	if err != nil {
		return nil, fmt.Errorf("summarize: %w", err)
	}
	return &Extractor{lex: lex}, nil
}

// Extract returns the facts of one report. Input of any size or encoding is
// accepted: text past 64 KiB is ignored, HTML is reduced to its text.
func (e *Extractor) Extract(r claimwatch.Report) (f claimwatch.Facts) {
	defer func() {
		if p := recover(); p != nil {
			// A bug must not take the service down with one odd report:
			// return what the language detector says and nothing else.
			f = claimwatch.Facts{Language: DetectLanguage(r.Title + "\n" + r.Text)}
		}
	}()
	return e.extract(r)
}

// extract is Extract without the safety net, for the fuzz test to see panics.
func (e *Extractor) extract(r claimwatch.Report) (f claimwatch.Facts) {
	d := e.read(r)
	f.Language = d.lang
	f.Tallies = e.tallies(d)
	f.Attacks = e.attacks(d)
	f.Statements = e.statements(d)
	return f
}
