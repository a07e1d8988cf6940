package project

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/refiqda"
)

var guidRE = regexp.MustCompile(`(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// throughOtherTool rewrites the .qdpx at in as a tool that keeps only
// REFI-QDA does when it exports a project it imported: every guid is new
// (upper case, as ATLAS.ti and MAXQDA write them), the sources are
// renamed after their new guids, and avain's own entries are gone.
func throughOtherTool(t *testing.T, in, out string) {
	t.Helper()
	names, data := archiveEntries(t, in)
	fresh := map[string]string{}
	regen := func(s string) string {
		return guidRE.ReplaceAllStringFunc(s, func(g string) string {
			g = strings.ToLower(g)
			if fresh[g] == "" {
				fresh[g] = strings.ToUpper(uuid.NewString())
			}
			return fresh[g]
		})
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		if strings.HasPrefix(name, "avain/") {
			continue
		}
		b := data[name]
		if name == "project.qde" {
			b = []byte(workInOtherTool(regen(string(b))))
		} else {
			name = regen(name)
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// workInOtherTool adds to a project.qde what a colleague did in the
// other tool: a user, a new code, and a coding with it on the first five
// characters of the first source.
func workInOtherTool(qde string) string {
	const user, code = "0B2E8C1A-6F0D-4C3B-9E7A-1D2C3B4A5F60", "7C1D2E3F-4A5B-4C6D-8E9F-0A1B2C3D4E5F"
	qde = strings.Replace(qde, "</Users>", `<User guid="`+user+`" name="olli"/></Users>`, 1)
	i := strings.LastIndex(qde, "</Codes>")
	qde = qde[:i] + `<Code guid="` + code + `" name="Uusi koodi" isCodable="true"/>` + qde[i:]
	return strings.Replace(qde, "<PlainTextSelection ", `<PlainTextSelection guid="9D8C7B6A-5F4E-4D3C-8B2A-19F8E7D6C5B4" startPosition="0" endPosition="5" creatingUser="`+user+
		`" creationDateTime="2026-11-02T10:00:00Z"><Coding guid="1A2B3C4D-5E6F-4A1B-8C2D-3E4F5A6B7C8D" creatingUser="`+user+
		`" creationDateTime="2026-11-02T10:00:00Z"><CodeRef targetGUID="`+code+`"/></Coding></PlainTextSelection><PlainTextSelection `, 1)
}

// A project that went out through another tool, which gave everything
// new guids, comes back into the original: refused as clashing codes
// without --match-codes-by-name, and with it merged cleanly — no new
// code, no conflict, no coding or memo twice — while what was done in
// the other tool (a new code, a coding with it) comes in.
func TestQDPXBackFromAnotherToolMatchesCodesByName(t *testing.T) {
	ctx := context.Background()
	a := codedDemo(t)
	dir := t.TempDir()
	out, back := filepath.Join(dir, "out.qdpx"), filepath.Join(dir, "back.qdpx")
	if _, err := a.ExportQDPX(ctx, out, "fi", "aino"); err != nil {
		t.Fatal(err)
	}
	throughOtherTool(t, out, back)
	before := snapshot(t, a)

	if _, err := a.ImportQDPX(ctx, back, "eero"); err == nil || !strings.Contains(err.Error(), back) {
		t.Fatalf("without matching: %v, want a refusal naming %s", err, back)
	}
	if after := snapshot(t, a); !equalMaps(before, after) {
		t.Fatal("a refused import changed the project")
	}

	rep, err := a.ImportQDPXWith(ctx, back, "eero", QDPXImportOptions{MatchCodesByName: true})
	if err != nil {
		t.Fatalf("with matching: %v", err)
	}
	if len(rep.Conflicts) != 0 || rep.Codings != 1 || rep.Documents != 0 || len(rep.Duplicates) != 10 {
		t.Fatalf("report %+v: want 10 documents found here, olli's one new coding, no conflict", rep)
	}
	after := snapshot(t, a)
	var added []string
	for k, v := range after {
		if _, ok := before[k]; !ok {
			added = append(added, k+" "+v)
			delete(after, k)
		}
	}
	if len(added) != 2 || !strings.Contains(strings.Join(added, "\n"), " Uusi koodi|") || !strings.Contains(strings.Join(added, "\n"), " by olli") {
		t.Errorf("added %q: want the new code and olli's coding", added)
	}
	if !equalMaps(before, after) {
		for k, v := range after {
			if before[k] != v {
				t.Errorf("changed: %s = %s (was %q)", k, v, before[k])
			}
		}
		for k := range before {
			if _, ok := after[k]; !ok {
				t.Errorf("lost: %s", k)
			}
		}
		t.Fatal("the round trip back changed the project")
	}
}

