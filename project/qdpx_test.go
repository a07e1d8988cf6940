package project

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/coding"
)

// snapshot is what a REFI-QDA round trip must keep, keyed by content so
// two projects with other ids compare equal.
func snapshot(t *testing.T, p *Project) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	cb, err := p.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cb.Codes() {
		memo, _ := p.Memo(ctx, coding.MemoCode, c.ID)
		out["code "+c.ID] = fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s|%s|memo=%s", cb.PathString(c.ID, "fi"), c.NameEn, c.Color,
			c.Shortcut, c.ShortDef, c.Definition, c.WhenToUse, c.WhenNotUse, c.Example, memo)
	}
	names := map[string]string{}
	err = p.EachDocument(ctx, func(d *coding.Document) error {
		names[d.ID] = d.Name
		memo, _ := p.Memo(ctx, coding.MemoDocument, d.ID)
		keys := make([]string, 0, len(d.Attrs))
		for k := range d.Attrs {
			keys = append(keys, k+"="+d.Attrs[k])
		}
		sort.Strings(keys)
		out["doc "+d.Name] = fmt.Sprintf("%s|%s|%s|%v|memo=%s|text=%s", coding.ContentHash(d.Text), d.Kind, d.Lang, keys, memo, d.Text)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := p.Codings(ctx, coding.CodingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		k := fmt.Sprintf("coding %s [%d,%d) %s by %s", names[c.DocumentID], c.Start, c.End, c.CodeID, c.Coder)
		out[k] = "memo=" + c.Memo
	}
	return out
}

// codedDemo is the demo project with codings by two coders (one with a
// memo, one of a part of a turn), memos on a document and a code.
func codedDemo(t *testing.T) *Project {
	t.Helper()
	ctx := context.Background()
	p, _, err := CreateWithCodebook(ctx, filepath.Join(t.TempDir(), "a.avain"), codebooks.Default, "aino")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	if _, err := p.ImportDemo(ctx, "aino"); err != nil {
		t.Fatal(err)
	}
	cb, _ := p.Codebook(ctx)
	codes := cb.Codes()
	n := 0
	err = p.EachDocument(ctx, func(d *coding.Document) error {
		for i, tn := range d.Turns {
			if i%5 != 1 {
				continue
			}
			for j, coder := range []string{"aino", "ville"} {
				c := &coding.Coding{Record: coding.Record{Coder: coder}, DocumentID: d.ID, CodeID: codes[(n+j)%len(codes)].ID,
					Start: tn.Start, End: tn.End}
				if j == 1 {
					c.End = tn.Start + (tn.End-tn.Start)/2
					c.Memo = "Ville: " + d.Name
				}
				if _, err := p.AddCoding(ctx, c); err != nil {
					return err
				}
			}
			n++
		}
		return p.SetMemo(ctx, coding.MemoDocument, d.ID, "Muistio: "+d.Name, "aino")
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SetMemo(ctx, coding.MemoCode, codes[3].ID, "Rajanveto on vaikea.", "aino"); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestQDPXRoundTripKeepsTheProject(t *testing.T) {
	ctx := context.Background()
	a := codedDemo(t)
	file := filepath.Join(t.TempDir(), "a.qdpx")
	rep, err := a.ExportQDPX(ctx, file, "fi", "aino")
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(file); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("qdpx: %v, mode %v", err, info.Mode().Perm())
	}
	if rep.Documents != 10 || rep.Codes != 71 || rep.Users != 2 || rep.Codings == 0 {
		t.Fatalf("export report %+v", rep)
	}
	validateQDE(t, file)
	b, err := Create(ctx, filepath.Join(t.TempDir(), "b.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	in, err := b.ImportQDPX(ctx, file, "eero")
	if err != nil {
		t.Fatal(err)
	}
	if in.Documents != 10 || in.Codes != 71 || in.Codings != rep.Codings || len(in.Skipped) != 0 {
		t.Fatalf("import report %+v", in)
	}
	sa, sb := snapshot(t, a), snapshot(t, b)
	for k, v := range sa {
		if sb[k] != v {
			t.Errorf("lost or changed: %s\n  was %.200q\n  now %.200q", k, v, sb[k])
		}
	}
	for k := range sb {
		if _, ok := sa[k]; !ok {
			t.Errorf("added: %s", k)
		}
	}
	// Importing the same file again adds nothing.
	again, err := b.ImportQDPX(ctx, file, "eero")
	if err != nil || again.Documents != 0 || again.Codings != 0 || len(again.Duplicates) != 10 {
		t.Errorf("second import: %+v %v", again, err)
	}
}

func TestQDPXImportOfNVivoSample(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "refi-qda", "samples", "nvivo12.6-win_oltas0517.qdpx")
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	ctx := context.Background()
	p, err := Create(ctx, filepath.Join(t.TempDir(), "n.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	rep, err := p.ImportQDPX(ctx, path, "eero")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 2 || rep.Codes != 152 || rep.Codings != 303 {
		t.Fatalf("report %+v", rep)
	}
	cs, _ := p.Codings(ctx, coding.CodingFilter{})
	if len(cs) != 303 || cs[0].Coder != "Gergo" { // the creatingUser of the sample's Coding elements
		t.Errorf("%d codings, first by %q", len(cs), cs[0].Coder)
	}
}

func TestQDPXBadFileChangesNothing(t *testing.T) {
	ctx := context.Background()
	a := codedDemo(t)
	file := filepath.Join(t.TempDir(), "a.qdpx")
	if _, err := a.ExportQDPX(ctx, file, "fi", "aino"); err != nil {
		t.Fatal(err)
	}
	// Drop the codebook from project.qde: its codings now name unknown codes.
	bad := rewriteQDE(t, file, func(qde string) string {
		i, j := strings.Index(qde, "<CodeBook>"), strings.Index(qde, "</CodeBook>")
		return qde[:i] + qde[j+len("</CodeBook>"):]
	})
	b, err := Create(ctx, filepath.Join(t.TempDir(), "b.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	before := snapshot(t, b)
	_, err = b.ImportQDPX(ctx, bad, "eero")
	if err == nil || !strings.Contains(err.Error(), bad) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("bad file: %v", err)
	}
	if after := snapshot(t, b); len(after) != len(before) {
		t.Errorf("a refused file changed the project: %d things, was %d", len(after), len(before))
	}
}

// rewriteQDE copies a .qdpx with its project.qde changed by f.
func rewriteQDE(t *testing.T, file string, f func(string) string) string {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		var data bytes.Buffer
		data.ReadFrom(rc)
		rc.Close()
		out := data.Bytes()
		if zf.Name == "project.qde" {
			out = []byte(f(data.String()))
		}
		w, _ := zw.Create(zf.Name)
		w.Write(out)
	}
	zw.Close()
	path := filepath.Join(t.TempDir(), "bad.qdpx")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// validateQDE checks a .qdpx's project.qde against the real Project.xsd
// with xmllint (both installed in CI).
func validateQDE(t *testing.T, file string) {
	t.Helper()
	need := func(why string) {
		if os.Getenv("CI") != "" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	xsd := filepath.Join("..", "..", "shared", "refi-qda", "Project.xsd")
	if _, err := os.Stat(xsd); err != nil {
		need(err.Error())
	}
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		need("xmllint is not installed (apt-get install libxml2-utils)")
	}
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if zf.Name != "project.qde" {
			continue
		}
		rc, _ := zf.Open()
		var data bytes.Buffer
		data.ReadFrom(rc)
		rc.Close()
		qde := filepath.Join(t.TempDir(), "project.qde")
		if err := os.WriteFile(qde, data.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(lint, "--noout", "--schema", xsd, qde).CombinedOutput(); err != nil {
			t.Fatalf("xmllint: %v\n%s", err, out)
		}
		return
	}
	t.Fatal("no project.qde")
}
