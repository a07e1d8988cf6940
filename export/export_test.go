package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

const corpusDir = "../../shared/corpus"

// coded makes a project with the ToituAvain codebook from docs (the demo
// when nil) and codes it at random but reproducibly: about a third of the
// turns get one to three codes from two coders, some codings a part of a
// turn, some the same passage twice.
func coded(t *testing.T, files []string) *project.Project {
	t.Helper()
	ctx := context.Background()
	p, _, err := project.CreateWithCodebook(ctx, filepath.Join(t.TempDir(), "p.avain"), codebooks.Default, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	if files == nil {
		if _, err := p.ImportDemo(ctx, "test"); err != nil {
			t.Fatal(err)
		}
	} else {
		for i, f := range files {
			kind := coding.KindClient
			if i%3 == 2 {
				kind = coding.KindProfessional
			}
			attrs := map[string]string{"region": []string{"Kuopio", "Joensuu", "Tampere"}[i%3]}
			if _, err := p.ImportFiles(ctx, []string{f}, project.ImportOptions{Kind: kind, Attrs: attrs, Coder: "test"}, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	cb, err := p.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	codes := cb.Codes()
	rng := rand.New(rand.NewPCG(7, 11))
	err = p.EachDocument(ctx, func(d *coding.Document) error {
		for _, tn := range d.Turns {
			if rng.IntN(3) != 0 {
				continue
			}
			for range 1 + rng.IntN(3) {
				code := codes[rng.IntN(len(codes))]
				span := coding.Span{Start: tn.Start, End: tn.End}
				if rng.IntN(4) == 0 && tn.End-tn.Start > 10 { // a part of the turn
					span.End = tn.Start + (tn.End-tn.Start)/2
				}
				for _, coder := range []string{"aino", "ville"}[:1+rng.IntN(2)] {
					c := &coding.Coding{Record: coding.Record{Coder: coder}, DocumentID: d.ID, CodeID: code.ID, Start: span.Start, End: span.End}
					if _, err := p.AddCoding(ctx, c); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// corpusFiles lists the corpus transcripts avain reads; without the
// corpus it fails under CI and skips otherwise.
func corpusFiles(t *testing.T) []string {
	t.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("corpus missing under CI: %v", err)
		}
		t.Skipf("corpus %s not available: %v", corpusDir, err)
	}
	var files []string
	filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".txt", ".md", ".docx", ".odt", ".vtt", ".srt":
			if !strings.Contains(path, "codebooks") && !strings.HasSuffix(path, "SOURCES.md") {
				files = append(files, path)
			}
		}
		return err
	})
	if len(files) < 10 {
		t.Fatalf("only %d corpus files", len(files))
	}
	return files
}

// sqlCount runs a count query on the project's database.
func sqlCount(t *testing.T, p *project.Project, q string, args ...any) int {
	t.Helper()
	var n int
	if err := p.DB().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// checkFreqAgainstSQL checks every row's codings, passages, documents and
// shares, in every group, against SQL over the
// store.
func checkFreqAgainstSQL(t *testing.T, p *project.Project, by string) {
	t.Helper()
	ctx := context.Background()
	ft, cb, err := Frequencies(ctx, p, Options{By: []string{by}})
	if err != nil {
		t.Fatal(err)
	}
	groupCond := func(g coding.FreqGroup) (string, []any) {
		if len(g.Values) == 0 {
			return "1", nil
		}
		if by == "kind" {
			return "d.kind = ?", []any{g.Values[0]}
		}
		return "EXISTS (SELECT 1 FROM doc_attributes a WHERE a.document_id = d.id AND a.deleted = 0 AND a.key = ? AND a.value = ?)",
			[]any{by, g.Values[0]}
	}
	checked := 0
	for _, r := range ft.Rows {
		ids := []string{}
		if r.CodeID == "" {
			for _, c := range cb.Codes() {
				ids = append(ids, c.ID)
			}
		} else {
			ids = cb.Subtree(r.CodeID)
		}
		in := "'" + strings.Join(ids, "','") + "'"
		for gi, g := range ft.Groups {
			cond, args := groupCond(g)
			if gi == 0 && g.Docs != sqlCount(t, p, "SELECT count(*) FROM documents d WHERE d.deleted = 0") {
				t.Fatalf("all: %d documents", g.Docs)
			}
			if gi > 0 && g.Docs != sqlCount(t, p, "SELECT count(*) FROM documents d WHERE d.deleted = 0 AND "+cond, args...) {
				t.Errorf("group %s: %d documents", g.Label(), g.Docs)
			}
			docs := sqlCount(t, p, `SELECT count(DISTINCT c.document_id) FROM codings c JOIN documents d ON d.id = c.document_id
				WHERE c.deleted = 0 AND d.deleted = 0 AND c.code_id IN (`+in+`) AND `+cond, args...)
			cell := r.Cells[gi]
			if cell.Documents != docs {
				t.Errorf("%v in %s: %d documents, SQL says %d", r.Path, g.Label(), cell.Documents, docs)
			}
			n := sqlCount(t, p, `SELECT count(*) FROM codings c JOIN documents d ON d.id = c.document_id
				WHERE c.deleted = 0 AND d.deleted = 0 AND c.code_id IN (`+in+`) AND `+cond, args...)
			if cell.Codings != n {
				t.Errorf("%v in %s: %d codings, SQL says %d", r.Path, g.Label(), cell.Codings, n)
			}
			// Passages: per document, coders merged, a coding starts a new
			// passage when it begins after every earlier one ended.
			n = sqlCount(t, p, `SELECT count(*) FROM (
				SELECT c.start, max(c.end) OVER (PARTITION BY c.document_id ORDER BY c.start, c.end
					ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
				FROM codings c JOIN documents d ON d.id = c.document_id
				WHERE c.deleted = 0 AND d.deleted = 0 AND c.code_id IN (`+in+`) AND `+cond+`)
				WHERE reach IS NULL OR start > reach`, args...)
			if cell.Passages != n {
				t.Errorf("%v in %s: %d passages, SQL says %d", r.Path, g.Label(), cell.Passages, n)
			}
			if g.Docs > 0 {
				if want := float64(docs) / float64(g.Docs); cell.Share != want {
					t.Errorf("%v in %s: share %v, want %v", r.Path, g.Label(), cell.Share, want)
				}
			}
			checked++
		}
	}
	if checked < 100 {
		t.Fatalf("checked only %d cells", checked)
	}
	if ft.Rows[len(ft.Rows)-1].Cells[0].Codings == 0 {
		t.Fatal("nothing coded")
	}
}

func TestFreqAgreesWithSQLOnDemo(t *testing.T) {
	p := coded(t, nil)
	for _, by := range []string{"kind", "region", "model"} {
		t.Run(by, func(t *testing.T) { checkFreqAgainstSQL(t, p, by) })
	}
}

func TestFreqAgreesWithSQLOnCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: the whole test corpus against SQL; run without -short")
	}
	p := coded(t, corpusFiles(t))
	for _, by := range []string{"kind", "region"} {
		t.Run(by, func(t *testing.T) { checkFreqAgainstSQL(t, p, by) })
	}
}

// The data layout carries every number of the theme table, a row per
// code × group × measure, in CSV and in JSON.
func TestFreqDataLayoutAgrees(t *testing.T) {
	p := coded(t, nil)
	ctx := context.Background()
	ft, _, err := Frequencies(ctx, p, Options{By: []string{"kind", "region"}})
	if err != nil {
		t.Fatal(err)
	}
	table := FreqTable(ft, View{Layout: LayoutData})
	r := ft.Rows[2] // a code's row, in every group
	var b bytes.Buffer
	if err := Write(&b, "csv", table); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	want := []string{"code_id", "code_path", "code", "depth", "is_theme", "group", "kind", "region", "group_n", "measure", "value"}
	if strings.Join(recs[0], ",") != strings.Join(want, ",") {
		t.Fatalf("header %v, want %v", recs[0], want)
	}
	if len(recs) != 1+len(ft.Rows)*len(ft.Groups)*len(coding.Measures) {
		t.Fatalf("%d rows for %d codes × %d groups × %d measures", len(recs)-1, len(ft.Rows), len(ft.Groups), len(coding.Measures))
	}
	got := map[string]string{} // group/measure -> value
	for _, rec := range recs[1:] {
		if rec[0] == r.CodeID {
			got[rec[5]+"|"+rec[9]] = rec[10]
			if rec[1] != strings.Join(r.Path, "/") || rec[3] != strconv.Itoa(r.Depth) {
				t.Errorf("row %v: path or depth wrong", rec)
			}
		}
	}
	for gi, g := range ft.Groups {
		c := r.Cells[gi]
		for m, v := range map[string]string{"codings": strconv.Itoa(c.Codings), "passages": strconv.Itoa(c.Passages),
			"documents": strconv.Itoa(c.Documents), "words": strconv.Itoa(c.Words), "share": strconv.FormatFloat(c.Share, 'g', -1, 64)} {
			if got[g.Label()+"|"+m] != v {
				t.Errorf("%s %s: %q, want %s", g.Label(), m, got[g.Label()+"|"+m], v)
			}
		}
	}
	// JSON: one object per row, numbers as numbers.
	b.Reset()
	if err := Write(&b, "json", table); err != nil {
		t.Fatal(err)
	}
	var objs []map[string]any
	if err := json.Unmarshal(b.Bytes(), &objs); err != nil || len(objs) != len(recs)-1 {
		t.Fatalf("JSON: %v, %d objects", err, len(objs))
	}
	for _, o := range objs {
		if o["code_id"] == r.CodeID && o["group"] == "all" && o["measure"] == "codings" && o["value"] != float64(r.Cells[0].Codings) {
			t.Errorf("JSON codings %v, want %d", o["value"], r.Cells[0].Codings)
		}
	}
}

func TestCooccurrenceAgreesWithSQL(t *testing.T) {
	p := coded(t, nil)
	ctx := context.Background()
	m, cb, err := CooccurrenceMatrix(ctx, p, Options{Unit: "overlap"})
	if err != nil {
		t.Fatal(err)
	}
	in := func(id string) string { // the code's subtree as an SQL list
		return "('" + strings.Join(cb.Subtree(id), "','") + "')"
	}
	// The diagonal of the overlap unit is the codings of each code's subtree.
	for i, id := range m.Codes {
		if n := sqlCount(t, p, "SELECT count(*) FROM codings WHERE deleted = 0 AND code_id IN "+in(id)); m.Counts[i][i] != n {
			t.Errorf("%s: diagonal %d, SQL says %d codings", cb.PathString(id, "fi"), m.Counts[i][i], n)
		}
		for j := range m.Codes {
			if m.Counts[i][j] != m.Counts[j][i] {
				t.Fatalf("not symmetric at %d,%d", i, j)
			}
		}
	}
	// Off the diagonal: pairs of two overlapping codings, one in each
	// code's subtree, by SQL; a theme and its first child code too.
	pairs := func(a, b string) int {
		return sqlCount(t, p, `SELECT count(*) FROM codings x JOIN codings y ON x.document_id = y.document_id
		AND x.start < y.end AND y.start < x.end AND x.id < y.id WHERE x.deleted = 0 AND y.deleted = 0
		AND ((x.code_id IN `+in(a)+` AND y.code_id IN `+in(b)+`) OR (x.code_id IN `+in(b)+` AND y.code_id IN `+in(a)+`))`)
	}
	nonzero := 0
	for i := range min(12, len(m.Codes)) {
		for j := range i {
			x, y := m.Codes[i], m.Codes[j]
			if want := pairs(x, y); m.Counts[i][j] != want {
				t.Errorf("overlap %s×%s = %d, SQL says %d", cb.PathString(x, "fi"), cb.PathString(y, "fi"), m.Counts[i][j], want)
			} else if want > 0 {
				nonzero++
			}
		}
	}
	if nonzero == 0 {
		t.Error("no pair of the first codes overlaps: the test checks nothing")
	}
	a, b := m.Codes[1], m.Codes[2]
	want := pairs(a, b)
	// The data layout holds the same counts, a row per pair.
	table := CooccurTable(m, cb, View{Layout: LayoutData})
	if len(table.Rows) != len(m.Codes)*len(m.Codes) {
		t.Fatalf("%d rows for %d codes", len(table.Rows), len(m.Codes))
	}
	for _, r := range table.Rows {
		if r[0].Text == a && r[2].Text == b && int(r[5].Num) != want {
			t.Errorf("data layout %s×%s = %v, want %d", a, b, r[5].Num, want)
		}
	}
}

func TestSegmentsQuoteTheText(t *testing.T) {
	p := coded(t, nil)
	ctx := context.Background()
	book, _ := p.Codebook(ctx)
	theme := book.Codes()[0]
	table, err := Segments(ctx, p, Options{Codes: []string{theme.NameFi}, By: []string{"kind"}})
	if err != nil {
		t.Fatal(err)
	}
	in := "'" + strings.Join(book.Subtree(theme.ID), "','") + "'"
	if n := sqlCount(t, p, "SELECT count(*) FROM codings WHERE deleted = 0 AND code_id IN ("+in+")"); len(table.Rows) != n {
		t.Fatalf("%d segments, SQL says %d", len(table.Rows), n)
	}
	col := map[string]int{}
	for i, h := range table.Header {
		col[h] = i
	}
	for _, r := range table.Rows {
		doc, err := p.Document(ctx, r[col["document_id"]].Text)
		if err != nil {
			t.Fatal(err)
		}
		start, end := int(r[col["start"]].Num), int(r[col["end"]].Num)
		if got := coding.Slice(doc.Text, start, end); got != r[col["text"]].Text {
			t.Fatalf("segment text %q is not the document's [%d,%d) %q", r[col["text"]].Text, start, end, got)
		}
		if r[col["attr:kind"]].Text != doc.Kind || int(r[col["turn"]].Num) != doc.TurnAt(start) {
			t.Fatalf("segment kind/turn wrong: %v", r)
		}
	}
}

func TestUnknownAttributeIsRefused(t *testing.T) {
	p := coded(t, nil)
	_, _, err := Frequencies(context.Background(), p, Options{By: []string{"shoe_size"}})
	if err == nil || !strings.Contains(err.Error(), `"shoe_size"`) || !strings.Contains(err.Error(), "region") {
		t.Fatalf("unknown attribute: %v", err)
	}
}
