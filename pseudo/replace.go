package pseudo

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/toituavain/avain/coding"
)

// Numberer gives the number of a numbered kind's placeholder for a key:
// the same key always the same number within a project.
type Numberer interface {
	Number(kind Kind, key string) (int, error)
}

// Placeholder is the text that replaces a finding: [HETU], [HENKILÖ-3].
func Placeholder(k Kind, n int) string {
	if k.Numbered() {
		return fmt.Sprintf("[%s-%d]", k, n)
	}
	return "[" + string(k) + "]"
}

// Replacement is a finding replaced: where its placeholder is in the new
// text (code points), and what it replaced.
type Replacement struct {
	Finding
	Placeholder string
	Where       string // "text", "speaker", "name" or "attribute KEY"
	NewStart    int
	NewEnd      int
}

// Counts is how many findings of each kind were replaced.
type Counts map[Kind]int

// String is "HETU 2, PUHELIN 1", in the order of Kinds.
func (c Counts) String() string {
	var parts []string
	for _, k := range Kinds {
		if c[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, c[k]))
		}
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

// Add adds another document's counts.
func (c Counts) Add(o Counts) {
	for k, n := range o {
		c[k] += n
	}
}

// Apply replaces the findings (in order, not overlapping) in text with
// their placeholders; num numbers those that have no number yet (it may be
// nil when every numbered finding has its N).
func Apply(text string, fs []Finding, num Numberer) (string, []Replacement, error) {
	rs := []rune(text)
	var b strings.Builder
	var out []Replacement
	at, shift := 0, 0
	for _, f := range fs {
		if f.Start < at || f.End > len(rs) || f.Start >= f.End {
			return "", nil, fmt.Errorf("finding %q at %d–%d out of order", f.Text, f.Start, f.End)
		}
		n := f.N
		if f.Kind.Numbered() && n == 0 && num == nil {
			return "", nil, fmt.Errorf("%s at %d–%d has no number", f.Kind, f.Start, f.End)
		}
		if f.Kind.Numbered() && n == 0 {
			var err error
			if n, err = num.Number(f.Kind, f.Key); err != nil {
				return "", nil, err
			}
		}
		ph := Placeholder(f.Kind, n)
		b.WriteString(string(rs[at:f.Start]))
		b.WriteString(ph)
		phLen := len([]rune(ph))
		out = append(out, Replacement{Finding: f, Placeholder: ph, Where: "text", NewStart: f.Start + shift, NewEnd: f.Start + shift + phLen})
		shift += phLen - (f.End - f.Start)
		at = f.End
	}
	b.WriteString(string(rs[at:]))
	return b.String(), out, nil
}

// Context shows a finding in its text on one line: up to width code
// points around it, the finding in »…«.
func Context(text string, f Finding, width int) string {
	rs := []rune(text)
	from, to := max(0, f.Start-width/2), min(len(rs), f.End+width/2)
	clean := func(s []rune) string { return strings.Join(strings.Fields(string(s)), " ") }
	pre, post := "", ""
	if from > 0 {
		pre = "…"
	}
	if to < len(rs) {
		post = "…"
	}
	before, after := clean(rs[from:f.Start]), clean(rs[f.End:to])
	if len(rs[from:f.Start]) > 0 && strings.TrimSpace(string(rs[f.Start-1:f.Start])) == "" {
		before += " "
	}
	if f.End < to && strings.TrimSpace(string(rs[f.End:f.End+1])) == "" {
		after = " " + after
	}
	return pre + before + "»" + f.Text + "«" + after + post
}

// ErrStopped is what an Accept returns when the user stops: the document
// is left as it was.
var ErrStopped = errors.New("pseudonymisation stopped by the user: the document was left as it was")

// Accept decides whether a finding is replaced; where is "text",
// "speaker", "name" or "attribute KEY", and context shows it in its
// surroundings.
type Accept func(f Finding, where, context string) (bool, error)

// Document pseudonymises a parsed document before it is stored: its text,
// its speakers' labels, its name and its attributes' values. Findings that cross a turn boundary
// are left alone (a turn never starts inside a placeholder); the turns
// are moved to the new text. It returns what was replaced.
func Document(doc *coding.Document, d *Detector, accept Accept, num Numberer) ([]Replacement, error) {
	var bounds []int
	for _, t := range doc.Turns {
		bounds = append(bounds, t.Start, t.End)
	}
	var keep []Finding
	for _, f := range d.Find(doc.Text) {
		straddles := false
		for _, p := range bounds {
			if p > f.Start && p < f.End {
				straddles = true
				break
			}
		}
		if straddles {
			continue
		}
		ok, err := accept(f, "text", Context(doc.Text, f, 60))
		if err != nil {
			return nil, err
		}
		if ok {
			keep = append(keep, f)
		}
	}
	text, reps, err := Apply(doc.Text, keep, num)
	if err != nil {
		return nil, err
	}
	move := func(p int) int { // a position of the old text in the new
		i := sort.Search(len(reps), func(i int) bool { return reps[i].End > p })
		if i == 0 {
			return p
		}
		r := reps[i-1]
		return r.NewEnd + (p - r.End)
	}
	for i := range doc.Turns {
		doc.Turns[i].Start, doc.Turns[i].End = move(doc.Turns[i].Start), move(doc.Turns[i].End)
	}
	doc.Text, doc.Hash = text, "" // the store hashes the new text

	// Speakers' labels and the document's name, each label once.
	label := map[string]string{}
	for i, t := range doc.Turns {
		if t.Speaker == "" {
			continue
		}
		if s, ok := label[t.Speaker]; ok {
			doc.Turns[i].Speaker = s
			continue
		}
		s, more, err := short(t.Speaker, "speaker", d, accept, num)
		if err != nil {
			return nil, err
		}
		label[t.Speaker], doc.Turns[i].Speaker = s, s
		reps = append(reps, more...)
	}
	name, more, err := short(doc.Name, "name", d, accept, num)
	if err != nil {
		return nil, err
	}
	doc.Name = name
	reps = append(reps, more...)
	keys := make([]string, 0, len(doc.Attrs))
	for k := range doc.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v, more, err := short(doc.Attrs[k], "attribute "+k, d, accept, num)
		if err != nil {
			return nil, err
		}
		doc.Attrs[k] = v
		reps = append(reps, more...)
	}
	return reps, nil
}

// Short pseudonymises a short text of its own, such as a memo: where says
// what it is when accept asks.
func Short(s, where string, d *Detector, accept Accept, num Numberer) (string, []Replacement, error) {
	return short(s, where, d, accept, num)
}

// short pseudonymises a short text such as a speaker's label.
func short(s, where string, d *Detector, accept Accept, num Numberer) (string, []Replacement, error) {
	var keep []Finding
	for _, f := range d.Find(s) {
		ok, err := accept(f, where, Context(s, f, 40))
		if err != nil {
			return "", nil, err
		}
		if ok {
			keep = append(keep, f)
		}
	}
	out, reps, err := Apply(s, keep, num)
	for i := range reps {
		reps[i].Where = where
	}
	return out, reps, err
}

// Count counts replacements by kind.
func Count(reps []Replacement) Counts {
	c := Counts{}
	for _, r := range reps {
		c[r.Kind]++
	}
	return c
}
