// Package summarize reads a news report (Arabic or English) and draws from it
// the attacks it describes, the statements it quotes and the tallies it cites,
// as ../shared/corpus/OUTPUT.md defines them. It imports only the root
// package; its names and words are data (data/*.yaml), compiled once by New.
package summarize

import (
	"github.com/claimwatch/claimwatch"
)

// Options configures New.
type Options struct {
	// GazetteerFiles are extra YAML or JSON gazetteer files, merged over
	// the embedded one.
	GazetteerFiles []string
}

// Extractor draws facts from reports. It is safe for concurrent use.
type Extractor struct{}

// New compiles the lexicons, the gazetteer and the patterns once.
func New(opts Options) (*Extractor, error) {
	return &Extractor{}, nil
}

// Extract returns the facts of one report. It never panics.
func (e *Extractor) Extract(r claimwatch.Report) claimwatch.Facts {
	return claimwatch.Facts{Language: DetectLanguage(r.Title + "\n" + r.Text)}
}

// DetectLanguage returns "ar" when Arabic letters outnumber Latin ones, else "en".
func DetectLanguage(text string) string {
	var ar, lat int
	for _, c := range text {
		switch {
		case c >= 0x0600 && c <= 0x06FF, c >= 0x0750 && c <= 0x077F, c >= 0xFB50 && c <= 0xFEFF:
			ar++
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			lat++
		}
	}
	if ar > lat {
		return "ar"
	}
	return "en"
}
