package export

import (
	"context"
	"fmt"
	"strings"

	"github.com/toituavain/avain/coding"
)

// Agreement units.
const (
	UnitTurn = "turn" // a speaker turn: did the coder apply the code in it
	UnitChar = "char" // a character: is it inside the coder's coding (NVivo's unit)
)

// AgreementOptions select what an agreement table covers.
type AgreementOptions struct {
	A, B  string   // the two coders
	Codes []string // only these codes' subtrees (all when empty)
	Docs  []string // only these documents, by name or id (all both coded when empty)
	Unit  string   // UnitTurn (default) or UnitChar
	Lang  string
}

// AgreementRow is one code's (or, with CodeID "", the pooled) agreement.
type AgreementRow struct {
	CodeID string
	Path   []string
	Parent bool // the code has child codes (a theme)
	coding.Agreement
}

// Disagreement is a turn where one coder applied a code and the other did
// not.
type Disagreement struct {
	Doc     string `json:"document"`
	Turn    int    `json:"turn"`
	Speaker string `json:"speaker"`
	Code    string `json:"code"`
	Coder   string `json:"coded_by"` // the coder who applied it
	Text    string `json:"text"`
}

// AgreementResult is the agreement of two coders over the documents both
// coded.
type AgreementResult struct {
	Documents     []string // the documents compared
	Rows          []AgreementRow
	Overall       coding.Agreement
	Disagreements []Disagreement
}

// Agreement compares two coders' codings, per code and pooled over the
// codes, over the documents both coded (or those of o.Docs). A code is in
// the table when either coder used it there. With UnitTurn, each speaker
// turn is a unit and a coder applied a code in it when a coding of that
// code overlaps it; with UnitChar each character of the documents is a
// unit, coded or not. The disagreements are listed by turn in both units.
func Agreement(ctx context.Context, src Source, o AgreementOptions) (*AgreementResult, error) {
	if o.A == "" || o.B == "" || o.A == o.B {
		return nil, fmt.Errorf("agreement needs two different coders")
	}
	unit := o.Unit
	if unit == "" {
		unit = UnitTurn
	}
	if unit != UnitTurn && unit != UnitChar {
		return nil, fmt.Errorf("unknown unit %q (use turn or char)", unit)
	}
	d, err := load(ctx, src, Options{Coders: []string{o.A, o.B}, Codes: o.Codes, Lang: o.Lang}, true)
	if err != nil {
		return nil, err
	}
	wantDoc := map[string]bool{}
	for _, ref := range o.Docs {
		doc, err := src.Document(ctx, ref)
		if err != nil {
			return nil, err
		}
		wantDoc[doc.ID] = true
	}
	// By document, coder and code: the spans.
	type key struct{ doc, coder, code string }
	spans := map[key][]coding.Span{}
	coded := map[string]map[string]bool{} // doc -> coder -> any coding
	used := map[string]bool{}
	for _, c := range d.codings {
		if len(wantDoc) > 0 && !wantDoc[c.DocumentID] {
			continue
		}
		spans[key{c.DocumentID, c.Coder, c.CodeID}] = append(spans[key{c.DocumentID, c.Coder, c.CodeID}], c.Span())
		if coded[c.DocumentID] == nil {
			coded[c.DocumentID] = map[string]bool{}
		}
		coded[c.DocumentID][c.Coder] = true
		used[c.CodeID] = true
	}
	if len(o.Codes) > 0 { // the documents both coded at all, as without --code
		if err := markCoded(ctx, src, coded, wantDoc, o.A, o.B); err != nil {
			return nil, err
		}
	}
	res := &AgreementResult{}
	tables := map[string]coding.Agreement{}
	for _, sum := range d.docs {
		if !coded[sum.ID][o.A] || !coded[sum.ID][o.B] {
			continue // both coders must have coded the document
		}
		doc, err := src.Document(ctx, sum.ID)
		if err != nil {
			return nil, err
		}
		res.Documents = append(res.Documents, doc.Name)
		total, text := coding.RuneLen(doc.Text), coding.NewTextIndex(doc.Text) // a turn's text without scanning from the start
		for _, code := range d.codeIDs {
			if !used[code] {
				continue
			}
			sa, sb := spans[key{doc.ID, o.A, code}], spans[key{doc.ID, o.B, code}]
			t, differ := coding.TurnAgreement(doc.Turns, sa, sb)
			if unit == UnitChar {
				t = coding.SpanAgreement(sa, sb, total)
			}
			for _, df := range differ {
				tn := doc.Turns[df.Turn]
				who := o.A
				if !df.ByA {
					who = o.B
				}
				res.Disagreements = append(res.Disagreements, Disagreement{Doc: doc.Name, Turn: tn.N, Speaker: tn.Speaker,
					Code: strings.Join(d.cb.Path(code, d.lang), "/"), Coder: who, Text: text.Slice(tn.Start, tn.End)})
			}
			tables[code] = tables[code].Add(t)
		}
	}
	for _, code := range d.codeIDs {
		if t, ok := tables[code]; ok {
			res.Rows = append(res.Rows, AgreementRow{CodeID: code, Path: d.cb.Path(code, d.lang),
				Parent: len(d.cb.Subtree(code)) > 1, Agreement: t})
			res.Overall = res.Overall.Add(t)
		}
	}
	return res, nil
}

// markCoded marks in coded (document → coder → any coding) every document
// (of want, when it names some) where coder a or b has a coding of any
// code.
func markCoded(ctx context.Context, src Source, coded map[string]map[string]bool, want map[string]bool, a, b string) error {
	cs, err := src.Codings(ctx, coding.CodingFilter{Bare: true})
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c.Coder != a && c.Coder != b || len(want) > 0 && !want[c.DocumentID] {
			continue
		}
		if coded[c.DocumentID] == nil {
			coded[c.DocumentID] = map[string]bool{}
		}
		coded[c.DocumentID][c.Coder] = true
	}
	return nil
}
