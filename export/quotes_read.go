package export

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/toituavain/avain/coding"
)

// passage is one coding read from its document: the quoted text and the
// turn it starts in.
type passage struct {
	c       *coding.Coding
	doc     coding.DocSummary
	text    string
	turn    int
	speaker string
	time    string // the turn's start hh:mm:ss in a timed transcript
}

// readPassages reads the text and turn of each coding of d, document by
// document, so that at most one document's text is held at a time. The
// result is parallel to d.codings; a coding of a document not listed
// (deleted) has a zero passage (c nil).
func readPassages(ctx context.Context, src Source, d *data) ([]passage, error) {
	spans := make([]coding.Span, len(d.codings))
	for i, c := range d.codings {
		spans[i] = c.Span()
	}
	out := make([]passage, len(d.codings))
	err := readSpans(ctx, src, d.docs, func(i int) string { return d.codings[i].DocumentID }, len(spans),
		func(i int, s coding.DocSummary, doc *coding.Document, text coding.TextIndex) {
			p := citeSpan(doc, text, spans[i])
			p.c, p.doc = d.codings[i], s
			out[i] = p
		})
	return out, err
}

// readQuotes reads the text, turn, speaker and time of each quotation,
// one document at a time.
func readQuotes(ctx context.Context, src Source, d *data, qs []*quoteAt) error {
	return readSpans(ctx, src, d.docs, func(i int) string { return qs[i].docID }, len(qs),
		func(i int, _ coding.DocSummary, doc *coding.Document, text coding.TextIndex) {
			p := citeSpan(doc, text, coding.Span{Start: qs[i].start, End: qs[i].end})
			qs[i].Text, qs[i].Turn, qs[i].Speaker, qs[i].Time = p.text, p.turn, p.speaker, p.time
		})
}

// readSpans reads each of the documents (in their order) that one of n
// spans lies in (docOf(i) is span i's document), and calls fill for each
// span with its document; it keeps no document once it has moved on.
func readSpans(ctx context.Context, src Source, docs []coding.DocSummary, docOf func(int) string, n int,
	fill func(i int, s coding.DocSummary, doc *coding.Document, text coding.TextIndex)) error {
	byDoc := map[string][]int{}
	for i := range n {
		byDoc[docOf(i)] = append(byDoc[docOf(i)], i)
	}
	for _, s := range docs {
		idx := byDoc[s.ID]
		if len(idx) == 0 {
			continue
		}
		doc, err := src.Document(ctx, s.ID)
		if err != nil {
			return err
		}
		text := coding.NewTextIndex(doc.Text)
		for _, i := range idx {
			fill(i, s, doc, text)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// citeSpan is the span's text (a copy: a slice of the text would keep the
// whole document), the turn it starts in, its speaker and, in a timed
// transcript, the turn's start time.
func citeSpan(doc *coding.Document, text coding.TextIndex, s coding.Span) passage {
	p := passage{text: strings.Clone(text.Slice(s.Start, s.End)), turn: doc.TurnAt(s.Start)}
	if p.turn > 0 {
		t := doc.Turns[p.turn-1]
		p.speaker = t.Speaker
		if t.HasTime {
			p.time = clock(t.Time)
		}
	}
	return p
}

// clock writes a time in a recording as hh:mm:ss.
func clock(t time.Duration) string {
	s := int(t / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}
