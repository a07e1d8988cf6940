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
	"github.com/xuri/excelize/v2"
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

func TestFreqFormatsAgree(t *testing.T) {
	p := coded(t, nil)
	ctx := context.Background()
	ft, _, err := Frequencies(ctx, p, Options{By: []string{"kind", "region"}})
	if err != nil {
		t.Fatal(err)
	}
	table := FreqTable(ft)
	want := ft.Rows[2].Cells // a code's row, in every group
	// CSV: RFC 4180, a header and plain numbers.
	var b bytes.Buffer
	if err := Write(&b, "csv", table); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	if len(recs) != len(ft.Rows)+1 || len(recs[0]) != 5+5*len(ft.Groups) {
		t.Fatalf("CSV %d×%d", len(recs), len(recs[0]))
	}
	for gi, c := range want {
		col := 5 + 5*gi
		if recs[3][col] != strconv.Itoa(c.Codings) || recs[3][col+1] != strconv.Itoa(c.Passages) ||
			recs[3][col+2] != strconv.Itoa(c.Documents) || recs[3][col+4] != strconv.Itoa(c.Words) {
			t.Errorf("CSV group %d: %v, want %+v", gi, recs[3][col:col+5], c)
		}
	}
	if !strings.HasSuffix(recs[0][5], "(n=10) codings") {
		t.Errorf("header %q does not give the group's size", recs[0][5])
	}
	// JSON: one object per row.
	b.Reset()
	if err := Write(&b, "json", table); err != nil {
		t.Fatal(err)
	}
	var objs []map[string]any
	if err := json.Unmarshal(b.Bytes(), &objs); err != nil || len(objs) != len(ft.Rows) {
		t.Fatalf("JSON: %v, %d objects", err, len(objs))
	}
	if got := objs[2][table.Header[5]]; got != float64(want[0].Codings) {
		t.Errorf("JSON codings %v, want %d", got, want[0].Codings)
	}
	// Markdown: a pipe table with a row per code.
	b.Reset()
	if err := Write(&b, "md", table); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "\n|"); n != len(ft.Rows)+2 { // header, rule, rows
		t.Errorf("Markdown has %d table lines, want %d", n, len(ft.Rows)+2)
	}
	// XLSX: numbers stored as numbers, shares as percentages, header frozen.
	b.Reset()
	if err := Write(&b, "xlsx", table); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatalf("XLSX does not open: %v", err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	codingsCell, _ := excelize.CoordinatesToCellName(6, 4)
	typ, err := f.GetCellType(sheet, codingsCell)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := f.GetCellValue(sheet, codingsCell, excelize.Options{RawCellValue: true})
	if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || v != strconv.Itoa(want[0].Codings) {
		t.Errorf("XLSX %s: type %v value %q, want the number %d", codingsCell, typ, v, want[0].Codings)
	}
	shareCell, _ := excelize.CoordinatesToCellName(9, 4)
	raw, _ := f.GetCellValue(sheet, shareCell, excelize.Options{RawCellValue: true})
	shown, _ := f.GetCellValue(sheet, shareCell)
	if r, err := strconv.ParseFloat(raw, 64); err != nil || r != want[0].Share || !strings.HasSuffix(shown, "%") {
		t.Errorf("XLSX share: raw %q shown %q, want %v as a percentage", raw, shown, want[0].Share)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("XLSX header not frozen: %+v %v", panes, err)
	}
}

func TestCooccurrenceAgreesWithSQL(t *testing.T) {
	p := coded(t, nil)
	ctx := context.Background()
	table, err := Cooccurrence(ctx, p, Options{Unit: "overlap"})
	if err != nil {
		t.Fatal(err)
	}
	// The diagonal of the overlap unit is each code's codings.
	for i, row := range table.Rows {
		id := row[0].Text
		if n := sqlCount(t, p, "SELECT count(*) FROM codings WHERE deleted = 0 AND code_id = ?", id); int(row[2+i].Num) != n {
			t.Errorf("%s: diagonal %v, SQL says %d codings", row[1].Text, row[2+i].Num, n)
		}
		for j := range table.Rows {
			if row[2+j].Num != table.Rows[j][2+i].Num {
				t.Fatalf("not symmetric at %d,%d", i, j)
			}
		}
	}
	// Off the diagonal: pairs of overlapping codings of two codes, by SQL.
	a, b := table.Rows[1][0].Text, table.Rows[2][0].Text
	want := sqlCount(t, p, `SELECT count(*) FROM codings x JOIN codings y ON x.document_id = y.document_id
		AND x.start < y.end AND y.start < x.end WHERE x.deleted = 0 AND y.deleted = 0 AND x.code_id = ? AND y.code_id = ?`, a, b)
	if int(table.Rows[1][2+2].Num) != want {
		t.Errorf("overlap %s×%s = %v, SQL says %d", table.Rows[1][1].Text, table.Rows[2][1].Text, table.Rows[1][4].Num, want)
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
