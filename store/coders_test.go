package store

import (
	"context"
	"slices"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestCoders: the coders Coders lists are those of the codings Codings
// gives (live codings of live documents whose code counts), sorted.
func TestCoders(t *testing.T) {
	s, d1, d2, a, b, add := twoCoded(t)
	ctx := context.Background()
	code := func(doc, code string, start int, coder string) *coding.Coding {
		return add(doc, code, start, start+3, coder)
	}
	code(d1.ID, a.ID, 0, "ville")
	code(d1.ID, a.ID, 4, "Aino") // another coder than aino
	gone := code(d1.ID, b.ID, 0, "pekka")
	code(d2.ID, b.ID, 0, "maija") // of a removed document
	code(d1.ID, b.ID, 8, "eero")  // of a removed code
	code(d1.ID, a.ID, 8, "aino")
	if _, err := s.SetCodingDeleted(ctx, gone.ID, "aino", true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`UPDATE documents SET deleted = 1 WHERE id = ?`, d2.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`UPDATE codes SET deleted = 1 WHERE id = ?`, b.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.Coders(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := s.Codings(ctx, coding.CodingFilter{Bare: true})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, c := range cs {
		if !slices.Contains(want, c.Coder) {
			want = append(want, c.Coder)
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) || !slices.Equal(got, []string{"Aino", "aino", "ville"}) {
		t.Errorf("Coders %q, the codings' coders %q, want Aino, aino, ville", got, want)
	}
}
