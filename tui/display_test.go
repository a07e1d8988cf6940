package tui

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestStoredControlsShownVisible fills a project with control characters
// as an older avain may have stored them (document name, text, code name,
// coder, memo) and walks the workspace over them: each screen shows them
// as visible symbols, and none reaches the terminal.
func TestStoredControlsShownVisible(t *testing.T) {
	p, doc := newProject(t)
	ctx := context.Background()
	for _, q := range []string{
		`UPDATE documents SET name = 'haastattelu' || char(27) || ']0;pwned' || char(7) || '-01' WHERE name = 'haastattelu-01'`,
		// The same length, so the turns still fit.
		`UPDATE documents SET text = replace(text, 'Kelasta', 'K' || char(27) || 'lasta')`,
		`UPDATE codes SET name_fi = 'Odo' || char(155) || 'ttaminen' || char(8238) WHERE name_fi = 'Odottaminen'`,
		`UPDATE codings SET coder = 'ai' || char(7) || 'no'`,
	} {
		if _, err := p.Store.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := p.SetMemo(ctx, "document", doc.ID, "muistio", "aino"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Store.DB().ExecContext(ctx, `UPDATE memos SET text = 'muis' || char(27) || '[2Jtio'`); err != nil {
		t.Fatal(err)
	}
	tm := flow(t, p)
	var seen bytes.Buffer
	wait := func(want string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			if strings.Contains(ansi.Strip(string(b)), want) {
				seen.Write(b)
				return true
			}
			return false
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	wait("haastattelu␛]0;pwned␇-01")
	hit(tm, "enter")
	wait("K␛lasta")
	hit(tm, "]")
	wait("ai␇no")
	hit(tm, "M")
	wait("muis␛[2Jtio")
	hit(tm, "esc")
	hit(tm, "B")
	wait("Odo�ttaminen�")
	for _, raw := range []string{"pwned\a", "\x1b[2Jtio", "K\x1blasta", "\u009b", "\u202e", "ai\ano"} {
		if bytes.Contains(seen.Bytes(), []byte(raw)) {
			t.Errorf("the terminal got %q raw", raw)
		}
	}
}
