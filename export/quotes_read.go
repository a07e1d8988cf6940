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
	byDoc := map[string][]int{}
	for i, c := range d.codings {
		byDoc[c.DocumentID] = append(byDoc[c.DocumentID], i)
	}
	out := make([]passage, len(d.codings))
	for _, s := range d.docs {
		idx := byDoc[s.ID]
		if len(idx) == 0 {
			continue
		}
		doc, err := src.Document(ctx, s.ID)
		if err != nil {
			return nil, err
		}
		text := coding.NewTextIndex(doc.Text)
		for _, i := range idx {
			c := d.codings[i]
			// a copy: a slice of the text would keep the whole document
			p := passage{c: c, doc: s, text: strings.Clone(text.Slice(c.Start, c.End)), turn: doc.TurnAt(c.Start)}
			if p.turn > 0 {
				t := doc.Turns[p.turn-1]
				p.speaker = t.Speaker
				if t.HasTime {
					p.time = clock(t.Time)
				}
			}
			out[i] = p
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// clock writes a time in a recording as hh:mm:ss.
func clock(t time.Duration) string {
	s := int(t / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}
