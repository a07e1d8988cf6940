package tui

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// themed returns the workspace at w×h on the themes view of the fixture
// project (Kela and Odottaminen each coded once in the client interview).
func themed(t *testing.T, w, h int) Model {
	t.Helper()
	m, _, _ := coder(t, w, h)
	m = do(t, m, "T")
	if m.focus != screenThemes || m.themes.table == nil {
		t.Fatalf("T: focus %v, table %v", m.focus, m.themes.table)
	}
	return m
}

func TestThemesTableAndSplit(t *testing.T) {
	m := themed(t, 80, 24)
	tb := m.themes.table
	if len(tb.Groups) != 1 || len(tb.Rows) != 4 { // Odottaminen, Jonottaminen, Kela, total
		t.Fatalf("groups %d, rows %d", len(tb.Groups), len(tb.Rows))
	}
	v := ansi.Strip(m.View().Content)
	if !strings.Contains(v, "Themes · all documents · codings") || !strings.Contains(v, "█ 1") {
		t.Errorf("view:\n%s", v)
	}
	m = do(t, m, "s") // split by the first attribute: kind
	tb = m.themes.table
	if m.themes.by != "kind" || len(tb.Groups) != 3 {
		t.Fatalf("s: by %q, %d groups", m.themes.by, len(tb.Groups))
	}
	v = ansi.Strip(m.View().Content)
	for _, want := range []string{"split by kind", "client n=1", "professional n=1"} {
		if !strings.Contains(v, want) {
			t.Errorf("split view lacks %q:\n%s", want, v)
		}
	}
	kela := tb.Rows[2]
	if kela.Cells[1].Codings != 1 || kela.Cells[2].Codings != 0 {
		t.Errorf("Kela by kind: %+v", kela.Cells)
	}
	m = do(t, m, "m", "m", "m") // codings, passages, documents, documents %
	if m.themes.metric != metricShare || !strings.Contains(ansi.Strip(m.View().Content), "100%") {
		t.Errorf("m: metric %v\n%s", m.themes.metric, ansi.Strip(m.View().Content))
	}
	assertFits(t, m, 80, 24)
	for _, sz := range [][2]int{{20, 5}, {200, 60}, {1, 1}} {
		assertFits(t, themed(t, sz[0], sz[1]), sz[0], sz[1])
	}
}

func TestThemesDrillDownAndExport(t *testing.T) {
	m := themed(t, 80, 24)
	m = do(t, m, "G", "k", "enter") // Kela
	if m.focus != screenRetrieval || len(m.retrieval.shown) != 1 {
		t.Fatalf("drill-down: focus %v, %d passages", m.focus, len(m.retrieval.shown))
	}
	m = do(t, m, "esc")
	if m.focus != screenThemes {
		t.Fatalf("esc: focus %v, want the themes view", m.focus)
	}
	path := filepath.Join(t.TempDir(), "teemat.csv")
	m = do(t, m, "x")
	if !m.typing() || !strings.Contains(ansi.Strip(m.View().Content), "Write the table to: teemat.csv") {
		t.Fatalf("x: no file name prompt")
	}
	m = typeText(t, m, path)
	m = do(t, m, "enter")
	assertStatus(t, m, "wrote "+path)
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("export: %v", err)
	}
	f, _ := os.Open(path)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	// The people layout: the group over its measures, then the codes (and
	// under them, as avain export writes, what they count and how made).
	if err != nil || len(recs) < 6 || recs[1][1] != "koodaukset" || recs[2][0] != "▸ Odottaminen" || recs[4][0] != "Kela" || recs[4][1] != "1" {
		t.Errorf("exported CSV: %v %v", recs, err)
	}
}
