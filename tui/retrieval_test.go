package tui

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

const (
	codeTheme = "00000000-0000-0000-0000-0000000000e1" // Asiointi, the theme
	codeQueue = "00000000-0000-0000-0000-0000000000e2" // Asiointi/Odottaminen
	codeAgent = "00000000-0000-0000-0000-0000000000e3" // Kela
)

// retrievalProject makes a real project of three interviews with region
// attributes, the theme Asiointi with the child Odottaminen, and Kela:
//
//	asiakas-kuopio (client, Kuopio): turn 1 Asiointi by aino; turn 2
//	  Odottaminen by aino and by eero (one passage), Kela by aino
//	asiakas-oulu (client, Oulu): turn 2 Odottaminen by aino
//	ammattilainen-kuopio (professional, Kuopio): turn 2 Kela by eero
func retrievalProject(t *testing.T) (*project.Project, []*coding.Document) {
	t.Helper()
	ctx := context.Background()
	p, err := project.Create(ctx, filepath.Join(t.TempDir(), "haku.avain"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	mk := func(name, kind, region string) *coding.Document {
		d := turnsDoc(name, kind, [][2]string{
			{"H", "Miten asiointi sujui (" + name + ")?"},
			{"V", "Odotin päätöstä kuusi viikkoa, ja Kelasta pyydettiin samoja liitteitä uudelleen, vaikka olin jo lähettänyt ne kahdesti."},
		})
		d.Attrs = map[string]string{"region": region}
		if err := p.ImportDocument(ctx, d, "aino"); err != nil {
			t.Fatal(err)
		}
		return d
	}
	docs := []*coding.Document{mk("asiakas-kuopio", coding.KindClient, "Kuopio"), mk("asiakas-oulu", coding.KindClient, "Oulu"),
		mk("ammattilainen-kuopio", coding.KindProfessional, "Kuopio")}
	codes := []*coding.Code{
		{Record: coding.Record{ID: codeTheme}, NameFi: "Asiointi", NameEn: "Dealings", Color: "#e06666"},
		{Record: coding.Record{ID: codeQueue}, ParentID: codeTheme, NameFi: "Odottaminen", NameEn: "Waiting", Color: "#6aa84f"},
		{Record: coding.Record{ID: codeAgent}, NameFi: "Kela", NameEn: "Kela", Color: "#3c78d8", Position: 1},
	}
	if _, err := p.ImportCodes(ctx, codes, "aino"); err != nil {
		t.Fatal(err)
	}
	codeAs(t, p, docs[0], codeTheme, 1, 0, "aino")
	codeAs(t, p, docs[0], codeQueue, 2, 0, "aino")
	codeAs(t, p, docs[0], codeQueue, 2, 0, "eero")
	codeAs(t, p, docs[0], codeAgent, 2, 0, "aino")
	codeAs(t, p, docs[1], codeQueue, 2, 0, "aino")
	codeAs(t, p, docs[2], codeAgent, 2, 0, "eero")
	return p, docs
}

// retrieving returns the workspace at w×h on project p's codebook tree.
func retrieving(t *testing.T, p *project.Project, w, h int) Model {
	t.Helper()
	return retrievingIn(t, p, w, h, coding.LangFinnish)
}

// retrievingIn is retrieving in a UI whose tables are in lang.
func retrievingIn(t *testing.T, p *project.Project, w, h int, lang string) Model {
	t.Helper()
	m := NewIn(p, "haku", "virta", lang)
	m, _ = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = listDocuments(t, m, p)
	m = do(t, m, "B")
	if m.focus != screenCodebook || !m.codebook.loaded {
		t.Fatalf("B: focus %v", m.focus)
	}
	return m
}

// shownText returns the retrieval's passages as "document turn coders".
func shownText(m Model) []string {
	var out []string
	for _, i := range m.retrieval.shown {
		p := m.retrieval.data.list[i]
		out = append(out, fmt.Sprintf("%s %s %d %s", p.docName, p.speaker, p.turn, strings.Join(p.coders, ",")))
	}
	return out
}

func sameList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

// TestRetrievalOfATheme: enter on a theme lists the passages of its
// subtree, each once with all its coders, in full; the filter keeps a
// coder's, a kind's or an attribute's; esc clears a kept filter, then
// goes back to the codebook.
func TestRetrievalOfATheme(t *testing.T) {
	p, _ := retrievalProject(t)
	m := do(t, retrieving(t, p, 80, 24), "enter") // Asiointi
	if m.focus != screenRetrieval {
		t.Fatalf("enter: focus %v", m.focus)
	}
	sameList(t, "the theme", shownText(m), []string{"asiakas-kuopio H 1 aino", "asiakas-kuopio V 2 aino,eero", "asiakas-oulu V 2 aino"})
	golden(t, "retrieval_theme_80x24", m)
	screen := ansi.Strip(m.View().Content)
	for _, want := range []string{"Asiointi and its child codes — 3 passages in 2 documents",
		"asiakas-kuopio · client · region: Kuopio · turn 2 · V · aino, eero ·", "Asiointi/Odottaminen",
		"lähettänyt ne kahdesti.”"} {
		if !strings.Contains(screen, want) {
			t.Errorf("view lacks %q:\n%s", want, screen)
		}
	}
	for _, c := range []struct {
		filter string
		want   []string
	}{
		{"region:Kuopio", []string{"asiakas-kuopio H 1 aino", "asiakas-kuopio V 2 aino,eero"}},
		{"coder:eero", []string{"asiakas-kuopio V 2 aino,eero"}},
		{"region:oulu coder:aino", []string{"asiakas-oulu V 2 aino"}},
		{`region:"kuopio" kind=client viikkoa`, []string{"asiakas-kuopio V 2 aino,eero"}},
		{"region:Oulu region:Kuopio", nil},
		{"coder:aino coder:eero", []string{"asiakas-kuopio V 2 aino,eero"}},
		{"kind:professional", nil},
		{"age:40", nil},
	} {
		t.Run(c.filter, func(t *testing.T) {
			f := typeText(t, do(t, m, "f"), c.filter)
			sameList(t, "while typed", shownText(f), c.want)
			f = do(t, f, "enter")
			if f.retrieval.filtering || f.retrieval.filter != c.filter {
				t.Fatalf("enter: filtering %v, filter %q", f.retrieval.filtering, f.retrieval.filter)
			}
			sameList(t, "kept", shownText(f), c.want)
			f = do(t, f, "esc")
			if f.focus != screenRetrieval || len(f.retrieval.shown) != 3 {
				t.Errorf("esc on a kept filter: focus %v, %d passages", f.focus, len(f.retrieval.shown))
			}
		})
	}
	m = do(t, m, "a") // the theme's own codings only
	sameList(t, "a", shownText(m), []string{"asiakas-kuopio H 1 aino"})
	if m = do(t, m, "esc"); m.focus != screenCodebook {
		t.Errorf("esc: focus %v, want the codebook", m.focus)
	}
	for _, sz := range [][2]int{{20, 5}, {200, 60}, {1, 1}, {40, 8}} {
		r := do(t, retrieving(t, p, sz[0], sz[1]), "enter")
		assertFits(t, r, sz[0], sz[1])
		assertFits(t, do(t, r, "f"), sz[0], sz[1])
		assertFits(t, do(t, r, "x"), sz[0], sz[1])
	}
}

// TestRetrievalOfAThemesCell: enter on a cell of the themes view split by
// kind lists the code's passages in that group only.
func TestRetrievalOfAThemesCell(t *testing.T) {
	p, _ := retrievalProject(t)
	m := retrieving(t, p, 100, 30)
	m = do(t, m, "T", "s") // split by kind: client, professional
	if m.themes.by != "kind" {
		t.Fatalf("s: by %q", m.themes.by)
	}
	// Rows: Asiointi, Odottaminen, Kela, Total; two lines each.
	m = do(t, m, "G", "k") // Kela × professional
	if m.themes.cursor != 2 || m.themes.line != 1 {
		t.Fatalf("G k: row %d line %d", m.themes.cursor, m.themes.line)
	}
	if line := lineStarting(m, "› "); !strings.Contains(line, "professional") {
		t.Errorf("the cursor's line %q is not Kela's professional one", line)
	}
	m = do(t, m, "enter")
	sameList(t, "Kela × professional", shownText(m), []string{"ammattilainen-kuopio V 2 eero"})
	if s := ansi.Strip(m.View().Content); !strings.Contains(s, "Kela · kind: professional — 1 passage in 1 document") {
		t.Errorf("title:\n%s", s)
	}
	m = do(t, m, "esc")
	if m.focus != screenThemes {
		t.Fatalf("esc: focus %v, want the themes", m.focus)
	}
	m = do(t, m, "k", "enter") // Kela × client
	sameList(t, "Kela × client", shownText(m), []string{"asiakas-kuopio V 2 aino"})
	m = do(t, m, "esc", "g", "j", "enter") // Asiointi × professional: none
	if len(m.retrieval.data.list) != 0 || !strings.Contains(ansi.Strip(m.View().Content), "Nothing is coded with it yet.") {
		t.Errorf("Asiointi × professional: %q", shownText(m))
	}
}

// TestRetrievalExport: x writes the passages shown (a coder filter keeps
// that coder's codings) as avain export segments lays them out, mode
// 0600, recorded in the audit trail.
func TestRetrievalExport(t *testing.T) {
	p, _ := retrievalProject(t)
	m := do(t, retrieving(t, p, 100, 30), "enter") // Asiointi
	m = do(t, typeText(t, do(t, m, "f"), "region:Kuopio coder:eero"), "enter")
	m = do(t, m, "x")
	if !m.typing() || !strings.Contains(ansi.Strip(m.View().Content), "Write the passages to: segmentit-Asiointi.csv") {
		t.Fatalf("x: no file name prompt:\n%s", ansi.Strip(m.View().Content))
	}
	path := filepath.Join(t.TempDir(), "odotus.csv")
	m = do(t, typeText(t, m, path), "enter") // what is typed replaces the suggested name
	assertStatus(t, m, "wrote "+path)
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("export: %v %v", info, err)
	}
	f, _ := os.Open(path)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("exported CSV: %q %v", recs, err)
	}
	row := map[string]string{}
	for i, h := range recs[0] {
		row[h] = recs[1][i]
	}
	if row["code_path"] != "Asiointi/Odottaminen" || row["document"] != "asiakas-kuopio" || row["coder"] != "eero" ||
		row["attr:region"] != "Kuopio" || row["speaker"] != "V" || !strings.HasSuffix(row["text"], "kahdesti.") {
		t.Errorf("exported row %v", row)
	}
	log, err := p.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	last := log[len(log)-1]
	if last.Action != "export" || last.Target != "segments" || last.Coder != "virta" || !strings.Contains(last.Detail, "rows=1") {
		t.Errorf("audit entry %+v", last)
	}
	// esc cancels the file name, writing nothing.
	m = do(t, m, "x", "esc")
	if m.typing() || m.focus != screenRetrieval {
		t.Errorf("x esc: typing %v, focus %v", m.typing(), m.focus)
	}
}

