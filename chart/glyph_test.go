package chart

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TestFinnishLettersHaveGlyphs checks that the charts' face draws every
// Finnish and Swedish letter with a glyph of its own, not the box of a
// missing one.
func TestFinnishLettersHaveGlyphs(t *testing.T) {
	f := font.DefaultCache.Lookup(sans, 10)
	if f.Face == nil {
		t.Fatal("no face for Liberation Sans")
	}
	var buf sfnt.Buffer
	for _, r := range "äöåÄÖÅšž–…" {
		i, err := f.Face.GlyphIndex(&buf, r)
		if err != nil || i == 0 {
			t.Errorf("%q: no glyph (index %d, %v)", r, i, err)
		}
	}
	// And drawn into a PNG: ö is not o (its dots are drawn), nor what a
	// letter without a glyph draws here (nothing).
	o, umlaut, missing := ink(t, "o"), ink(t, "ö"), ink(t, "\u4e00")
	if umlaut <= o {
		t.Errorf("ö has %d dark pixels, o %d: the dots are missing", umlaut, o)
	}
	if umlaut == missing {
		t.Errorf("ö has as many dark pixels as a missing glyph (%d)", missing)
	}
	if yht, yhto := ink(t, longName), ink(t, "Yhteistyo ja tietosuoja"); yht <= yhto {
		t.Errorf("%q draws %d dark pixels, without the dots %d", longName, yht, yhto)
	}
}

// ink draws s large in the charts' face on a PNG and counts its dark
// pixels.
func ink(t *testing.T, s string) int {
	t.Helper()
	var buf bytes.Buffer
	err := render(&buf, "png", 300, 60, func(dc draw.Canvas) {
		st := textStyle(28)
		dc.FillText(st, vg.Point{X: 10, Y: 15}, s)
	})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return dark(img)
}

func dark(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0x8000 {
				n++
			}
		}
	}
	return n
}
