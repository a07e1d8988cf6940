package project

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
)

// fullSnapshot is everything of a project a REFI-QDA round trip must
// keep, a line per record, keyed by content so that the ids a new
// project gives its documents do not matter: every document (name, kind,
// language, format, text, attributes, who imported it and when, each
// turn's span, speaker and times), every code (all its fields, its place
// in the tree and who made it when), every coding (document, span, code,
// coder, times) and every memo (what it is on, text, author, times).
// Times are compared to the second, as REFI-QDA writes them.
func fullSnapshot(t *testing.T, p *Project) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	sec := func(r coding.Record) string {
		return fmt.Sprintf("by %q at %s/%s", r.Coder, r.Created.UTC().Truncate(time.Second).Format(time.RFC3339),
			r.Updated.UTC().Truncate(time.Second).Format(time.RFC3339))
	}
	cb, err := p.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cb.Codes() {
		out = append(out, fmt.Sprintf("code %s: %s #%d en=%q color=%s key=%q short=%q def=%q use=%q notuse=%q example=%q category=%v %s",
			c.ID, cb.PathString(c.ID, "fi"), c.Position, c.NameEn, c.Color, c.Shortcut, c.ShortDef, c.Definition, c.WhenToUse,
			c.WhenNotUse, c.Example, c.NotCodable, sec(c.Record)))
	}
	names := map[string]string{}
	err = p.EachDocument(ctx, func(d *coding.Document) error {
		names[d.ID] = d.Name
		out = append(out, fmt.Sprintf("document %s: kind=%s lang=%s format=%s hash=%s attrs=%v %s", d.Name, d.Kind, d.Lang,
			d.Format, d.Hash, d.Attrs, sec(d.Record)))
		for _, tn := range d.Turns {
			out = append(out, fmt.Sprintf("turn %s #%d [%d,%d) %q time=%v-%v (%v)", d.Name, tn.N, tn.Start, tn.End, tn.Speaker,
				tn.Time, tn.TimeEnd, tn.HasTime))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	codings, err := p.Codings(ctx, coding.CodingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	where := map[string]string{} // coding id -> its content key
	for _, c := range codings {
		k := fmt.Sprintf("%s [%d,%d) %s by %s", names[c.DocumentID], c.Start, c.End, c.CodeID, c.Coder)
		where[c.ID] = k
		out = append(out, fmt.Sprintf("coding %s %s memo=%q", k, sec(c.Record), c.Memo))
	}
	memos, err := p.Memos(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range memos {
		on := m.TargetID
		switch m.Target {
		case coding.MemoDocument:
			on = names[m.TargetID]
		case coding.MemoCoding:
			on = where[m.TargetID]
		}
		out = append(out, fmt.Sprintf("memo on %s %s: %q superseded=%v %s", m.Target, on, m.Text, m.Superseded, sec(m.Record)))
	}
	sort.Strings(out)
	return out
}

// richProject is the coded demo with what a REFI-QDA file has no element
// for: a WebVTT interview (speakers and timestamps), a category that
// only groups codes, a project memo, and records by several people.
func richProject(t *testing.T) *Project {
	t.Helper()
	ctx := context.Background()
	p := codedDemo(t)
	// What follows is made at times of its own, a minute apart.
	tick := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	p.Now = func() time.Time { tick = tick.Add(time.Minute); return tick }
	vtt := filepath.Join(t.TempDir(), "ryhmahaastattelu.vtt")
	err := os.WriteFile(vtt, []byte("WEBVTT\n\n00:00:01.000 --> 00:00:04.500\n<v Haastattelija>Miten hakemus eteni Kelassa?\n\n"+
		"00:00:05.000 --> 00:00:11.250\n<v Asiakas A>Liitteitä pyydettiin kolme kertaa, ja päätös viipyi.\n\n"+
		"00:00:12.000 --> 00:00:15.000\n<v Asiakas B>Minulla meni sujuvasti verkossa.\n"), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.ImportFiles(ctx, []string{vtt}, ImportOptions{Coder: "ville", Attrs: map[string]string{"region": "Pohjois-Savo"}}, nil); err != nil {
		t.Fatal(err)
	}
	d, err := p.Document(ctx, "ryhmahaastattelu.vtt")
	if err != nil {
		t.Fatal(err)
	}
	cb, _ := p.Codebook(ctx)
	theme := cb.Codes()[0]
	cat := &coding.Code{ParentID: theme.ID, NameFi: "Ryhmittely", NameEn: "Grouping", Color: "#336699", NotCodable: true, Definition: "Vain ryhmittelyyn."}
	if err := p.AddCode(ctx, cat, "ville"); err != nil {
		t.Fatal(err)
	}
	c := &coding.Coding{Record: coding.Record{Coder: "ville"}, DocumentID: d.ID, CodeID: cb.Codes()[1].ID, Start: d.Turns[1].Start, End: d.Turns[1].End,
		Memo: "Liitteet toistuvat."}
	if _, err := p.AddCoding(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := p.SetMemo(ctx, coding.MemoProject, coding.ProjectMemoID, "Tutkimuksen yhteinen muistio.", "ville"); err != nil {
		t.Fatal(err)
	}
	if err := p.SetMemo(ctx, coding.MemoDocument, d.ID, "Ryhmähaastattelu, kolme puhujaa.", "aino"); err != nil {
		t.Fatal(err)
	}
	return p
}

// avain → .qdpx → avain keeps the whole project.
func TestQDPXRoundTripSnapshot(t *testing.T) {
	ctx := context.Background()
	a := richProject(t)
	file := filepath.Join(t.TempDir(), "a.qdpx")
	if _, err := a.ExportQDPX(ctx, file, "fi", "aino"); err != nil {
		t.Fatal(err)
	}
	validateQDE(t, file)
	b, err := Create(ctx, filepath.Join(t.TempDir(), "b.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	// The import runs at another time: a record that took the import's
	// time instead of the file's shows in the snapshot.
	b.Now = func() time.Time { return time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC) }
	rep, err := b.ImportQDPX(ctx, file, "eero")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) > 0 || len(rep.Changed) > 0 {
		t.Errorf("import reported\nskipped %q\nchanged %q", rep.Skipped, rep.Changed)
	}
	want, got := fullSnapshot(t, a), fullSnapshot(t, b)
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		in := map[string]bool{}
		for _, l := range got {
			in[l] = true
		}
		was := map[string]bool{}
		for _, l := range want {
			was[l] = true
			if !in[l] {
				t.Errorf("lost: %s", l)
			}
		}
		for _, l := range got {
			if !was[l] {
				t.Errorf("new:  %s", l)
			}
		}
	}
}
