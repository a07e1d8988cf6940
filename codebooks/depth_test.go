package codebooks

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// deepYAML writes a codebook of one chain of n codes, nested or flat with
// parent fields.
func deepYAML(n int, nested bool) string {
	var b strings.Builder
	b.WriteString("codebook: Syvä\ncodes:\n")
	for i := 0; i < n; i++ {
		pad := "  "
		if nested {
			pad = strings.Repeat("    ", i) + "  "
		}
		fmt.Fprintf(&b, "%s- id: 00000000-0000-4000-8000-%012d\n", pad, i+1)
		if !nested && i > 0 {
			fmt.Fprintf(&b, "%s  parent: 00000000-0000-4000-8000-%012d\n", pad, i)
		}
		fmt.Fprintf(&b, "%s  name_fi: Taso %d\n%s  name_en: Level %d\n", pad, i+1, pad, i+1)
		if nested && i < n-1 {
			fmt.Fprintf(&b, "%s  children:\n", pad)
		}
	}
	return b.String()
}

func TestParseDepthLimit(t *testing.T) {
	for _, nested := range []bool{true, false} {
		name := map[bool]string{true: "nested", false: "parent fields"}[nested]
		t.Run(name, func(t *testing.T) {
			b, err := Parse("deep.yaml", []byte(deepYAML(coding.MaxCodeDepth, nested)))
			if err != nil {
				t.Fatalf("%d levels: %v", coding.MaxCodeDepth, err)
			}
			var out bytes.Buffer
			if err := WriteYAML(&out, b); err != nil {
				t.Fatal(err)
			}
			if back, err := Parse("out.yaml", out.Bytes()); err != nil || len(back.Codes) != coding.MaxCodeDepth {
				t.Fatalf("the export of %d levels does not read back: %v\n%s", coding.MaxCodeDepth, err, out.Bytes())
			}
			src := deepYAML(coding.MaxCodeDepth+1, nested)
			_, err = Parse("deep.yaml", []byte(src))
			// The 17th entry starts on its "- id:" line.
			line := strings.Count(src[:strings.Index(src, "-000000000017")], "\n") + 1
			want := fmt.Sprintf(`deep.yaml:%d: code "Taso 17" lies 17 levels deep; a code tree may be at most 16 deep`, line)
			if err == nil || err.Error() != want {
				t.Errorf("17 levels: %v, want %s", err, want)
			}
		})
	}
	// Thousands of levels are refused at once, with one problem.
	_, err := Parse("deep.yaml", []byte(deepYAML(5000, false)))
	if err == nil || strings.Count(err.Error(), "\n") != 0 {
		t.Errorf("5000 levels: %v", err)
	}
}
