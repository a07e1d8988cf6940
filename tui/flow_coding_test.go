package tui

import (
	"context"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/toituavain/avain/coding"
)

// TestFlowInVivoRecodeMemoUndo drives the whole program as a coder would:
// an in-vivo code from two selected words, a recode of another coder's
// coding (asked first), a memo on it and the memo's undo; then it reads
// the project.
func TestFlowInVivoRecodeMemoUndo(t *testing.T) {
	p, doc := newProject(t)
	ctx := context.Background()
	tm := flow(t, p)
	waitFor(t, tm, "haastattelu-02")
	hit(tm, "enter")
	waitFor(t, tm, "Miten hakemuksesi eteni")

	for _, k := range []string{"v", "w", "i"} { // "Miten hakemuksesi" becomes a code
		hit(tm, k)
	}
	waitFor(t, tm, "new code; coded")

	hit(tm, "]") // turn 2: aino's two codings are on the cursor line
	hit(tm, "r")
	waitFor(t, tm, "y/n")
	hit(tm, "y")     // opens the picker at once (the title may be drawn only in part over the question)
	tm.Type("Miten") // the in-vivo code, which neither of aino's codings has
	hit(tm, "enter")
	inVivo := codeNamed(t, p, "Miten hakemuksesi")
	if inVivo == nil {
		t.Fatal("no in-vivo code named by the selected words")
	}
	t1, t2 := doc.Turns[0], doc.Turns[1]
	eventually(t, "the recode written", func() bool {
		cs, _ := p.Codings(ctx, coding.CodingFilter{DocumentID: doc.ID, CodeIDs: []string{inVivo.ID}})
		return len(cs) == 2
	})

	// The recode is in SQLite before the UI has its result: the memo may
	// open on the coding the recode replaced, and is saved on the new one.
	hit(tm, "m")
	waitFor(t, tm, "Memo on")
	tm.Type("Tulkinta epävarma.")
	memos := func(n int) func() bool {
		return func() bool {
			log, _ := p.AuditLog(ctx)
			got := 0
			for _, e := range log {
				if e.Action == "memo" {
					got++
				}
			}
			return got == n
		}
	}
	hit(tm, "esc")
	eventually(t, "the memo written", memos(1))
	hit(tm, "u")
	eventually(t, "the memo's undo written", memos(2))
	hit(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	cs, err := p.Codings(ctx, coding.CodingFilter{DocumentID: doc.ID})
	if err != nil {
		t.Fatal(err)
	}
	var words, recoded *coding.Coding
	ainos := 0
	for _, c := range cs {
		switch {
		case c.CodeID == inVivo.ID && c.Start == t1.Start:
			words = c
		case c.CodeID == inVivo.ID && c.Start >= t2.Start && c.End <= t2.End:
			recoded = c
		case c.Coder == "aino" && c.Start >= t2.Start && c.End <= t2.End:
			ainos++
		}
		if c.Memo != "" {
			t.Errorf("the memo's undo left %q on %+v", c.Memo, c)
		}
	}
	if words == nil || words.End != t1.Start+len([]rune("Miten hakemuksesi")) || words.Coder != "virta" {
		t.Errorf("the in-vivo coding: %+v, want virta's on the two words", words)
	}
	if recoded == nil || recoded.Coder != "virta" || ainos != 1 {
		t.Fatalf("after the recode: %+v and %d of aino's codings on turn 2, want one recoded by virta and one of aino's left: %+v", recoded, ainos, cs)
	}
	log, err := p.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	onRecoded := 0
	for _, e := range log {
		if e.Action == "memo" && e.Detail == "coding "+recoded.ID {
			onRecoded++
		}
	}
	if onRecoded != 2 {
		t.Errorf("%d memo entries on the recoded coding in the audit log, want 2 (written, undone)", onRecoded)
	}
}

// eventually waits until cond holds, reading the project (a state on the
// screen can be drawn in pieces), for at most 5 s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("%s: not after 5 s", what)
}
