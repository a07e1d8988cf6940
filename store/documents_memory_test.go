package store

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestEachDocumentHoldsOneDocumentAtATime: EachDocument (an index rebuild
// reads the project through it) reads each document's text as it hands it
// over, so the heap holds about one document, not the project.
func TestEachDocumentHoldsOneDocumentAtATime(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: six 2 MiB documents; run without -short")
	}
	s, _ := newProject(t)
	ctx := context.Background()
	const docs, size = 6, 2 << 20
	for i := range docs {
		var b strings.Builder
		for k := 0; b.Len() < size; k++ {
			fmt.Fprintf(&b, "V: Asiakirja %d, rivi %d: %s\n", i, k, strings.Repeat("Kelasta pyydettiin liitteitä. ", 30))
		}
		if err := s.ImportDocument(ctx, sampleDoc(fmt.Sprintf("d%d.txt", i), strings.TrimSpace(b.String())), "aino"); err != nil {
			t.Fatal(err)
		}
	}
	heap := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	base := heap()
	var most uint64
	seen := 0
	err := s.EachDocument(ctx, func(d *coding.Document) error {
		seen++
		if h := heap(); h > base && h-base > most {
			most = h - base
		}
		return nil
	})
	if err != nil || seen != docs {
		t.Fatalf("EachDocument: %d documents, %v", seen, err)
	}
	if most > 3*size {
		t.Errorf("the heap grew by %d MB while reading %d documents of %d MB, want at most %d MB", most>>20, docs, size>>20, 3*size>>20)
	}
}

// TestImportCountsWordsAsDocumentWords: the word count stored at import is
// Document.Words, counted in one pass.
func TestImportCountsWordsAsDocumentWords(t *testing.T) {
	for _, text := range []string{
		"H: Hyvää päivää, mitä kuuluu?\nV: Ihan hyvää, kiitos 2024.",
		"H: 日本語 ok\nV: äiti-isä",
	} {
		d := sampleDoc("x.txt", text)
		if got, want := turnWords(d), d.Words(); got != want {
			t.Errorf("turnWords = %d, want %d", got, want)
		}
		d.Turns = nil
		if got, want := turnWords(d), d.Words(); got != want {
			t.Errorf("without turns: turnWords = %d, want %d", got, want)
		}
	}
}
