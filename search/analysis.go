package search

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/toituavain/avain/search/finnish"
)

// analysisFile, in a generation's folder, names the analysis it was
// built with.
const analysisFile = "avain-analysis"

// AnalysisID names the analysis an index built now would hold: the
// Finnish analysis in force (Voikko's or the fallback's, with its version)
// and the mapping's version. Tests whose expected output depends on it use
// it to say which analysis they were written for.
func AnalysisID() string { return analysisID() }

// ReplacedAnalysis is the analysis of the index a writer found open and
// started again because another analysis is in force now (Voikko was
// installed or removed, or avain's analysis changed): "" when the index
// was of this analysis, new, or unreadable. finnish.AnalysisChange words
// it for the user.
func (ix *Index) ReplacedAnalysis() string { return ix.replaced }

// AnalysisChange is the one-line note to give, once, when an index of the
// analysis previous (ReplacedAnalysis) is rebuilt with the one in force:
// "" when there is nothing to say (see finnish.AnalysisChange).
func AnalysisChange(previous string) string { return finnish.AnalysisChange(previous) }

// writeGenAnalysis names the analysis in force in the generation folder
// path: outside bleve too, for an index of an analysis not registered now
// (Voikko's, without Voikko) does not open.
func writeGenAnalysis(path string) error {
	if err := os.WriteFile(filepath.Join(path, analysisFile), []byte(analysisID()), 0o600); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	return nil
}

// genAnalysis is the analysis the current generation of the index in dir
// was built with, "" when none is named.
func genAnalysis(dir string) string {
	gen := readCurrent(dir)
	if gen == "" {
		return ""
	}
	b, err := os.ReadFile(filepath.Join(dir, gen, analysisFile))
	if err != nil {
		return ""
	}
	return string(b)
}
