package search

import (
	"fmt"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("sana ", 60) + "osuma " + strings.Repeat("muu ", 60)
	at := coding.RuneLen(strings.Repeat("sana ", 60))
	tests := []struct {
		name, text string
		spans      [][2]int
		want       string
		marks      [][2]int
	}{
		{"short turn whole, lines joined", "  Kela\n\n  päätti ", [][2]int{{2, 6}, {10, 16}}, "Kela päätti", [][2]int{{0, 4}, {5, 11}}},
		{"CJK", "日本語のテキスト decision", [][2]int{{9, 17}}, "日本語のテキスト decision", [][2]int{{9, 17}}},
		{"no match", "Kela", nil, "Kela", nil},
		{"long turn around the match", long, [][2]int{{at, at + 5}},
			"…" + strings.TrimSpace(strings.Repeat("sana ", 10)) + " osuma " + strings.TrimSpace(strings.Repeat("muu ", 26)) + "…",
			[][2]int{{51, 56}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, marks := snippet(tt.text, tt.spans)
			if got != tt.want || fmt.Sprint(marks) != fmt.Sprint(tt.marks) {
				t.Errorf("snippet\n got %q %v\nwant %q %v", got, marks, tt.want, tt.marks)
			}
			for _, m := range marks {
				if w := coding.Slice(got, m[0], m[1]); strings.TrimSpace(w) != w || w == "" {
					t.Errorf("mark %v is %q", m, w)
				}
			}
		})
	}
}
