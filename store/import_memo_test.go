package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
)

// memoRows are a project's memo records, one line each: target, text,
// author, created, updated, deleted.
func memoRows(t *testing.T, s *Store) string {
	t.Helper()
	rows, err := s.DB().Query(`SELECT target, text, coder, created, updated, deleted FROM memos ORDER BY target, text`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var target, text, coder string
		var created, updated int64
		var deleted bool
		if err := rows.Scan(&target, &text, &coder, &created, &updated, &deleted); err != nil {
			t.Fatal(err)
		}
		b.WriteString(strings.Join([]string{target, text, coder, fromMS(created).Format(time.RFC3339),
			fromMS(updated).Format(time.RFC3339)}, "|"))
		if deleted {
			b.WriteString("|deleted")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// memoProject is a project with a document, a code, a coding and a memo on
// each and on the project, all by aino at t0; it returns the store, the
// document and the coding.
func memoProject(t *testing.T, t0 time.Time) (*Store, *coding.Document, *coding.Coding, *coding.Code) {
	t.Helper()
	ctx := context.Background()
	s, _ := newProject(t)
	s.Now = func() time.Time { return t0 }
	d := sampleDoc("a.txt", "H: Miten hakemus eteni?\nV: Kelasta pyydettiin liitteitä.")
	if err := s.ImportDocument(ctx, d, "aino"); err != nil {
		t.Fatal(err)
	}
	code := &coding.Code{Record: coding.Record{ID: "00000000-0000-4000-8000-000000000001"}, NameFi: "Kela"}
	if err := s.AddCode(ctx, code, "aino"); err != nil {
		t.Fatal(err)
	}
	c := &coding.Coding{Record: coding.Record{Coder: "aino"}, DocumentID: d.ID, CodeID: code.ID, Start: 3, End: 8}
	if _, err := s.AddCoding(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		target coding.MemoTarget
		id     string
	}{{coding.MemoProject, coding.ProjectMemoID}, {coding.MemoDocument, d.ID}, {coding.MemoCode, code.ID}, {coding.MemoCoding, c.ID}} {
		if err := s.SetMemo(ctx, m.target, m.id, "here "+string(m.target), "aino"); err != nil {
			t.Fatal(err)
		}
	}
	return s, d, c, code
}

// memoImport is an import of d with the coding c and code, every memo the
// text prefix+target, stamped by st.
func memoImport(d *coding.Document, c *coding.Coding, code *coding.Code, prefix string, st MemoStamp) ProjectImport {
	return ProjectImport{Coder: "ulla", Source: "x.qdpx", Codes: []*coding.Code{code},
		CodeMemos: map[string]string{code.ID: prefix + "code"}, CodeMemoStamps: map[string]MemoStamp{code.ID: st},
		ProjectMemo: prefix + "project", ProjectMemoStamp: st,
		Documents: func(add func(*DocumentImport) error) error {
			doc := sampleDoc("a.txt", d.Text)
			k := &coding.Coding{Record: coding.Record{Coder: c.Coder}, CodeID: c.CodeID, Start: c.Start, End: c.End, Memo: prefix + "coding"}
			return add(&DocumentImport{Doc: doc, Memo: prefix + "document", MemoStamp: st,
				Codings: []*coding.Coding{k}, CodingMemoStamps: []MemoStamp{st}})
		}}
}

// TestImportUnchangedMemosAreUntouched: a file whose memos have the texts
// here (whoever the file says wrote them) changes no memo record, adds no
// memo, and writes no memo entry in the audit log.
func TestImportUnchangedMemosAreUntouched(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s, d, c, code := memoProject(t, t0)
	before := memoRows(t, s)
	s.Now = func() time.Time { return t0.Add(48 * time.Hour) }
	res, err := s.ImportProject(ctx, memoImport(d, c, code, "here ", MemoStamp{Coder: "cecilia", Created: t0, Updated: t0.Add(time.Hour)}))
	if err != nil {
		t.Fatal(err)
	}
	if after := memoRows(t, s); after != before {
		t.Errorf("memos changed:\n%s\nwas\n%s", after, before)
	}
	if res.Memos != 0 || len(res.Codes.Conflicts) != 0 {
		t.Errorf("%d memos added, conflicts %v", res.Memos, res.Codes.Conflicts)
	}
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'memo' AND at > ?`, ms(t0)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d memo entries in the audit log", n)
	}
}

// TestImportDifferentMemosKeepsBoth: a memo of the file with another text
// than the one here is added with its author and dates, for the project,
// a document, a code and a coding alike; the newer by its updated time is
// the current one, the other stays as superseded history, and each target
// is reported once.
func TestImportDifferentMemosKeepsBoth(t *testing.T) {
	for _, tc := range []struct {
		name    string
		updated time.Duration // of the file's memos, after t0
		current string        // the memo text each target then reads
	}{
		{"file newer", time.Hour, "file "},
		{"here newer", -time.Hour, "here "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
			s, d, c, code := memoProject(t, t0)
			s.Now = func() time.Time { return t0.Add(48 * time.Hour) }
			st := MemoStamp{Coder: "cecilia", Created: t0.Add(-2 * time.Hour), Updated: t0.Add(tc.updated)}
			res, err := s.ImportProject(ctx, memoImport(d, c, code, "file ", st))
			if err != nil {
				t.Fatal(err)
			}
			if res.Memos != 4 {
				t.Errorf("%d memos added, want 4", res.Memos)
			}
			targets := map[coding.MemoTarget]string{coding.MemoProject: coding.ProjectMemoID, coding.MemoDocument: d.ID,
				coding.MemoCode: code.ID, coding.MemoCoding: c.ID}
			for target, id := range targets {
				if m, _ := s.Memo(ctx, target, id); m != tc.current+string(target) {
					t.Errorf("%s memo %q, want %q", target, m, tc.current+string(target))
				}
			}
			rows := memoRows(t, s)
			for target := range targets {
				for _, want := range []string{
					string(target) + "|here " + string(target) + "|aino|2026-01-02T03:04:05Z|2026-01-02T03:04:05Z\n",
					string(target) + "|file " + string(target) + "|cecilia|" + st.Created.Format(time.RFC3339) + "|" + st.Updated.Format(time.RFC3339) + "\n",
				} {
					if !strings.Contains(rows, want) {
						t.Errorf("no memo record %q in\n%s", want, rows)
					}
				}
			}
			entries, err := s.Memos(ctx)
			if err != nil {
				t.Fatal(err)
			}
			superseded := 0
			for _, e := range entries {
				if e.Superseded {
					superseded++
				}
			}
			if superseded != 4 {
				t.Errorf("%d superseded memos, want 4", superseded)
			}
			var lines []string
			for _, k := range res.Codes.Conflicts {
				lines = append(lines, k.String())
			}
			got := strings.Join(lines, "\n")
			if len(lines) != 4 || strings.Count(got, "the file's text and the text here differ; kept both, the newer") != 4 ||
				!strings.Contains(got, `memo on document "a.txt"`) || !strings.Contains(got, `memo on code "Kela"`) ||
				!strings.Contains(got, "memo on the project") || !strings.Contains(got, `memo on the coding of "Kela" in "a.txt"`) {
				t.Errorf("report:\n%s", got)
			}
			var who string
			if err := s.DB().QueryRow(`SELECT group_concat(DISTINCT coder) FROM audit_log WHERE action = 'memo' AND at > ?`, ms(t0)).Scan(&who); err != nil {
				t.Fatal(err)
			}
			if who != "ulla" {
				t.Errorf("memo entries of the audit log by %q, want the importing coder", who)
			}
			// The same file again adds nothing.
			res, err = s.ImportProject(ctx, memoImport(d, c, code, "file ", st))
			if err != nil {
				t.Fatal(err)
			}
			if again := memoRows(t, s); res.Memos != 0 || again != rows {
				t.Errorf("again: %d memos added, records\n%s", res.Memos, again)
			}
		})
	}
}

// TestImportDoesNotBringBackARemovedCoding: a coding of the file whose
// guid is a coding removed here stays removed, and is reported.
func TestImportDoesNotBringBackARemovedCoding(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s, d, c, code := memoProject(t, t0)
	if _, err := s.SetCodingDeleted(ctx, c.ID, "aino", true); err != nil {
		t.Fatal(err)
	}
	imp := memoImport(d, c, code, "here ", MemoStamp{})
	docs := imp.Documents
	imp.Documents = func(add func(*DocumentImport) error) error {
		return docs(func(di *DocumentImport) error {
			di.CodingGUIDs = []string{strings.ToUpper(c.ID)}
			return add(di)
		})
	}
	res, err := s.ImportProject(ctx, imp)
	if err != nil {
		t.Fatal(err)
	}
	live, err := s.Codings(ctx, coding.CodingFilter{DocumentID: d.ID})
	if err != nil {
		t.Fatal(err)
	}
	if res.Codings != 0 || len(live) != 0 {
		t.Errorf("%d codings imported, %d live", res.Codings, len(live))
	}
	if len(res.Removed) != 1 || !strings.Contains(res.Removed[0], c.ID) || !strings.Contains(res.Removed[0], "was removed here; not brought back") {
		t.Errorf("removed %q", res.Removed)
	}
}