// TestRetrievalExportInEnglish: a UI whose tables are in English writes
// the passages with the codes' English paths.
func TestRetrievalExportInEnglish(t *testing.T) {
	p, _ := retrievalProject(t)
	m := do(t, retrievingIn(t, p, 100, 30, coding.LangEnglish), "enter") // Asiointi
	m = do(t, typeText(t, do(t, m, "f"), "region:Kuopio coder:eero"), "enter")
	m = do(t, m, "x")
	if !strings.Contains(ansi.Strip(m.View().Content), "Write the passages to: segments-Dealings.csv") {
		t.Errorf("x in an English UI suggests no English file name:\n%s", ansi.Strip(m.View().Content))
	}
	path := filepath.Join(t.TempDir(), "waiting.csv")
	m = do(t, typeText(t, m, path), "enter")
	assertStatus(t, m, "wrote "+path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("exported CSV: %q %v", recs, err)
	}
	if i := slices.Index(recs[0], "code_path"); i < 0 || recs[1][i] != "Dealings/Waiting" {
		t.Errorf("the code's path in an English UI: %q", recs)
	}
}

// TestRetrievalReloadKeepsThePassage: read again after a coding was
// removed, the list keeps the cursor on its passage, or on the last one
// left when its own is gone.
func TestRetrievalReloadKeepsThePassage(t *testing.T) {
	p, docs := retrievalProject(t)
	ctx := context.Background()
	m := do(t, retrieving(t, p, 80, 24), "enter", "G") // Asiointi, on asiakas-oulu's passage
	cs, err := p.Codings(ctx, coding.CodingFilter{DocumentID: docs[1].ID})
	if err != nil || len(cs) != 1 {
		t.Fatalf("codings of %s: %d %v", docs[1].Name, len(cs), err)
	}
	if _, err := (coding.Engine{Repo: p}).Remove(ctx, cs[0].ID, "aino"); err != nil {
		t.Fatal(err)
	}
	m = drain(t, m, m.retrieval.Refresh())
	if got, _ := m.retrieval.current(); len(m.retrieval.shown) != 2 || got.docName != "asiakas-kuopio" || got.turn != 2 {
		t.Errorf("after the removal: %d passages, on %s turn %d", len(m.retrieval.shown), got.docName, got.turn)
	}
	m = do(t, m, "k") // the theme's own passage, turn 1
	m = drain(t, m, m.retrieval.Refresh())
	if got, _ := m.retrieval.current(); got.turn != 1 {
		t.Errorf("a reload moved the cursor to turn %d", got.turn)
	}
}
