// Package pseudo finds personal data in interview text and replaces it
// with placeholders before the text is stored: Finnish personal identity
// codes (henkilötunnus) whose check character is right, phone numbers,
// e-mail addresses, IBANs whose checksum is right, and the names and
// places of user-supplied lists in their inflected Finnish forms.
//
// Positions are code-point offsets into the text, like everywhere else.
package pseudo

import (
	"math/big"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Kind is what a finding is; its placeholder is built from it.
type Kind string

// The kinds of personal data found.
const (
	Hetu   Kind = "HETU"       // a Finnish personal identity code
	Phone  Kind = "PUHELIN"    // a phone number
	Email  Kind = "SÄHKÖPOSTI" // an e-mail address
	IBAN   Kind = "IBAN"       // a bank account number
	Person Kind = "HENKILÖ"    // a name of the names list
	Place  Kind = "PAIKKA"     // a place of the places list
)

// Kinds lists the kinds in report order.
var Kinds = []Kind{Hetu, Phone, Email, IBAN, Person, Place}

// Numbered reports whether the kind's placeholders are numbered, so the
// same person or place keeps its number ([HENKILÖ-1]); identity codes,
// phones, e-mails and IBANs are replaced by the kind alone ([HETU]).
func (k Kind) Numbered() bool { return k == Person || k == Place }

// Finding is one piece of personal data in a text.
type Finding struct {
	Kind       Kind
	Start, End int    // code points
	Text       string // the original text
	Key        string // what the placeholder's number follows: the listed name, or the value itself
	N          int    // the placeholder's number when known already (a name recognised by Known), else 0
}

// Detector finds personal data. Names and Places are the user's lists,
// one name per entry (an entry may have several words, "Anna-Liisa
// Virtanen"); each part of a listed person's name is found alone too
// (Virtasen for Matti Virtanen). BaseForms, when set, gives a word's
// dictionary base forms (Voikko), which catches inflected forms the table
// of case endings misses. Known, when set, recognises names without a
// list: it is asked about the possible base forms of one to three
// adjacent words (lowercase, "matti virtanen") and returns the number of
// the placeholder the project gave that name, if any.
type Detector struct {
	Names     []string
	Places    []string
	BaseForms func(word string) []string
	Known     func(kind Kind, name string) (n int, ok bool)

	entries []entry        // Names and Places prepared; built on first use
	byFirst map[rune][]int // entries by the first letter of their first word
}

var (
	// A henkilötunnus: DDMMYY, the century sign (+ for the 1800s; - and
	// since 2023 Y X W V U for the 1900s; A and since 2023 B C D E F for
	// the 2000s), the individual number and the check character. A word
	// processor's dash, and a space either side of the sign, are taken
	// too (131052 - 308T); the check character decides.
	reHetu = regexp.MustCompile(`\b(\d{6}) ?([-+–ABCDEFUVWXY]) ?(\d{3})([0-9A-Za-z])\b`)
	// An e-mail address.
	reEmail = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}`)
	// An IBAN, printed whole or in groups of four, in capitals or not.
	reIBAN = regexp.MustCompile(`\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?\b`)
	// A phone number: international (+358 40 123 4567, 00358 …, and
	// Finnish ones without the plus, 358 40 123 4567) or national (040 123
	// 4567, 040-1234567, (09) 123 4567, 0800 12345).
	rePhone = regexp.MustCompile(`(?:(?:\+|\b00)\d{1,3}[ \-]?(?:\(0\)[ \-]?)?|\b358[ \-]?(?:\(0\)[ \-]?)?|\(0\d{1,3}\)[ \-]?|\b0)\d[\d \-]{4,14}\d\b`)
)

const hetuChecks = "0123456789ABCDEFHJKLMNPRSTUVWXY"

// hetuOK reports whether the parts of a henkilötunnus make one with a
// real date and the right check character.
func hetuOK(date, sign, ind, check string) bool {
	var century int
	switch sign {
	case "+":
		century = 1800
	case "-", "–", "Y", "X", "W", "V", "U":
		century = 1900
	default: // A B C D E F
		century = 2000
	}
	d, _ := strconv.Atoi(date[0:2])
	mo, _ := strconv.Atoi(date[2:4])
	y, _ := strconv.Atoi(date[4:6])
	t := time.Date(century+y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != mo || t.Year() != century+y {
		return false // no such date
	}
	n, _ := strconv.Atoi(date + ind)
	return strings.ToUpper(check) == string(hetuChecks[n%31])
}

// ValidIBAN reports whether s (spaces allowed) is an IBAN whose mod-97
// checksum is right.
func ValidIBAN(s string) bool {
	s = strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	if len(s) < 15 || len(s) > 34 {
		return false
	}
	if n, ok := ibanLengths[s[:2]]; ok && len(s) != n {
		return false
	}
	var b strings.Builder
	for _, r := range s[4:] + s[:4] {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteString(strconv.Itoa(int(r-'A') + 10))
		default:
			return false
		}
	}
	n, ok := new(big.Int).SetString(b.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}

// ibanLengths are the IBAN lengths of the countries a Finnish interview
// most likely mentions; others are checked by checksum alone.
var ibanLengths = map[string]int{"FI": 18, "SE": 24, "NO": 15, "DK": 18, "EE": 20, "DE": 22, "GB": 22, "NL": 18,
	"FR": 27, "ES": 24, "IT": 27, "PL": 28, "LV": 21, "LT": 20, "AX": 18}

// Find returns the personal data in text, in order and not overlapping:
// where two findings overlap, e-mails win over IBANs, IBANs over identity
// codes, identity codes over phone numbers, and those over names.
func (d *Detector) Find(text string) []Finding {
	var all []Finding
	add := func(k Kind, bs, be int, key string) {
		start := utf8.RuneCountInString(text[:bs])
		orig := text[bs:be]
		all = append(all, Finding{Kind: k, Start: start, End: start + utf8.RuneCountInString(orig), Text: orig, Key: key})
	}
	for _, m := range reEmail.FindAllStringIndex(text, -1) {
		add(Email, m[0], m[1], strings.ToLower(text[m[0]:m[1]]))
	}
	for _, m := range reIBAN.FindAllStringIndex(text, -1) {
		// Drop trailing groups until the checksum holds: a word in capitals
		// after the number may have been taken for a group.
		s, e := m[0], m[1]
		for e-s >= 15 && !ValidIBAN(text[s:e]) {
			i := strings.LastIndexByte(text[s:e], ' ')
			if i < 0 {
				e = s
				break
			}
			e = s + i
		}
		if e-s >= 15 && ValidIBAN(text[s:e]) {
			add(IBAN, s, e, strings.ToUpper(strings.ReplaceAll(text[s:e], " ", "")))
		}
	}
	for _, m := range reHetu.FindAllStringSubmatchIndex(text, -1) {
		part := func(i int) string { return text[m[2*i]:m[2*i+1]] }
		if hetuOK(part(1), part(2), part(3), part(4)) {
			add(Hetu, m[0], m[1], text[m[0]:m[1]])
		}
	}
	for _, m := range rePhone.FindAllStringIndex(text, -1) {
		s, e := m[0], m[1]
		digits := 0
		for _, r := range text[s:e] {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		if strings.HasPrefix(text[s:e], "358") && !finnishWithoutPlus(text[s:e]) {
			continue
		}
		if digits >= 7 && digits <= 15 {
			add(Phone, s, e, onlyDigits(text[s:e]))
		}
	}
	all = append(all, d.findNames(text)...)
	all = append(all, d.findKnown(text)...)
	return resolve(all)
}

// finnishWithoutPlus reports whether s, which starts with 358, is a
// Finnish number written without its plus: 358, an area or mobile code
// that does not start with 0, and 10 to 12 digits in all; an ordinary
// number starting with 358 is not.
func finnishWithoutPlus(s string) bool {
	d := onlyDigits(s)
	if len(d) < 10 || len(d) > 12 {
		return false
	}
	rest := strings.TrimLeft(s[3:], " -")
	rest = strings.TrimLeft(strings.TrimPrefix(rest, "(0)"), " -")
	return rest != "" && rest[0] >= '1' && rest[0] <= '9'
}

func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' || r == '+' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// priority orders overlapping findings: lower wins.
var priority = map[Kind]int{Email: 0, IBAN: 1, Hetu: 2, Phone: 3, Person: 4, Place: 5}

// resolve sorts the findings and drops each that overlaps one of higher
// priority (or, of the same priority, an earlier or longer one).
func resolve(all []Finding) []Finding {
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if priority[a.Kind] != priority[b.Kind] {
			return priority[a.Kind] < priority[b.Kind]
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End > b.End
	})
	var kept []Finding
	for _, f := range all {
		clash := false
		for _, k := range kept {
			if f.Start < k.End && k.Start < f.End {
				clash = true
				break
			}
		}
		if !clash {
			kept = append(kept, f)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].Start < kept[j].Start })
	return kept
}
