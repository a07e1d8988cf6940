package export

import (
	"context"
	"strings"
	"testing"
)

// TestUnknownCoderIsRefused checks that a coder with no codings in the
// project (a typo, another case) is refused by every table, chart and
// report reads, in one line naming the project and its coders, instead
// of counting zeros; and that the project's coders are taken.
func TestUnknownCoderIsRefused(t *testing.T) {
	ctx := context.Background()
	p := demo(t) // coders aino and ville
	reads := map[string]func(coders []string) error{
		"freq": func(c []string) error { _, _, err := Frequencies(ctx, p, Options{Coders: c}); return err },
		"cooccur": func(c []string) error {
			_, _, err := CooccurrenceMatrix(ctx, p, Options{Coders: c})
			return err
		},
		"themes":   func(c []string) error { _, _, err := ThemeCooccurrence(ctx, p, Options{Coders: c}); return err },
		"segments": func(c []string) error { _, err := Segments(ctx, p, Options{Coders: c}); return err },
		"agreement": func(c []string) error {
			_, err := Agreement(ctx, p, AgreementOptions{A: c[0], B: c[len(c)-1]})
			return err
		},
	}
	for name, read := range reads {
		for _, bad := range []string{"nobody", "Aino"} {
			t.Run(name+" "+bad, func(t *testing.T) {
				err := read([]string{bad, "ville"})
				if err == nil {
					t.Fatalf("--coder %s counted", bad)
				}
				msg := err.Error()
				for _, want := range []string{"demo.avain", `coder "` + bad + `": not found`, "aino, ville"} {
					if !strings.Contains(msg, want) || strings.Contains(msg, "\n") {
						t.Errorf("error %q, want one line with %q", msg, want)
					}
				}
			})
		}
		t.Run(name+" known", func(t *testing.T) {
			if err := read([]string{"aino", "ville"}); err != nil {
				t.Fatal(err)
			}
		})
	}
}
