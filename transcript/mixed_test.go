package transcript

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestMixedEncodings: a file of UTF-8 lines and Windows-1252 lines (two
// editors, or a pasted quotation) reads each line in its own encoding, and
// says which lines were not UTF-8.
func TestMixedEncodings(t *testing.T) {
	const want = "H: Hyvää päivää.\nV: Päivää.\nH: Miten menee?\nV: Hyvää, kiitos.\nH: Selvä."
	tests := []struct {
		name     string
		data     string
		want     string
		warnings []string // with "PATH: " before each
	}{
		{"mixed lines", "H: Hyvää päivää.\nV: P\xe4iv\xe4\xe4.\nH: Miten menee?\r\nV: Hyv\xe4\xe4, kiitos.\nH: Selvä.", want,
			[]string{"lines 2, 4 were not UTF-8; read as Windows-1252"}},
		{"one line", "H: Hyvää päivää.\nV: P\xe4iv\xe4\xe4.\nH: Miten menee?\nV: Hyvää, kiitos.\nH: Selvä.", want,
			[]string{"line 2 was not UTF-8; read as Windows-1252"}},
		{"all windows-1252", "H: Hyv\xe4\xe4 p\xe4iv\xe4\xe4.\nV: P\xe4iv\xe4\xe4.\nH: Miten menee?\nV: Hyv\xe4\xe4, kiitos.\nH: Selv\xe4.", want, nil},
		{"all utf-8", want, want, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, "txt", []byte(tt.data))
			if doc.Text != tt.want {
				t.Errorf("Parse: Text = %q, want %q", doc.Text, tt.want)
			}
			p := writeTemp(t, "sekoitus.txt", []byte(tt.data))
			doc, warnings, err := Read(p)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != tt.want {
				t.Errorf("Read: Text = %q, want %q", doc.Text, tt.want)
			}
			var wantW []string
			for _, w := range tt.warnings {
				wantW = append(wantW, p+": "+w)
			}
			if !reflect.DeepEqual(warnings, wantW) {
				t.Errorf("warnings = %q, want %q", warnings, wantW)
			}
		})
	}
	t.Run("many lines", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("H: Hyvää päivää.\n")
		for i := 0; i < 15; i++ {
			b.WriteString("V: P\xe4iv\xe4\xe4.\n")
		}
		p := writeTemp(t, "monta.txt", []byte(b.String()))
		_, warnings, err := Read(p)
		want := p + ": lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 5 more were not UTF-8; read as Windows-1252"
		if err != nil || len(warnings) != 1 || warnings[0] != want {
			t.Errorf("warnings = %q, %v; want %q", warnings, err, want)
		}
	})
	t.Run("undefined byte in a line", func(t *testing.T) {
		_, err := Parse("x.txt", "txt", []byte("H: Hyvää.\nV: hyv\xe4\x8d"))
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("offset %d", len("H: Hyvää.\nV: hyv\xe4"))) {
			t.Errorf("err = %v, want the offset of the undefined byte", err)
		}
	})
}
