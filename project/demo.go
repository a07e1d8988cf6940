package project

import (
	"context"
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
