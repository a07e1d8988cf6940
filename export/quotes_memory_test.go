package export

import (
	"context"
	"runtime"
	"testing"
	"unsafe"
	"weak"

	"github.com/toituavain/avain/coding"
)

// textWatch is a Source whose documents' texts are watched: each text is
// a fresh allocation, and every time a document is read it counts how
// many texts read before it are still held.
type textWatch struct {
	Source
	texts []weak.Pointer[byte]
	held  int // the most earlier texts still held when a document was read
}

func (s *textWatch) Document(ctx context.Context, ref string) (*coding.Document, error) {
	runtime.GC()
	n := 0
	for _, w := range s.texts {
		if w.Value() != nil {
			n++
		}
	}
	s.held = max(s.held, n)
	doc, err := s.Source.Document(ctx, ref)
	if err != nil || doc.Text == "" {
		return doc, err
	}
	b := []byte(doc.Text) // a copy of its own, watched
	s.texts = append(s.texts, weak.Make(&b[0]))
	doc.Text = unsafe.String(&b[0], len(b))
	return doc, nil
}

// TestExportsHoldOneDocumentAtATime checks that the segments table and
// the quotation report keep no document's text once they have moved on
// to the next document: the quoted passages are copies.
func TestExportsHoldOneDocumentAtATime(t *testing.T) {
	p := coded(t, nil)
	ctx := context.Background()
	for name, run := range map[string]func(Source) (any, error){
		"segments":   func(s Source) (any, error) { return Segments(ctx, s, Options{}) },
		"quotations": func(s Source) (any, error) { return Quotations(ctx, s, QuoteOptions{}) },
	} {
		t.Run(name, func(t *testing.T) {
			w := &textWatch{Source: p}
			out, err := run(w)
			if err != nil {
				t.Fatal(err)
			}
			if len(w.texts) < 5 {
				t.Fatalf("only %d documents read", len(w.texts))
			}
			if w.held > 0 {
				t.Errorf("%d earlier documents' texts still held when the next was read", w.held)
			}
			runtime.GC()
			for i, x := range w.texts {
				if x.Value() != nil {
					t.Errorf("document %d's text is held by the result", i)
				}
			}
			runtime.KeepAlive(out)
		})
	}
}

// TestQuotationsReadOnlyTheirDocuments checks that a report that shows
// one quotation of a code read only the document it is from.
func TestQuotationsReadOnlyTheirDocuments(t *testing.T) {
	p := coded(t, nil)
	ctx := context.Background()
	all, err := Quotations(ctx, p, QuoteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	code := ""
	for _, c := range all.Themes[0].Codes {
		docs := map[string]bool{}
		for _, q := range c.Quotes {
			docs[q.Document] = true
		}
		if len(docs) > 2 && len(c.Code.Path) > 1 && code == "" {
			code = c.Code.ID
		}
	}
	if code == "" {
		t.Fatal("no code of the first theme is quoted from three documents")
	}
	w := &textWatch{Source: p}
	r, err := Quotations(ctx, w, QuoteOptions{Options: Options{Codes: []string{code}}, PerCode: 1, Pick: "longest"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Themes) != 1 || len(r.Themes[0].Codes) == 0 || len(w.texts) != 1 {
		t.Errorf("read %d documents for one quotation", len(w.texts))
	}
}
