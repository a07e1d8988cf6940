package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/store"
)

// wordRows counts the documents and those with recorded word positions.
func wordRows(t *testing.T, proj string) (docs, recorded int) {
	t.Helper()
	s, err := store.Open(context.Background(), proj)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.DB().QueryRow(`SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM document_words)`).Scan(&docs, &recorded); err != nil {
		t.Fatal(err)
	}
	return docs, recorded
}

// TestCheckReindexRecordsWords: the demo's documents have their word
// positions recorded on import; of a project without them (as one from
// before they were recorded), check --reindex records them, and says so.
func TestCheckReindexRecordsWords(t *testing.T) {
	proj := filepath.Join(t.TempDir(), "demo.avain")
	if code, _, errs := avain(t, "demo", proj); code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	if docs, rec := wordRows(t, proj); docs == 0 || rec != docs {
		t.Fatalf("after import: %d documents, %d with word positions", docs, rec)
	}
	s, err := store.Open(context.Background(), proj)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`DELETE FROM document_words`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, errs := avain(t, "check", proj, "--reindex")
	docs, rec := wordRows(t, proj)
	if code != 0 || rec != docs || !strings.Contains(out, "word positions recorded for ") {
		t.Errorf("check --reindex: exit %d, %d of %d documents with word positions\n%s%s", code, rec, docs, out, errs)
	}
}
