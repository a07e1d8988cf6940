package voikko

import (
	"slices"
	"strings"
)

// Part is one part of a word as Voikko's WORDBASES gives it.
type Part struct {
	// Surface is the part as written in the word, derivational suffixes
	// included: "kirjaston" and "hoitaja" in "kirjastonhoitaja". The last
	// part is written in its base form.
	Surface string
	// Base is the base form of the part's root ("kirjasto", "hoitaa"), ""
	// when Voikko gives none (the bound "yhteis" of "yhteistyö").
	Base string
	// Derived reports that derivational suffixes follow the root ("hoita" +
	// "ja"): the part is then a word of its own, not its root.
	Derived bool
}

// ParseWordBases parses a WORDBASES value such as
// "+kirjaston(kirjasto)+hoita(hoitaa)+ja(+ja)" into the word's parts:
// derivational suffixes ("+ja(+ja)", and the bare infixes before them, the
// "t" of "+anne(antaa)+t+tu(+tu)") join the part before them; hyphens
// ("+-") separate parts; inner boundaries of a base ("toimeen=tulo") are
// removed. Surface and Base are lowercase.
func ParseWordBases(wordBases string) []Part {
	segs := splitSegments(wordBases)
	var out []Part
	open := false // whether a suffix may still join the last part
	for i, seg := range segs {
		if seg == "" || seg == "-" {
			open = seg == "" && open
			continue
		}
		surface, base := seg, ""
		if p := strings.IndexByte(seg, '('); p >= 0 && strings.HasSuffix(seg, ")") {
			surface, base = seg[:p], seg[p+1:len(seg)-1]
		}
		surface = strings.ToLower(surface)
		switch {
		case open && (isSuffix(base) || base == "" && suffixFollows(segs[i+1:])):
			last := &out[len(out)-1]
			last.Surface += surface
			last.Derived = last.Derived || isSuffix(base)
		case isSuffix(base):
			out = append(out, Part{Surface: surface, Derived: true})
			open = true
		default:
			out = append(out, Part{Surface: surface, Base: strings.ToLower(strings.ReplaceAll(base, "=", ""))})
			open = true
		}
	}
	return out
}

// splitSegments splits a WORDBASES value at each "+" outside parentheses.
func splitSegments(wordBases string) []string {
	var segs []string
	depth, start := 0, 0
	for i := 0; i < len(wordBases); i++ {
		switch wordBases[i] {
		case '(':
			depth++
		case ')':
			depth--
		case '+':
			if depth == 0 {
				segs = append(segs, wordBases[start:i])
				start = i + 1
			}
		}
	}
	return append(segs, wordBases[start:])
}

// isSuffix reports whether base is that of a derivational suffix ("+ja").
func isSuffix(base string) bool {
	return strings.HasPrefix(base, "+") || strings.HasPrefix(base, "-")
}

// suffixFollows reports whether the next segments, before any part with a
// base of its own, hold a derivational suffix.
func suffixFollows(segs []string) bool {
	for _, seg := range segs {
		p := strings.IndexByte(seg, '(')
		switch {
		case seg == "-":
			return false
		case p >= 0:
			return isSuffix(seg[p+1:])
		}
	}
	return false
}

// CompoundParts returns the distinct lowercase base forms of the parts of a
// compound word ("byrokratialoukussa": byrokratia, loukku), taken from
// WORDBASES; none when no reading of word is a compound. A derived part is
// given by its own base form ("kirjastonhoitajan": kirjasto, hoitaja), and
// a part with no base form ("yhteis" in "yhteistyö") is not given but still
// makes the word a compound.
func (v *Voikko) CompoundParts(word string) []string {
	var out []string
	for _, a := range v.Analyze(word) {
		parts := ParseWordBases(a.WordBases)
		if len(parts) < 2 {
			continue
		}
		for i, p := range parts {
			if p.Base == "" {
				continue
			}
			b := p.Base
			if p.Derived {
				b = p.Surface // the last part is written in its base form
				if i < len(parts)-1 {
					if bs := v.BaseForms(p.Surface); len(bs) > 0 {
						b = bs[0] // "opettajan" in "opettajankoulutus"
					}
				}
			}
			if !slices.Contains(out, b) {
				out = append(out, b)
			}
		}
	}
	return out
}

// ParticipleVerbs returns the verbs that word is a participle of
// ("annettu", "annetun": antaa; "tulleen": tulla), in Voikko's order: Voikko
// gives the participle itself as the base form. None when no reading of
// word is a participle.
func (v *Voikko) ParticipleVerbs(word string) []string {
	var out []string
	for _, a := range v.Analyze(word) {
		if a.Participle == "" {
			continue
		}
		parts := ParseWordBases(a.WordBases)
		if len(parts) == 0 {
			continue
		}
		if p := parts[len(parts)-1]; p.Base != "" && p.Derived && !slices.Contains(out, p.Base) {
			out = append(out, p.Base)
		}
	}
	return out
}
