package refiqda

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// FuzzReadCodebook checks that ReadCodebook never panics, that it refuses
// input only with a one-line *FormatError, and that a codebook it accepts
// (and coding accepts) writes out and reads back unchanged in both
// languages. Seeds are in testdata/fuzz/FuzzReadCodebook.
func FuzzReadCodebook(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteCodebook(&buf, fixture(), coding.LangEnglish); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		codes, err := ReadCodebook(bytes.NewReader(data))
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) || !errors.Is(err, coding.ErrInvalid) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %#v, want a one-line *FormatError", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, c := range codes {
			if !uuidRE.MatchString(c.ID) || seen[c.ID] || c.ParentID != "" && !seen[c.ParentID] {
				t.Fatalf("code %q (parent %q): bad id, or it comes before its parent", c.ID, c.ParentID)
			}
			if c.Color != "" && !lowerColor(c.Color) {
				t.Fatalf("colour %q is not lowercase #rrggbb", c.Color)
			}
			seen[c.ID] = true
		}
		if len(codes) == 0 {
			return
		}
		if _, err := coding.NewCodebook(codes); err != nil {
			return // e.g. two siblings with one name: avain refuses that
		}
		for _, lang := range []string{coding.LangFinnish, coding.LangEnglish} {
			var out bytes.Buffer
			if err := WriteCodebook(&out, codes, lang); err != nil {
				t.Fatal(err)
			}
			back, err := ReadCodebook(bytes.NewReader(out.Bytes()))
			if err != nil {
				t.Fatalf("written codebook does not read: %v\n%s", err, out.Bytes())
			}
			if len(back) != len(codes) {
				t.Fatalf("read back %d codes, want %d", len(back), len(codes))
			}
			for i := range codes {
				if *back[i] != *codes[i] {
					t.Fatalf("%s: code %d changed:\n got %#v\nwant %#v\n%s", lang, i, *back[i], *codes[i], out.Bytes())
				}
			}
		}
	})
}

func lowerColor(s string) bool { return coding.ValidColor(s) && s == strings.ToLower(s) }
