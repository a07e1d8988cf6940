package export

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestSegmentsDataLayoutUnchanged checks that the flat table of coded
// segments (--layout data) is, row for row, the one avain wrote before
// the quotation reports: the golden file is that output on the coded
// demo, its document ids (new at each import) left out.
func TestSegmentsDataLayoutUnchanged(t *testing.T) {
	p := coded(t, nil)
	withMemos(t, p)
	table, err := Segments(context.Background(), p, Options{By: []string{"kind"}})
	if err != nil {
		t.Fatal(err)
	}
	// A source that cannot list the codings with memos reads every coding
	// whole, and gives the same table.
	if slow, err := Segments(context.Background(), generic{p}, Options{By: []string{"kind"}}); err != nil || !reflect.DeepEqual(slow, table) {
		t.Errorf("the generic path's segments differ (%v)", err)
	}
	col := -1
	for i, h := range table.Header {
		if h == "document_id" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no document_id column: %v", table.Header)
	}
	for _, r := range table.Rows {
		r[col] = T("-")
	}
	var buf bytes.Buffer
	if err := Write(&buf, "csv", table); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "segments_data.golden")
	if *updateGolden {
		if err := os.WriteFile(golden, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("segments (data layout) changed: %d bytes, golden %d bytes", buf.Len(), len(want))
	}
}

// withMemos writes a memo on every fifth coding of p (in document, span,
// code and coder order), by the coding's coder.
func withMemos(t *testing.T, p *project.Project) {
	t.Helper()
	rows, err := p.DB().Query(`SELECT c.id, c.coder FROM codings c JOIN documents d ON d.id = c.document_id
		WHERE c.deleted = 0 ORDER BY d.name, c.start, c.end, c.code_id, c.coder`)
	if err != nil {
		t.Fatal(err)
	}
	var ids, coders []string
	for rows.Next() {
		var id, coder string
		if err := rows.Scan(&id, &coder); err != nil {
			t.Fatal(err)
		}
		ids, coders = append(ids, id), append(coders, coder)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(ids); i += 5 {
		if err := p.SetMemo(context.Background(), coding.MemoCoding, ids[i], fmt.Sprintf("muistio %d: <b>&\"", i), coders[i]); err != nil {
			t.Fatal(err)
		}
	}
}
