package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/transcript"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	st, err := Write(dir, Options{Docs: 12, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	meta, err := transcript.ReadMeta(filepath.Join(dir, "meta.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != 12 || len(meta) != 12 {
		t.Fatalf("wrote %d files, meta.csv has %d rows; want 12", st.Files, len(meta))
	}
	words, langs, kinds := 0, map[string]int{}, map[string]int{}
	for name, row := range meta {
		path := filepath.Join(dir, name)
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", name, fi.Mode().Perm())
		}
		doc, _, err := transcript.Read(path)
		if err != nil {
			t.Fatalf("%s does not import: %v", name, err)
		}
		n := 0
		speakers := map[string]bool{}
		for _, tr := range doc.Turns {
			n += len(strings.Fields(doc.TurnText(tr)))
			speakers[tr.Speaker] = true
		}
		// The header line is a turn of its own, and a turn may run past
		// its target to end its sentence.
		if n < 5000 || n > 20000+60 {
			t.Errorf("%s: %d words, want 5,000–20,000", name, n)
		}
		if len(doc.Turns) < 50 || len(speakers) != 3 { // two speakers and the header
			t.Errorf("%s: %d turns by %d speakers", name, len(doc.Turns), len(speakers))
		}
		if !coding.ValidKind(row["kind"]) || row["region"] == "" {
			t.Errorf("%s: meta row %v", name, row)
		}
		if got := transcript.DetectLang(doc.Text); got != row["lang"] {
			t.Errorf("%s: text detected as %q, meta says %q", name, got, row["lang"])
		}
		langs[row["lang"]]++
		kinds[row["kind"]]++
		words += n
	}
	if langs["fi"] == 0 || langs["en"] == 0 || kinds["client"] == 0 || kinds["professional"] == 0 {
		t.Errorf("languages %v, kinds %v: want both languages and both main kinds", langs, kinds)
	}
	if words < st.Words { // st.Words leaves out the header lines
		t.Errorf("counted %d words, Write reports %d", words, st.Words)
	}
}

// The corpus holds inflected forms of the words the team searches for, and a
// vocabulary wider than the demo's.
func TestWriteInflects(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir, Options{Docs: 10, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	files, _ := filepath.Glob(filepath.Join(dir, "*_*"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		all.Write(b)
	}
	text := all.String()
	for _, w := range []string{"toimeentulotuen", "toimeentulotukea", "Kelasta", "hakemuksen", "päätöksen"} {
		if !strings.Contains(text, w) {
			t.Errorf("the corpus has no %q", w)
		}
	}
	types := map[string]bool{}
	for _, w := range strings.Fields(text) {
		types[strings.ToLower(strings.Trim(w, ".,?!:;\"()"))] = true
	}
	if len(types) < 8000 {
		t.Errorf("%d distinct words, want a large study's range (≥ 8,000)", len(types))
	}
}

func TestWriteDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, d := range []struct {
		dir  string
		seed uint64
	}{{a, 3}, {b, 3}, {c, 4}} {
		if _, err := Write(d.dir, Options{Docs: 3, Seed: d.seed, MinWords: 500, MaxWords: 900}); err != nil {
			t.Fatal(err)
		}
	}
	read := func(dir string) []byte {
		var out bytes.Buffer
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			data, _ := os.ReadFile(f)
			out.WriteString(filepath.Base(f) + "\n")
			out.Write(data)
		}
		return out.Bytes()
	}
	if !bytes.Equal(read(a), read(b)) {
		t.Error("the same seed wrote different corpora")
	}
	if bytes.Equal(read(a), read(c)) {
		t.Error("another seed wrote the same corpus")
	}
}

func TestWriteRefuses(t *testing.T) {
	if _, err := Write(t.TempDir(), Options{Docs: 0}); err == nil {
		t.Error("0 documents: no error")
	}
	if _, err := Write(t.TempDir(), Options{Docs: 1, MinWords: 10, MaxWords: 5}); err == nil {
		t.Error("max < min: no error")
	}
}
