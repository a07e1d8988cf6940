package codebooks

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// FuzzParse checks that Parse never panics, that what it accepts is a valid
// coding.Codebook that writes out and reads back unchanged, and that what it
// refuses comes with problems. Seeds are in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, name := range Names() {
		data, err := files.ReadFile(name + ".yaml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse("f.yaml", data)
		if err != nil {
			var perr *Error
			if !errors.As(err, &perr) || len(perr.Problems) == 0 || !errors.Is(err, coding.ErrInvalid) {
				t.Fatalf("err = %#v, want an *Error with problems", err)
			}
			return
		}
		if _, err := coding.NewCodebook(b.Codes); err != nil {
			t.Fatalf("accepted book fails NewCodebook: %v", err)
		}
		var out bytes.Buffer
		if err := WriteYAML(&out, b); err != nil {
			t.Fatal(err)
		}
		back, err := Parse("out.yaml", out.Bytes())
		if err != nil {
			t.Fatalf("written book does not parse: %v\n%s", err, out.Bytes())
		}
		// Flat input may list children before parents; nested output cannot.
		if !reflect.DeepEqual(byID(back), byID(b)) || back.Name != b.Name || back.Description != b.Description {
			t.Fatalf("round trip differs:\n%s", out.Bytes())
		}
		var md strings.Builder
		if err := WriteMarkdown(&md, b, coding.LangEnglish); err != nil {
			t.Fatal(err)
		}
		checkMarkdown(t, b, md.String())
	})
}

func byID(b *Book) map[string]coding.Code {
	m := map[string]coding.Code{}
	for _, c := range b.Codes {
		m[c.ID] = *c
	}
	return m
}
