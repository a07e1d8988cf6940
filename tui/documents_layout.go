package tui

import (
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
)

// docCols are the widths of the documents list's columns, 0 for a column
// left out; each but the name includes the space before it.
type docCols struct {
	name, kind, attrs, turns, codings, coded int
}

// Widths of the columns that do not depend on the documents.
const (
	turnsCol    = 6  // "Turns" right-aligned
	codingsCol  = 8  // "Codings" right-aligned
	codedCol    = 12 // "  Coded", a bar and a percentage
	codedMin    = 6  // the percentage alone
	kindCol     = 13 // " professional"
	kindMin     = 7  // " client", " profe…"
	attrsMin    = 12 // " region=Kuo…"
	nameMaxWant = 48 // a longer name is cut when other columns need room
)

// docLayout shares w cells among the columns so that the names stay
// readable: the name gets the width of the longest (up to nameMaxWant)
// first; then, as room allows, the kind, the codings, the coded share,
// the attributes and the turns, each at full width or shrunk to its
// least, else left out; what is left widens the attributes.
func docLayout(w int, docs []coding.DocSummary) docCols {
	nameWant, kindWant := len("Name"), len(" Kind")
	for _, d := range docs {
		nameWant = max(nameWant, ansi.StringWidth(d.Name))
		kindWant = max(kindWant, 1+ansi.StringWidth(d.Kind))
	}
	nameWant, kindWant = min(nameWant, nameMaxWant), min(kindWant, kindCol)
	left := max(0, w-2) // the cursor's mark
	var c docCols
	c.name = min(nameWant, left)
	left -= c.name
	take := func(want, least int) int {
		switch {
		case want <= left:
			left -= want
			return want
		case least <= left:
			n := left
			left = 0
			return n
		}
		return 0
	}
	c.kind = take(kindWant, kindMin)
	c.codings = take(codingsCol, codingsCol)
	c.coded = take(codedCol, codedMin)
	c.attrs = take(attrsMin, attrsMin)
	c.turns = take(turnsCol, turnsCol)
	switch { // what is left
	case c.attrs > 0:
		c.attrs += left
	case c.kind > 0 && c.kind < kindWant:
		c.kind += left
	}
	return c
}
