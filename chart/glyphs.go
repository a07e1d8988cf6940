package chart

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// glyphCheck is a canvas that notes the letters of its texts that its
// format cannot show in the chart's face: a letter the face has no glyph
// for (a PNG or a PDF leaves it blank, an SVG leaves it to the browser).
type glyphCheck struct {
	vg.Canvas
	missing map[rune]bool
	order   []rune // the missing letters as first met
	buf     *sfnt.Buffer
}

func newGlyphCheck(c vg.Canvas) *glyphCheck {
	return &glyphCheck{Canvas: c, missing: map[rune]bool{}, buf: &sfnt.Buffer{}}
}

// FillString notes the letters of s it cannot show and draws s.
func (c *glyphCheck) FillString(f font.Face, pt vg.Point, s string) {
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || c.missing[r] {
			continue
		}
		if f.Face != nil && !c.hasGlyph(f, r) {
			c.missing[r] = true
			c.order = append(c.order, r)
		}
	}
	c.Canvas.FillString(f, pt, s)
}

// hasGlyph says whether f draws r with a glyph of its own.
func (c *glyphCheck) hasGlyph(f font.Face, r rune) bool {
	i, err := f.Face.GlyphIndex(c.buf, r)
	return err == nil && i != 0
}

// warning is one line naming the letters the chart could not show and
// what became of them in format, or "" when it showed all.
func (c *glyphCheck) warning(format string) string {
	if len(c.order) == 0 {
		return ""
	}
	rs := c.order
	letters := make([]string, len(rs))
	for i, r := range rs {
		letters[i] = string(r)
	}
	const max = 20
	if len(letters) > max {
		letters = append(letters[:max], fmt.Sprintf("and %d more", len(rs)-max))
	}
	lack := fmt.Sprintf("the chart's font (Liberation Sans) cannot show %s", strings.Join(letters, " "))
	switch format {
	case "png", "pdf":
		return lack + ": they are left blank in the " + strings.ToUpper(format) + "; an SVG shows them in a browser's own fonts"
	default:
		return lack + ": a browser draws them in a font of its own system, so their labels may be wider or narrower than laid out"
	}
}
