package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestCodebookDepthLimit adds codes one under another: the 16th level is
// taken, the 17th refused by add and by move, and nothing changes.
func TestCodebookDepthLimit(t *testing.T) {
	s, _ := newProject(t)
	ctx := context.Background()
	parent := ""
	var ids []string
	for i := 1; i <= coding.MaxCodeDepth; i++ {
		c := &coding.Code{ParentID: parent, NameFi: fmt.Sprintf("Taso %d", i), NameEn: fmt.Sprintf("Level %d", i)}
		if err := s.AddCode(ctx, c, "aino"); err != nil {
			t.Fatalf("level %d: %v", i, err)
		}
		parent = c.ID
		ids = append(ids, c.ID)
	}
	err := s.AddCode(ctx, &coding.Code{ParentID: parent, NameFi: "Liian syvä", NameEn: "Too deep"}, "aino")
	if !errors.Is(err, coding.ErrInvalid) || !strings.Contains(err.Error(), "17 levels deep; a code tree may be at most 16 deep") {
		t.Errorf("level 17: %v", err)
	}
	top := &coding.Code{NameFi: "Toinen", NameEn: "Other"}
	if err := s.AddCode(ctx, top, "aino"); err != nil {
		t.Fatal(err)
	}
	_, err = s.UpdateCode(ctx, top.ID, "aino", "move", func(c *coding.Code) error { c.ParentID = parent; return nil })
	if !errors.Is(err, coding.ErrInvalid) {
		t.Errorf("move to level 17: %v", err)
	}
	cb, err := s.Codebook(ctx)
	if err != nil || cb.Len() != coding.MaxCodeDepth+1 || cb.Depth(top.ID) != 0 {
		t.Errorf("codebook after refusals: %d codes, %v", cb.Len(), err)
	}
	below := &coding.Code{ParentID: top.ID, NameFi: "Alempi", NameEn: "Below"}
	if err := s.AddCode(ctx, below, "aino"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergeCode(ctx, ids[0], below.ID, "aino"); !errors.Is(err, coding.ErrInvalid) {
		t.Errorf("merging a 16-deep theme into a code of level 2: %v", err)
	}
}

// TestTextFieldsRefused refuses control characters in what the store
// writes, and lets a code an older version stored with one be read and
// put right without blocking other edits.
func TestTextFieldsRefused(t *testing.T) {
	s, d := codedProject(t)
	ctx := context.Background()
	const code = "00000000-0000-0000-0000-0000000000c1"
	if err := s.AddCode(ctx, &coding.Code{NameFi: "\x1b[31mX", NameEn: "X"}, "aino"); !errors.Is(err, coding.ErrInvalid) {
		t.Errorf("AddCode with ESC: %v", err)
	}
	if err := s.SetMemo(ctx, coding.MemoDocument, d.ID, "muistio\x1b]0;pwned\a", "aino"); !errors.Is(err, coding.ErrInvalid) {
		t.Errorf("SetMemo with OSC: %v", err)
	}
	if err := s.SetMemo(ctx, coding.MemoDocument, d.ID, "rivi 1\n\trivi 2", "aino"); err != nil {
		t.Errorf("SetMemo with a line feed and a tab: %v", err)
	}
	if err := s.SetMemo(ctx, coding.MemoCode, code, "ok", "ai\u202eno"); !errors.Is(err, coding.ErrInvalid) {
		t.Errorf("SetMemo by a coder with RLO: %v", err)
	}
	bad := sampleDoc("b\u009b2J.txt", "H: Toinen teksti.")
	if err := s.ImportDocument(ctx, bad, "aino"); !errors.Is(err, coding.ErrInvalid) {
		t.Errorf("ImportDocument with CSI in the name: %v", err)
	}
	c := &coding.Coding{DocumentID: d.ID, CodeID: code, Start: 3, End: 8}
	c.Coder = "aino\n"
	if _, err := s.AddCoding(ctx, c); !errors.Is(err, coding.ErrInvalid) {
		t.Errorf("AddCoding by a coder with a newline: %v", err)
	}
	// As an older version might have stored them.
	if _, err := s.DB().ExecContext(ctx, `UPDATE codes SET name_fi = 'Liite' || char(27) || '[2J', name_en = 'Att' || char(7) WHERE id = ?`, code); err != nil {
		t.Fatal(err)
	}
	cb, err := s.Codebook(ctx)
	if err != nil || cb.Code(code) == nil {
		t.Fatalf("reading a stored bad name: %v", err)
	}
	if err := s.AddCode(ctx, &coding.Code{NameFi: "Uusi", NameEn: "New"}, "aino"); err != nil {
		t.Errorf("an edit of another code: %v", err)
	}
	_, err = s.UpdateCode(ctx, code, "aino", "rename", func(c *coding.Code) error { c.NameFi = "Liite"; return nil })
	if !errors.Is(err, coding.ErrInvalid) || !strings.Contains(err.Error(), `name_en "Att\x07"`) {
		t.Errorf("a rename that leaves the other bad name: %v", err)
	}
	_, err = s.UpdateCode(ctx, code, "aino", "rename", func(c *coding.Code) error { c.NameFi, c.NameEn = "Liite", "Att"; return nil })
	if err != nil {
		t.Errorf("putting it right: %v", err)
	}
}
