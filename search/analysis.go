package search

// AnalysisID names the analysis an index built now would hold: the
// Finnish analysis in force (Voikko's or the fallback's, with its version)
// and the mapping's version. Tests whose expected output depends on it use
// it to say which analysis they were written for.
func AnalysisID() string { return analysisID() }
