package export

import (
	"context"
	"slices"

	"github.com/toituavain/avain/coding"
)

// codedTexts is what a Source offers to count a theme table quickly;
// *project.Project has it (its store's CodedSpans).
type codedTexts interface {
	CodedSpans(ctx context.Context, docs, coders []string) (map[string][]coding.CodedSpan, error)
}

// Frequencies computes the theme table o selects: the codes' numbers as
// coding.Frequencies defines them, with full paths (also under a --code
// selection).
func Frequencies(ctx context.Context, src Source, o Options) (coding.FreqTable, *coding.Codebook, error) {
	ct, fast := src.(codedTexts)
	var d *data
	var err error
	if fast {
		d, err = loadMeta(ctx, src, o)
	} else {
		d, err = load(ctx, src, o, true)
	}
	if err != nil {
		return coding.FreqTable{}, nil, err
	}
	cb, err := d.subCodebook()
	if err != nil {
		return coding.FreqTable{}, nil, err
	}
	docs := make([]coding.FreqDoc, len(d.docs))
	for i, s := range d.docs {
		docs[i] = coding.FreqDoc{ID: s.ID, Attrs: attrs(s)}
	}
	var t coding.FreqTable
	if fast {
		t, err = countCoded(ctx, ct, cb, d, docs, o)
	} else {
		words, failed := wordCounter(ctx, src)
		t = coding.Frequencies(cb, d.lang, docs, d.codings, o.By, words)
		err = failed()
	}
	if err != nil {
		return coding.FreqTable{}, nil, err
	}
	for i := range t.Rows { // full paths, also under a --code selection
		if id := t.Rows[i].CodeID; id != "" {
			t.Rows[i].Path = d.cb.Path(id, d.lang)
		}
	}
	return t, d.cb, nil
}

// countCoded counts the table from the codings' spans and the word ranges
// they cover.
func countCoded(ctx context.Context, src codedTexts, cb *coding.Codebook, d *data, docs []coding.FreqDoc, o Options) (coding.FreqTable, error) {
	ids := make([]string, len(d.docs))
	for i, s := range d.docs {
		ids[i] = s.ID
	}
	spans, err := src.CodedSpans(ctx, ids, o.Coders)
	if err != nil {
		return coding.FreqTable{}, err
	}
	fc := coding.NewFreqCounter(cb, docs, o.By)
	for _, id := range ids {
		cs := spans[id]
		if cb.Len() < d.cb.Len() { // a --code selection: its codings alone
			cs = slices.DeleteFunc(cs, func(c coding.CodedSpan) bool { return cb.Code(c.CodeID) == nil })
		}
		fc.Document(id, cs, nil)
	}
	return fc.Table(d.lang), nil
}

// wordCounter counts words in spans of documents, reading each document
// once and keeping only the positions of its words: for a Source that
// cannot give the codings' spans and the texts apart.
func wordCounter(ctx context.Context, src Source) (coding.WordCounter, func() error) {
	index := map[string]coding.Words{}
	var err error
	count := func(docID string, spans []coding.Span) int {
		w, ok := index[docID]
		if !ok {
			text, e := src.DocumentText(ctx, docID)
			if e != nil {
				err = e
				index[docID] = coding.Words{}
				return 0
			}
			w = coding.IndexWords(text)
			index[docID] = w
		}
		return w.InAll(spans)
	}
	return count, func() error { return err }
}
