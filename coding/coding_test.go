package coding

import (
	"errors"
	"strings"
	"testing"
)

func TestSliceCodePoints(t *testing.T) {
	s := "Päätös 決定 ok"
	cases := []struct {
		start, end int
		want       string
	}{
		{0, 6, "Päätös"}, {7, 9, "決定"}, {10, 12, "ok"}, {10, 99, "ok"}, {-3, 1, "P"}, {5, 5, ""}, {6, 2, ""}, {20, 30, ""},
	}
	for _, c := range cases {
		if got := Slice(s, c.start, c.end); got != c.want {
			t.Errorf("Slice(%d,%d) = %q, want %q", c.start, c.end, got, c.want)
		}
	}
}

func TestDocumentValidate(t *testing.T) {
	good := func() *Document {
		return &Document{Name: "a.txt", Kind: KindClient, Text: "H: Kysymys?\nV: Vastaus.",
			Turns: []Turn{{N: 1, Speaker: "H", Start: 3, End: 11}, {N: 2, Speaker: "V", Start: 15, End: 23}}}
	}
	if err := good().Validate(); err != nil {
		t.Fatalf("good document: %v", err)
	}
	cases := map[string]func(*Document){
		"no name":      func(d *Document) { d.Name = " " },
		"bad kind":     func(d *Document) { d.Kind = "patient" },
		"no text":      func(d *Document) { d.Text = "\n" },
		"bad number":   func(d *Document) { d.Turns[1].N = 3 },
		"past the end": func(d *Document) { d.Turns[1].End = 24 },
		"overlap":      func(d *Document) { d.Turns[1].Start = 10 },
		"empty turn":   func(d *Document) { d.Turns[0].End = 3 },
	}
	for name, breakIt := range cases {
		t.Run(name, func(t *testing.T) {
			d := good()
			breakIt(d)
			if err := d.Validate(); !errors.Is(err, ErrInvalid) {
				t.Errorf("Validate = %v, want ErrInvalid", err)
			}
		})
	}
	d := good()
	if d.TurnText(d.Turns[1]) != "Vastaus." || d.Words() != 2 || d.TurnAt(16) != 2 || d.TurnAt(1) != 0 {
		t.Errorf("TurnText %q Words %d TurnAt %d/%d", d.TurnText(d.Turns[1]), d.Words(), d.TurnAt(16), d.TurnAt(1))
	}
}

func TestCountWords(t *testing.T) {
	for s, want := range map[string]int{"": 0, "yksi": 1, "Kela-siirto, 2017 (.) no niin": 5, "  ä ö å ": 3} {
		if got := CountWords(s); got != want {
			t.Errorf("CountWords(%q) = %d, want %d", s, got, want)
		}
	}
}

func codes() []*Code {
	return []*Code{
		{Record: Record{ID: "t1"}, NameFi: "Byrokratialoukut", NameEn: "Bureaucracy traps", Color: "#aa0000"},
		{Record: Record{ID: "c1"}, ParentID: "t1", NameFi: "Liitepyynnöt", NameEn: "Attachment requests", Shortcut: "l"},
		{Record: Record{ID: "c2"}, ParentID: "t1", NameFi: "Odottaminen", NameEn: "Waiting", Position: -1},
		{Record: Record{ID: "t2"}, NameFi: "Tiedonsiirto", NameEn: "Data transfer"},
		{Record: Record{ID: "c3"}, ParentID: "t2", NameFi: "Odottaminen", NameEn: "Waiting for data"},
		{Record: Record{ID: "gone", Deleted: true}, NameFi: "Poistettu"},
	}
}

