package finnish

import (
	"strings"
	"sync"

	"github.com/toituavain/avain/voikko"
)

// Names of the analyzers and token filters registered with bleve.
const (
	VoikkoAnalyzer      = "avain_fi_voikko"       // index side, with Voikko
	VoikkoQueryAnalyzer = "avain_fi_voikko_query" // query side, with Voikko
	FallbackAnalyzer    = "avain_fi_fallback"     // index side, without Voikko
	// FallbackQueryAnalyzer is the query side without Voikko.
	FallbackQueryAnalyzer = "avain_fi_fallback_query"

	VoikkoFilter      = "avain_fi_voikko_filter"
	VoikkoQueryFilter = "avain_fi_voikko_query_filter"
	FallbackFilter    = "avain_fi_fallback_filter"
	// FallbackQueryFilter is the query side's filter without Voikko.
	FallbackQueryFilter = "avain_fi_fallback_query_filter"
)

// Analysis IDs: change the number whenever the terms an analysis produces
// change, so that indexes built with the old one are rebuilt.
const (
	voikkoID   = "voikko-8"    // 7: base forms of a word with several marked ≈; 8: parts too, irregular stems only as written; 2: participles' verbs, derived parts, ~key always, hyphenated words whole; 3-6: unknown words' ~key by the new fallback rules
	fallbackID = "fallback-11" // 11: irregular stems only as written (hyppää is not hyvä); 2: hyphenated words whole, irregular forms deterministic; 3: inflection rules instead of Snowball, particles apart; 4: both readings of a word indexed; 5, 6: stem vowel classes; 7: kk/k kept beside k/∅, siksi a particle; 8: the written word too, for wildcards; 9: -da, -stä, -lla, type 4 verbs; 10: present participles searched as themselves
)

const fallbackNotice = "Voikko is not installed: Finnish search uses stemming " +
	"(apt-get install libvoikko1 voikko-fi for full Finnish morphology)"

var (
	sharedOnce sync.Once
	sharedV    *voikko.Voikko
	sharedErr  error
)

// sharedVoikko opens the process-wide Voikko instance the filters use.
func sharedVoikko() (*voikko.Voikko, error) {
	sharedOnce.Do(func() {
		sharedV, sharedErr = voikko.Open("fi")
	})
	return sharedV, sharedErr
}

// UsesVoikko reports whether the analysis in force is Voikko's.
func UsesVoikko() bool {
	_, err := sharedVoikko()
	return err == nil
}

// AnalyzerName is the name of the bleve analyzer in force for indexing
// Finnish text fields (Voikko's when it is installed, the fallback's
// otherwise).
func AnalyzerName() string {
	if UsesVoikko() {
		return VoikkoAnalyzer
	}
	return FallbackAnalyzer
}

// QueryAnalyzerName is the name of the bleve analyzer to analyse search text
// with (set it as a match query's Analyzer): like AnalyzerName but without
// compound parts, participles' verbs or the halves of hyphenated words.
func QueryAnalyzerName() string {
	if UsesVoikko() {
		return VoikkoQueryAnalyzer
	}
	return FallbackQueryAnalyzer
}

// AnalysisID names the analysis in force ("voikko-2" or "fallback-2"); an
// index built with another ID must be rebuilt.
func AnalysisID() string {
	if UsesVoikko() {
		return voikkoID
	}
	return fallbackID
}

// Notice is a one-line note for the user when Voikko is not in use ("" when
// it is).
func Notice() string {
	switch {
	case UsesVoikko():
		return ""
	case voikko.Disabled():
		return "Voikko is turned off (" + voikko.EnvDisable + "): Finnish search uses stemming"
	}
	return fallbackNotice
}

// AnalysisChange is the one-line note to give, once, when an index built
// with the analysis previous (an AnalysisID, possibly followed by "/" and
// more) is rebuilt with the one in force because Voikko appeared or
// disappeared; "" when previous is "" or of the same kind (a new version
// of the same analysis is rebuilt without a word).
func AnalysisChange(previous string) string {
	kind := func(id string) string { return strings.SplitN(id, "-", 2)[0] }
	prev, now := kind(previous), kind(AnalysisID())
	switch {
	case previous == "" || prev == now:
		return ""
	case now == kind(voikkoID):
		return "Voikko is now installed: the search index is rebuilt with full Finnish morphology"
	default:
		return "Voikko is no longer available: the search index is rebuilt with stemming " +
			"(apt-get install libvoikko1 voikko-fi for full Finnish morphology)"
	}
}
