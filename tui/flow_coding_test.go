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

	hit(tm, "]") // turn 2: aino's Kela coding starts at the caret
	hit(tm, "r")
	waitFor(t, tm, "y/n")
	hit(tm, "y")
	waitFor(t, tm, "Recode turn 2")
	tm.Type("odot")
	hit(tm, "enter")
	waitFor(t, tm, "recoded")

	hit(tm, "m")
	waitFor(t, tm, "Memo on")
	tm.Type("Tulkinta epävarma.")
	hit(tm, "esc")
	waitFor(t, tm, "memo saved")
	hit(tm, "u")
	waitFor(t, tm, "undone")
	hit(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	inVivo := codeNamed(t, p, "Miten hakemuksesi")
	if inVivo == nil {
		t.Fatal("no in-vivo code named by the selected words")
	}
	t1 := doc.Turns[0]
	if cs := live(t, p, inVivo.ID); len(cs) != 1 || cs[0].Start != t1.Start || cs[0].End != t1.Start+len([]rune("Miten hakemuksesi")) {
		t.Fatalf("in-vivo codings: %+v, want one on the two words", cs)
	}
	t2 := doc.Turns[1]
	cs, err := p.Codings(ctx, coding.CodingFilter{DocumentID: doc.ID})
	if err != nil {
		t.Fatal(err)
	}
	var recoded *coding.Coding
	for _, c := range cs {
		if c.Start == t2.Start && c.End == t2.Start+20 {
			if c.CodeID == codeKela {
				t.Errorf("aino's Kela coding is still there: %+v", c)
			}
			if c.CodeID == codeWait {
				recoded = c
			}
		}
	}
	if recoded == nil {
		t.Fatalf("no Odottaminen coding on aino's span: %+v", cs)
	}
	for _, c := range cs {
		if c.Memo != "" {
			t.Errorf("the memo's undo left %q on %+v", c.Memo, c)
		}
	}
	log, err := p.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	memos := 0
	for _, e := range log {
		if e.Action == "memo" && e.Detail == "coding "+recoded.ID {
			memos++
		}
	}
	if memos != 2 {
		t.Errorf("%d memo entries on the recoded coding in the audit log, want 2 (written, undone)", memos)
	}
}
