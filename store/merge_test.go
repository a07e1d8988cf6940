package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
)

// clock is one clock shared by every copy in a test, so that edits made
// in different copies have distinct, ordered times, as on real machines.
type clock struct{ ms atomic.Int64 }

func (c *clock) now() time.Time { return time.UnixMilli(1_700_000_000_000 + c.ms.Add(7)).UTC() }

func openAt(t *testing.T, path string, c *clock) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = c.now
	return s
}

// cp copies a closed project file, as a team member would.
func cp(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// baseProject writes a closed project with a small codebook and documents.
func baseProject(t *testing.T, dir string, c *clock, rng *rand.Rand) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, "base.avain")
	s, err := Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = c.now
	var codes []*coding.Code
	for i := range 3 {
		theme := &coding.Code{Record: coding.Record{ID: fmt.Sprintf("t%d", i)}, NameFi: fmt.Sprintf("Teema %d", i), NameEn: fmt.Sprintf("Theme %d", i), Position: i}
		codes = append(codes, theme)
		for j := range 3 {
			codes = append(codes, &coding.Code{Record: coding.Record{ID: fmt.Sprintf("t%dc%d", i, j)}, ParentID: theme.ID,
				NameFi: fmt.Sprintf("Koodi %d.%d", i, j), NameEn: fmt.Sprintf("Code %d.%d", i, j), Position: j})
		}
	}
	if _, err := s.ImportCodes(ctx, codes, "lead"); err != nil {
		t.Fatal(err)
	}
	for d := range 3 {
		var lines []string
		for range 4 + rng.IntN(4) {
			lines = append(lines, fmt.Sprintf("H: kysymys %d", rng.IntN(1000)), fmt.Sprintf("V: vastaus %d ja vähän lisää", rng.IntN(1000)))
		}
		if err := s.ImportDocument(ctx, sampleDoc(fmt.Sprintf("doc%d.txt", d), strings.Join(lines, "\n")), "lead"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// edit applies n random edits by coder to the project at path: code,
// uncode, recode, memo, rename a code, delete a code, merge a code.
func edit(t *testing.T, path, coder string, n int, c *clock, rng *rand.Rand) {
	t.Helper()
	ctx := context.Background()
	s := openAt(t, path, c)
	defer s.Close()
	var docs []*coding.Document
	if err := s.EachDocument(ctx, func(d *coding.Document) error { docs = append(docs, d); return nil }); err != nil {
		t.Fatal(err)
	}
	eng := coding.Engine{Repo: s}
	for range n {
		cb, err := s.Codebook(ctx)
		if err != nil {
			t.Fatal(err)
		}
		codes := cb.Codes()
		live, err := s.Codings(ctx, coding.CodingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		d := docs[rng.IntN(len(docs))]
		switch k := rng.IntN(20); {
		case k < 9 || len(live) == 0: // code a turn or a part of one
			tn := d.Turns[rng.IntN(len(d.Turns))]
			span := coding.Span{Start: tn.Start, End: tn.End}
			if rng.IntN(3) == 0 {
				span.End = tn.Start + 1 + rng.IntN(tn.End-tn.Start)
			}
			if _, _, err := eng.ApplyTo(ctx, d, codes[rng.IntN(len(codes))], coding.Selection{Span: span}, coder, ""); err != nil {
				t.Fatal(err)
			}
		case k < 12: // uncode
			if _, err := eng.Remove(ctx, live[rng.IntN(len(live))].ID, coder); err != nil {
				t.Fatal(err)
			}
		case k < 14: // recode: remove, and code the same span with another code
			old := live[rng.IntN(len(live))]
			if _, err := eng.Remove(ctx, old.ID, coder); err != nil {
				t.Fatal(err)
			}
			doc, _ := s.Document(ctx, old.DocumentID)
			if _, _, err := eng.ApplyTo(ctx, doc, codes[rng.IntN(len(codes))], coding.Selection{Span: old.Span()}, coder, ""); err != nil {
				t.Fatal(err)
			}
		case k < 16: // memo on a coding, a document or a code
			text := fmt.Sprintf("%s: muistio %d", coder, rng.IntN(100))
			var err error
			switch rng.IntN(3) {
			case 0:
				err = s.SetMemo(ctx, coding.MemoCoding, live[rng.IntN(len(live))].ID, text, coder)
			case 1:
				err = s.SetMemo(ctx, coding.MemoDocument, d.ID, text, coder)
			default:
				err = s.SetMemo(ctx, coding.MemoCode, codes[rng.IntN(len(codes))].ID, text, coder)
			}
			if err != nil {
				t.Fatal(err)
			}
		case k < 18: // rename a code (a name unique to this coder and step)
			cd := codes[rng.IntN(len(codes))]
			if _, err := s.UpdateCode(ctx, cd.ID, coder, "rename", func(c *coding.Code) error {
				c.NameFi = fmt.Sprintf("%s (%s %d)", strings.SplitN(c.NameFi, " (", 2)[0], coder, rng.IntN(1e6))
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		case k < 19: // delete a leaf code with its codings
			var leaves []*coding.Code
			for _, cd := range codes {
				if len(cb.Subtree(cd.ID)) == 1 {
					leaves = append(leaves, cd)
				}
			}
			if len(leaves) > 3 {
				if _, _, err := s.DeleteCode(ctx, leaves[rng.IntN(len(leaves))].ID, coder, true); err != nil {
					t.Fatal(err)
				}
			}
		default: // merge one leaf code into another
			var leaves []*coding.Code
			for _, cd := range codes {
				if len(cb.Subtree(cd.ID)) == 1 {
					leaves = append(leaves, cd)
				}
			}
			if len(leaves) > 3 {
				a, b := leaves[rng.IntN(len(leaves))], leaves[rng.IntN(len(leaves))]
				if a.ID != b.ID {
					if _, err := s.MergeCode(ctx, a.ID, b.ID, coder); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
}

// content describes a project by what a researcher sees, not by ids:
// documents by their text, codes by their path, codings by document,
// code, span and coder, memos and attributes by what they are on.
func content(t *testing.T, path string) []string {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out []string
	docHash := map[string]string{}
	var docs []*coding.Document
	if err := s.EachDocument(ctx, func(d *coding.Document) error { docs = append(docs, d); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		docHash[d.ID] = d.Hash[:12]
		out = append(out, fmt.Sprintf("document %s %s %s %s", d.Hash[:12], d.Name, d.Kind, d.Lang))
		for k, v := range d.Attrs {
			out = append(out, fmt.Sprintf("attribute %s %s=%s", d.Hash[:12], k, v))
		}
		if m, _ := s.Memo(ctx, coding.MemoDocument, d.ID); m != "" {
			out = append(out, fmt.Sprintf("memo on document %s: %s", d.Hash[:12], m))
		}
	}
	cb, err := s.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	path1 := func(id string) string { return strings.Join(cb.Path(id, coding.LangFinnish), "/") }
	for _, c := range cb.Codes() {
		out = append(out, fmt.Sprintf("code %s | %s | %s", path1(c.ID), c.NameEn, c.Shortcut))
		if m, _ := s.Memo(ctx, coding.MemoCode, c.ID); m != "" {
			out = append(out, fmt.Sprintf("memo on code %s: %s", path1(c.ID), m))
		}
	}
	cs, err := s.Codings(ctx, coding.CodingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		line := fmt.Sprintf("coding %s [%d,%d) %s by %s", docHash[c.DocumentID], c.Start, c.End, path1(c.CodeID), c.Coder)
		out = append(out, line)
		if m, _ := s.Memo(ctx, coding.MemoCoding, c.ID); m != "" {
			out = append(out, "memo on "+line+": "+m)
		}
	}
	sort.Strings(out)
	return out
}

func sameContent(t *testing.T, what string, a, b []string) {
	t.Helper()
	if strings.Join(a, "\n") == strings.Join(b, "\n") {
		return
	}
	in := map[string]int{}
	for _, x := range a {
		in[x]++
	}
	for _, x := range b {
		in[x]--
	}
	var d []string
	for x, n := range in {
		if n != 0 {
			d = append(d, fmt.Sprintf("%+d %s", n, x))
		}
	}
	sort.Strings(d)
	if len(d) > 20 {
		d = d[:20]
	}
	t.Errorf("%s: content differs (%d vs %d lines):\n%s", what, len(a), len(b), strings.Join(d, "\n"))
}

func mergeInto(t *testing.T, target string, c *clock, opts MergeOptions, sources ...string) *MergeReport {
	t.Helper()
	s := openAt(t, target, c)
	defer s.Close()
	if opts.Coder == "" {
		opts.Coder = "lead"
	}
	rep, err := s.Merge(context.Background(), sources, opts)
	if err != nil {
		t.Fatalf("merge into %s: %v", filepath.Base(target), err)
	}
	return rep
}

// codingVersions reads every coding version (live and deleted) of a project.
func codingVersions(t *testing.T, path string) map[string]mrow {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := loadState(context.Background(), s.db)
	if err != nil {
		t.Fatal(err)
	}
	return st["codings"]
}

func TestMergeLawsOnRandomEdits(t *testing.T) {
	seeds := 8
	if testing.Short() {
		seeds = 3
	}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			c := &clock{}
			rng := rand.New(rand.NewPCG(uint64(seed), 99))
			dir := t.TempDir()
			base := baseProject(t, dir, c, rng)
			names := []string{"aino", "ville", "eero"}
			copies := map[string]string{}
			for _, n := range names {
				copies[n] = filepath.Join(dir, n+".avain")
				cp(t, base, copies[n])
			}
			// Interleave the coders' sessions, as on a shared calendar.
			for round := range 3 {
				for _, n := range names {
					edit(t, copies[n], n, 5+rng.IntN(10)+round, c, rng)
				}
			}
			// Every order of merging gives the same content.
			fresh := func(name string, from string) string {
				p := filepath.Join(t.TempDir(), name)
				cp(t, from, p)
				return p
			}
			A, B, C := copies["aino"], copies["ville"], copies["eero"]
			ab := fresh("ab.avain", A)
			mergeInto(t, ab, c, MergeOptions{}, B)
			ba := fresh("ba.avain", B)
			mergeInto(t, ba, c, MergeOptions{}, A)
			sameContent(t, "A+B vs B+A", content(t, ab), content(t, ba))
			abc := fresh("abc.avain", ab) // (A+B)+C
			mergeInto(t, abc, c, MergeOptions{}, C)
			bc := fresh("bc.avain", B)
			mergeInto(t, bc, c, MergeOptions{}, C)
			aBC := fresh("a_bc.avain", A) // A+(B+C)
			mergeInto(t, aBC, c, MergeOptions{}, bc)
			want := content(t, abc)
			sameContent(t, "(A+B)+C vs A+(B+C)", want, content(t, aBC))
			cba := fresh("cba.avain", C) // C+B+A in one command
			mergeInto(t, cba, c, MergeOptions{}, B, A)
			sameContent(t, "(A+B)+C vs C+B+A", want, content(t, cba))
			// Idempotent: merging a source again changes nothing.
			before := content(t, abc)
			if rep := mergeInto(t, abc, c, MergeOptions{}, C, B); rep.Changed {
				t.Errorf("merging the same sources again changed the target: %+v", rep.Sources[0].Total)
			}
			sameContent(t, "merged twice", before, content(t, abc))
			// Nothing lost: every coding version of every copy is in the
			// target, live unless a deletion at least as new removed it.
			got := codingVersions(t, abc)
			ct := tableNamed("codings")
			for _, n := range names {
				for id, r := range codingVersions(t, copies[n]) {
					g, ok := got[id]
					if !ok {
						t.Errorf("coding %s of %s is missing", id, n)
						continue
					}
					if ct.num(r, "deleted") == 0 && ct.num(g, "deleted") != 0 && ct.num(g, "updated") < ct.num(r, "updated") {
						t.Errorf("coding %s of %s was deleted by an older deletion", id, n)
					}
				}
			}
		})
	}
}

func TestMergeUnifiesDocumentsByContentAndReportsConflicts(t *testing.T) {
	ctx := context.Background()
	c := &clock{}
	dir := t.TempDir()
	mk := func(name, region string) string {
		path := filepath.Join(dir, name)
		s, err := Create(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		s.Now = c.now
		if _, err := s.ImportCodes(ctx, []*coding.Code{{Record: coding.Record{ID: "k1"}, NameFi: "Kela", NameEn: "Kela"}}, "lead"); err != nil {
			t.Fatal(err)
		}
		d := sampleDoc("h1.txt", "H: Miten meni?\nV: Hyvin meni.")
		d.Attrs["region"] = region
		if err := s.ImportDocument(ctx, d, name); err != nil {
			t.Fatal(err)
		}
		if _, _, err := (coding.Engine{Repo: s}).Apply(ctx, d.ID, coding.Selection{Turn: 2}, "k1", strings.TrimSuffix(name, ".avain"), ""); err != nil {
			t.Fatal(err)
		}
		s.Close()
		return path
	}
	a, b := mk("aino.avain", "Kuopio"), mk("ville.avain", "Joensuu")
	rep := mergeInto(t, a, c, MergeOptions{}, b)
	sr := rep.Sources[0]
	if len(sr.Unified) != 1 || sr.Total.Codings.Added != 1 || sr.Total.Documents.Added != 0 || sr.ByCoder["ville"].Codings.Added != 1 {
		t.Errorf("report %+v, by coder %v", sr, sr.ByCoder)
	}
	got := content(t, a)
	joined := strings.Join(got, "\n")
	if strings.Count(joined, "document ") != 1 || !strings.Contains(joined, "by aino") || !strings.Contains(joined, "by ville") {
		t.Errorf("want one document with both coders' codings:\n%s", joined)
	}
	// The region had two values: the newer (ville's) stays, reported.
	if !strings.Contains(joined, "region=Joensuu") || strings.Contains(joined, "region=Kuopio") {
		t.Errorf("attribute: %s", joined)
	}
	found := false
	for _, r := range rep.Repairs {
		found = found || (r.Kind == "attribute with two values" && strings.Contains(r.Detail, "Kuopio"))
	}
	if !found {
		t.Errorf("no attribute conflict reported: %+v", rep.Repairs)
	}
}

func TestMergeCodeNameClash(t *testing.T) {
	ctx := context.Background()
	c := &clock{}
	dir := t.TempDir()
	mk := func(name, id string) string {
		path := filepath.Join(dir, name)
		s, err := Create(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		s.Now = c.now
		if _, err := s.ImportCodes(ctx, []*coding.Code{{Record: coding.Record{ID: id}, NameFi: "Luottamus", NameEn: "Trust"}}, "x"); err != nil {
			t.Fatal(err)
		}
		d := sampleDoc("h1.txt", "H: Miten meni?\nV: Hyvin meni.")
		if err := s.ImportDocument(ctx, d, "x"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := (coding.Engine{Repo: s}).Apply(ctx, d.ID, coding.Selection{Turn: 2}, id, name, ""); err != nil {
			t.Fatal(err)
		}
		s.Close()
		return path
	}
	a, b := mk("a.avain", "id-a"), mk("b.avain", "id-b")
	before := content(t, a)
	s := openAt(t, a, c)
	_, err := s.Merge(ctx, []string{b}, MergeOptions{Coder: "lead"})
	s.Close()
	if !errors.Is(err, ErrCodeNameClash) || !strings.Contains(err.Error(), "--match-codes-by-name") {
		t.Fatalf("want a name clash naming the flag, got %v", err)
	}
	sameContent(t, "after a refused merge", before, content(t, a))
	rep := mergeInto(t, a, c, MergeOptions{MatchCodesByName: true}, b)
	if rep.Sources[0].Total.Codes.Added != 0 || rep.Sources[0].Total.Codings.Added != 1 {
		t.Errorf("unified by name: %+v", rep.Sources[0].Total)
	}
	if got := strings.Join(content(t, a), "\n"); strings.Count(got, "code Luottamus") != 1 || strings.Count(got, "coding ") != 2 {
		t.Errorf("after --match-codes-by-name:\n%s", got)
	}
}

func TestMergeRefusesWhatIsNotAProjectAndDryRunWritesNothing(t *testing.T) {
	ctx := context.Background()
	c := &clock{}
	dir := t.TempDir()
	base := baseProject(t, dir, c, rand.New(rand.NewPCG(1, 2)))
	other := filepath.Join(dir, "other.avain")
	cp(t, base, other)
	edit(t, other, "ville", 10, c, rand.New(rand.NewPCG(3, 4)))
	junk := filepath.Join(dir, "junk.avain")
	os.WriteFile(junk, []byte("not a database at all, just some text that is long enough"), 0o600)
	before := content(t, base)
	s := openAt(t, base, c)
	defer s.Close()
	for _, bad := range []string{junk, filepath.Join(dir, "missing.avain"), dir} {
		if _, err := s.Merge(ctx, []string{other, bad}, MergeOptions{Coder: "lead"}); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("merge of %s: %v", bad, err)
		}
	}
	rep, err := s.Merge(ctx, []string{other}, MergeOptions{Coder: "lead", DryRun: true})
	if err != nil || !rep.Changed || rep.Sources[0].Total.Codings.Added == 0 {
		t.Fatalf("dry run: %+v, %v", rep, err)
	}
	s.Close()
	sameContent(t, "after refused merges and a dry run", before, content(t, base))
	entries := 0
	s2 := openAt(t, base, c)
	if log, _ := s2.AuditLog(ctx); log != nil {
		for _, e := range log {
			if e.Action == "merge" {
				entries++
			}
		}
	}
	s2.Close()
	if entries != 0 {
		t.Errorf("%d merge entries in the audit log after a dry run", entries)
	}
}

func TestMergeSchemaVersions(t *testing.T) {
	ctx := context.Background()
	c := &clock{}
	dir := t.TempDir()
	base := baseProject(t, dir, c, rand.New(rand.NewPCG(5, 6)))
	target := filepath.Join(dir, "target.avain")
	cp(t, base, target)
	// An older source: the copy as schema 3 wrote it.
	old := filepath.Join(dir, "old.avain")
	cp(t, base, old)
	edit(t, old, "ville", 12, c, rand.New(rand.NewPCG(7, 8)))
	s := openAt(t, old, c)
	for _, q := range []string{"DROP INDEX codings_coder", "DROP TRIGGER document_words_text", "DROP TRIGGER document_words_gone", "DROP TABLE document_words", "ALTER TABLE codes DROP COLUMN not_codable", "ALTER TABLE codes DROP COLUMN restored", "DROP TABLE pseudonyms", "DROP VIEW live_codings", "DROP INDEX doc_attributes_document", "DROP INDEX documents_list",
		"CREATE UNIQUE INDEX doc_attributes_live ON doc_attributes(document_id, key) WHERE deleted = 0",
		"DELETE FROM schema_migrations WHERE version > 3"} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	s.Close()
	oldBytes, _ := os.ReadFile(old)
	rep := mergeInto(t, target, c, MergeOptions{}, old)
	if rep.Sources[0].Total.Codings.Added == 0 {
		t.Errorf("nothing came from the older source: %+v", rep.Sources[0].Total)
	}
	if now, _ := os.ReadFile(old); string(now) != string(oldBytes) {
		t.Error("the older source was changed (migrated in place?)")
	}
	// A newer source is refused, naming it, and changes nothing.
	newer := filepath.Join(dir, "newer.avain")
	cp(t, base, newer)
	s = openAt(t, newer, c)
	s.db.Exec("INSERT INTO schema_migrations(version, name, applied) VALUES (99, 'future', 0)")
	s.Close()
	before := content(t, target)
	s = openAt(t, target, c)
	_, err := s.Merge(ctx, []string{newer}, MergeOptions{Coder: "lead"})
	s.Close()
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "newer.avain") {
		t.Errorf("newer source: %v", err)
	}
	sameContent(t, "after refusing a newer source", before, content(t, target))
}

// Two codes moved under each other in two copies and deleted there leave
// their parents in a cycle of deleted codes; a code added under one of
// them in a third copy goes to the top level. The merge looped for ever.
func TestMergeChildOfDeletedCodesInACycle(t *testing.T) {
	ctx := context.Background()
	c := &clock{}
	dir := t.TempDir()
	base := filepath.Join(dir, "base.avain")
	s, err := Create(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = c.now
	if _, err := s.ImportCodes(ctx, []*coding.Code{{Record: coding.Record{ID: "x"}, NameFi: "X"}, {Record: coding.Record{ID: "y"}, NameFi: "Y"}}, "lead"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	moveAndDelete := func(name, id, under string) string {
		path := filepath.Join(dir, name)
		cp(t, base, path)
		s := openAt(t, path, c)
		defer s.Close()
		if _, err := s.UpdateCode(ctx, id, name, "move", func(cd *coding.Code) error { cd.ParentID = under; return nil }); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.DeleteCode(ctx, id, name, false); err != nil {
			t.Fatal(err)
		}
		return path
	}
	a, b := moveAndDelete("a.avain", "x", "y"), moveAndDelete("b.avain", "y", "x")
	z := filepath.Join(dir, "c.avain")
	cp(t, base, z)
	s = openAt(t, z, c)
	if err := s.AddCode(ctx, &coding.Code{Record: coding.Record{ID: "z"}, ParentID: "x", NameFi: "Z"}, "eero"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	rep := mergeInto(t, base, c, MergeOptions{}, a, b, z)
	if got := strings.Join(content(t, base), "\n"); got != "code Z |  | " {
		t.Errorf("after the merge:\n%s", got)
	}
	sameReport(t, "the merge", rep.Repairs, movedUp("Z", "X"))
}