func TestCodebookTreeAndResolve(t *testing.T) {
	cb, err := NewCodebook(codes())
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, c := range cb.Codes() {
		order = append(order, c.ID)
	}
	if got := strings.Join(order, ","); got != "t1,c2,c1,t2,c3" {
		t.Errorf("tree order %s", got)
	}
	if cb.Depth("c1") != 1 || cb.PathString("c1", "en") != "Bureaucracy traps/Attachment requests" || cb.Code("gone") != nil {
		t.Errorf("depth/path/deleted wrong")
	}
	for ref, want := range map[string]string{"c1": "c1", "liitepyynnöt": "c1", "Attachment requests": "c1",
		"Tiedonsiirto/Odottaminen": "c3", "Byrokratialoukut/Waiting": "c2", "Waiting for data": "c3"} {
		c, err := cb.Resolve(ref)
		if err != nil || c.ID != want {
			t.Errorf("Resolve(%q) = %v, %v; want %s", ref, c, err, want)
		}
	}
	if _, err := cb.Resolve("Odottaminen"); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "Tiedonsiirto/Odottaminen") {
		t.Errorf("ambiguous name: %v", err)
	}
	if _, err := cb.Resolve("Nothing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown name: %v", err)
	}
}

func TestCodebookProblems(t *testing.T) {
	cs := codes()
	cs = append(cs,
		&Code{Record: Record{ID: "c1"}, NameFi: "Kaksoiskappale"},                   // duplicate id
		&Code{Record: Record{ID: "x1"}, ParentID: "nope", NameFi: "Orpo"},           // unknown parent
		&Code{Record: Record{ID: "x2"}, ParentID: "x3", NameFi: "A", Color: "red"},  // bad colour, cycle
		&Code{Record: Record{ID: "x3"}, ParentID: "x2", NameFi: "B", Shortcut: "l"}, // cycle, shortcut clash
		&Code{Record: Record{ID: "x4"}, ParentID: "t1", NameFi: "Liitepyynnöt"},     // sibling name clash
		&Code{Record: Record{ID: "x5"}},                                             // no name
	)
	_, err := NewCodebook(cs)
	var cbe *CodebookError
	if !errors.As(err, &cbe) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("want a CodebookError, got %v", err)
	}
	for _, want := range []string{"duplicate code id c1", "unknown parent nope", `colour "red"`, "cycle", `shortcut "l"`, `share the name "Liitepyynnöt"`, "x5 has no name"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("problems lack %q: %v", want, cbe.Problems)
		}
	}
}

func TestSpans(t *testing.T) {
	if err := ValidateSpan(0, 5, 5); err != nil {
		t.Error(err)
	}
	for _, s := range [][2]int{{-1, 2}, {2, 6}, {3, 3}, {4, 2}} {
		if err := ValidateSpan(s[0], s[1], 5); !errors.Is(err, ErrInvalid) {
			t.Errorf("span %v accepted", s)
		}
	}
	a, b := Span{0, 5}, Span{5, 8}
	if a.Overlaps(b) || !a.Overlaps(Span{4, 6}) || a.Contains(5) || !b.Contains(5) {
		t.Error("span arithmetic")
	}
}

// Words.In counts what CountWords counts, for every span of a text with
// words cut at either end, punctuation, digits and non-ASCII letters.
func TestWordsIn(t *testing.T) {
	for _, text := range []string{"", "a", " ", "Kela, ja  kunta: 2023-luvulla ääh!", "  alku ja loppu  ", "yksi"} {
		w := IndexWords(text)
		r := []rune(text)
		for s := 0; s <= len(r); s++ {
			for e := s; e <= len(r); e++ {
				if got, want := w.In(Span{Start: s, End: e}), CountWords(string(r[s:e])); got != want {
					t.Errorf("%q [%d,%d): In %d, CountWords %d", text, s, e, got, want)
				}
			}
		}
	}
}

func TestTextIndexSlice(t *testing.T) {
	text := strings.Repeat("Kelasta ääkkösiä 😀 ja\nrivejä, ", 20)
	r := []rune(text)
	x := NewTextIndex(text)
	for s := -1; s <= len(r)+1; s += 7 {
		for e := s; e <= len(r)+1; e += 5 {
			want := ""
			if s >= 0 && e <= len(r) && s < e {
				want = string(r[s:e])
			}
			if got := x.Slice(s, e); got != want {
				t.Fatalf("Slice(%d, %d) = %q, want %q", s, e, got, want)
			}
		}
	}
}