// The names decide, not the order or the case: codes the other tool
// renamed in case or spacing, moved under another theme, or left with a
// name two codes here share.
func TestMatchCodesByName(t *testing.T) {
	here, err := coding.NewCodebook([]*coding.Code{
		{Record: coding.Record{ID: "t1"}, NameFi: "Byrokratia", NameEn: "Bureaucracy"},
		{Record: coding.Record{ID: "c1"}, ParentID: "t1", NameFi: "Odottaminen"},
		{Record: coding.Record{ID: "c2"}, ParentID: "t1", NameFi: "Muu"},
		{Record: coding.Record{ID: "t2"}, NameFi: "Tiedonsiirto"},
		{Record: coding.Record{ID: "c3"}, ParentID: "t2", NameFi: "Muu"},
		{Record: coding.Record{ID: "c4"}, ParentID: "t2", NameFi: "Viiveet"},
	})
	if err != nil {
		t.Fatal(err)
	}
	q := &fileCodes{}
	q.add("F1", "", "BUREAUCRACY") // by its English name, in upper case
	q.add("F2", "F1", "odottaminen")
	q.add("F3", "F1", "Muu") // by its path: the Muu under Byrokratia
	q.add("F4", "", "Tiedon  siirto")
	q.add("F5", "", "Viiveet") // moved to the top: found anywhere, one code has the name
	q.add("F6", "", "Muu")     // at the top, two codes here have the name: no match
	q.add("F7", "", "Uusi")    // new
	m := matchCodesByName(here, q.project())
	want := map[string]string{"F1": "t1", "F2": "c1", "F3": "c2", "F5": "c4"}
	for f, h := range want {
		if m.ids[f] != h {
			t.Errorf("%s matched %q, want %q", f, m.ids[f], h)
		}
	}
	for _, f := range []string{"F4", "F6", "F7"} {
		if h, ok := m.ids[f]; ok {
			t.Errorf("%s matched %q, want no match", f, h)
		}
	}
	if len(m.ambiguous) != 1 || !strings.Contains(m.ambiguous[0], `"Muu" matches 2 codes`) {
		t.Errorf("ambiguous %q", m.ambiguous)
	}
}

// fileCodes builds the codes of a file for matchCodesByName.
type fileCodes struct{ codes []*coding.Code }

func (f *fileCodes) add(id, parent, name string) {
	f.codes = append(f.codes, &coding.Code{Record: coding.Record{ID: id}, ParentID: parent, NameFi: name})
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func (f *fileCodes) project() *refiqda.Project {
	return &refiqda.Project{Codes: f.codes, Memos: map[string]string{}, MemoStamps: map[string]refiqda.Stamp{}}
}

// A code that came back through another tool with its Description cut to
// one paragraph (QualCoder keeps a code's memo so) keeps its definition
// parts here, and the difference is printed.
func TestQDPXBackWithACutDescriptionKeepsTheDefinition(t *testing.T) {
	ctx := context.Background()
	a := codedDemo(t)
	dir := t.TempDir()
	out, back := filepath.Join(dir, "out.qdpx"), filepath.Join(dir, "back.qdpx")
	if _, err := a.ExportQDPX(ctx, out, "fi", "aino"); err != nil {
		t.Fatal(err)
	}
	throughOtherTool(t, out, back)
	names, data := archiveEntries(t, back)
	qde := string(data["project.qde"])
	i := strings.Index(qde, "<Description>")
	j := i + strings.Index(qde[i:], "</Description>")
	cut := qde[i+len("<Description>") : j]
	if k := strings.Index(cut, "&#xA;"); k > 0 {
		cut = cut[:k]
	}
	data["project.qde"] = []byte(qde[:i] + "<Description>" + cut + "</Description>" + qde[j+len("</Description>"):])
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, _ := zw.Create(n)
		w.Write(data[n])
	}
	zw.Close()
	os.WriteFile(back, buf.Bytes(), 0o600)

	cb, _ := a.Codebook(ctx)
	first := *cb.Codes()[0]
	rep, err := a.ImportQDPXWith(ctx, back, "eero", QDPXImportOptions{MatchCodesByName: true})
	if err != nil {
		t.Fatal(err)
	}
	cb, _ = a.Codebook(ctx)
	now := cb.Code(first.ID)
	if now.ShortDef != first.ShortDef || now.Definition != first.Definition || now.WhenToUse != first.WhenToUse || now.Example != first.Example {
		t.Errorf("the definition changed:\n%+v\nwas\n%+v", now, first)
	}
	var said bool
	for _, c := range rep.Conflicts {
		said = said || strings.Contains(c.String(), "definition of") && strings.Contains(c.String(), first.NameFi)
	}
	if !said {
		t.Errorf("no conflict names the cut definition: %v", rep.Conflicts)
	}
}
