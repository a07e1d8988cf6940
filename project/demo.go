package project

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"path"
	"strings"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/demo"
	"github.com/toituavain/avain/transcript"
)

// ImportDemo imports the embedded fictional demo interviews with their
// attributes, and returns how many it imported.
func (p *Project) ImportDemo(ctx context.Context, coder string) (int, error) {
	data, err := demo.FS.ReadFile("meta.csv")
	if err != nil {
		return 0, err
	}
	meta, err := transcript.ParseMeta("meta.csv", data)
	if err != nil {
		return 0, err
	}
	load := func(name string) (*coding.Document, error) {
		data, err := demo.FS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		format := strings.TrimPrefix(path.Ext(name), ".")
		return transcript.Parse(path.Base(name), format, data)
	}
	var errs []string
	n := 0
	_, err = p.importWithMeta(ctx, load, demo.Transcripts(), ImportOptions{Coder: coder}, meta, func(_ int, r ImportResult) {
		switch r.Status {
		case Imported:
			n++
		case Failed:
			errs = append(errs, r.Err.Error())
		}
	})
	if err != nil {
		return n, err
	}
	if len(errs) > 0 {
		return n, fmt.Errorf("demo material failed to import: %s", strings.Join(errs, "; "))
	}
	return n, nil
}

// DemoCoders are the two fictional coders whose example codings
// CodeDemoExamples adds.
var DemoCoders = []string{"aino", "ville"}

// CodeDemoExamples codes the demo interviews the way two fictional coders
// might have, so the themes view, the exports and the agreement measures
// have something to show: for each row of the embedded examples.csv
// (code, coders, search query) every turn the query finds is coded with
// the code for each coder named. The coders agree on most rows and differ
// on a few. It returns how many codings it added.
func (p *Project) CodeDemoExamples(ctx context.Context) (int, error) {
	data, err := demo.FS.ReadFile("examples.csv")
	if err != nil {
		return 0, err
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return 0, fmt.Errorf("demo examples.csv: %w", err)
	}
	cb, err := p.Codebook(ctx)
	if err != nil {
		return 0, err
	}
	docs := map[string]*coding.Document{}
	engine := coding.Engine{Repo: p.Store}
	n := 0
	for _, row := range rows[1:] {
		code, err := cb.Resolve(row[0])
		if err != nil {
			return n, fmt.Errorf("demo examples.csv: %s: %w", row[0], err)
		}
		res, err := p.Search(ctx, row[2], 1000)
		if err != nil {
			return n, fmt.Errorf("demo examples.csv: %q: %w", row[2], err)
		}
		for _, h := range res.Hits {
			doc := docs[h.DocID]
			if doc == nil {
				if doc, err = p.Store.Document(ctx, h.DocID); err != nil {
					return n, err
				}
				docs[h.DocID] = doc
			}
			for _, coder := range strings.Fields(row[1]) {
				_, created, err := engine.ApplyTo(ctx, doc, code, coding.Selection{Turn: h.Turn}, coder, "")
				if err != nil {
					return n, err
				}
				if created {
					n++
				}
			}
		}
	}
	return n, nil
}
