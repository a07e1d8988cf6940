package chart

import (
	"bytes"
	"fmt"
	"io"
	"regexp"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/encoding/charmap"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The size of a chart unless Options say otherwise, in points: 16 × 10
// cm, the width of a page's text column.
const (
	defaultWidth  = 16 * 72 / 2.54
	defaultHeight = 10 * 72 / 2.54
	maxSide       = 5000 // points: 1.76 m, far beyond any page
	pngDPI        = 300  // print quality
)

// layout is a chart ready to be drawn on a canvas of any size.
type layout interface {
	draw(dc draw.Canvas)
	minSize() (w, h float64) // points the chart needs to stay readable
}

// render draws on a canvas of format, width × height points, and writes
// it to w. A panic of the drawing library becomes an error.
func render(w io.Writer, format string, width, height float64, drawOn func(draw.Canvas)) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the chart could not be drawn: %v", r)
		}
	}()
	wl, hl := vg.Length(width), vg.Length(height)
	switch format {
	case "png":
		c := vgimg.NewWith(vgimg.UseWH(wl, hl), vgimg.UseDPI(pngDPI))
		drawOn(draw.New(c))
		_, err = vgimg.PngCanvas{Canvas: c}.WriteTo(w)
	case "pdf":
		c := vgpdf.New(wl, hl)
		drawOn(draw.New(pdfCanvas{c}))
		_, err = c.WriteTo(w)
	default:
		c := vgsvg.NewWith(vgsvg.UseWH(wl, hl))
		drawOn(draw.New(c))
		var buf bytes.Buffer
		if _, err = c.WriteTo(&buf); err == nil {
			_, err = w.Write(inlineSVG(buf.Bytes()))
		}
	}
	return err
}

// pdfCanvas is the PDF canvas with text in the code page its fonts use
// (Windows-1252: ä, ö, å and the rest of Western Europe); vgpdf hands
// the UTF-8 bytes on as they are, which a PDF reader shows as "Ã¤".
type pdfCanvas struct{ *vgpdf.Canvas }

// FillString draws s as text in Windows-1252 when every letter of it is
// there; a text with a letter outside it (the Sámi č, ŋ, đ, or ≥) is
// drawn as the outlines of its letters in the same face, which a reader
// shows alike but cannot select or search.
func (c pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	b, ok := toCP1252(s)
	if ok || f.Face == nil {
		c.Canvas.FillString(f, pt, b)
		return
	}
	c.outline(f, pt, s)
}

// outline fills the outlines of the glyphs of s in f, from pt on the
// baseline, kerned as f kerns them; a letter f has no glyph for is left
// out (the glyph check names it).
func (c pdfCanvas) outline(f font.Face, pt vg.Point, s string) {
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(f.Font.Size.Points() * 64)
	at := func(x vg.Length, p fixed.Point26_6) vg.Point {
		return vg.Point{X: x + vg.Length(p.X)/64, Y: pt.Y - vg.Length(p.Y)/64}
	}
	x := pt.X
	var prev sfnt.GlyphIndex
	for _, r := range s {
		g, err := f.Face.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			continue
		}
		if prev != 0 {
			if k, err := f.Face.Kern(&buf, prev, g, ppem, xfont.HintingNone); err == nil {
				x += vg.Length(k) / 64
			}
		}
		prev = g
		segs, err := f.Face.LoadGlyph(&buf, g, ppem, nil)
		if err != nil {
			continue
		}
		var path vg.Path
		for i, seg := range segs {
			a := seg.Args
			switch seg.Op {
			case sfnt.SegmentOpMoveTo:
				if i > 0 {
					path.Close()
				}
				path.Move(at(x, a[0]))
			case sfnt.SegmentOpLineTo:
				path.Line(at(x, a[0]))
			case sfnt.SegmentOpQuadTo:
				path.QuadTo(at(x, a[0]), at(x, a[1]))
			case sfnt.SegmentOpCubeTo:
				path.CubeTo(at(x, a[0]), at(x, a[1]), at(x, a[2]))
			}
		}
		if len(path) > 0 {
			path.Close()
			c.Fill(path)
		}
		if adv, err := f.Face.GlyphAdvance(&buf, g, ppem, xfont.HintingNone); err == nil {
			x += vg.Length(adv) / 64
		}
	}
}

// toCP1252 encodes s letter by letter, and says whether Windows-1252 has
// every letter ("?" for one it lacks).
func toCP1252(s string) (string, bool) {
	var b []byte
	all := true
	for _, r := range s {
		if c, ok := charmap.Windows1252.EncodeRune(r); ok {
			b = append(b, c)
		} else {
			b, all = append(b, '?'), false
		}
	}
	return string(b), all
}

var (
	xmlDecl    = regexp.MustCompile(`^<\?xml[^>]*\?>\s*(<!--[^>]*-->\s*)?`)
	fontFamily = regexp.MustCompile(`font-family:([^;"]+);`)
)

// inlineSVG makes an SVG of vgsvg fit to be placed inside an HTML page as
// it is: no XML declaration or comment before the <svg> element, and
// font families that fall back to the fonts browsers have (Liberation
// Sans has Arial's and Helvetica's metrics, so the layout holds).
func inlineSVG(b []byte) []byte {
	b = xmlDecl.ReplaceAll(b, nil)
	return fontFamily.ReplaceAllFunc(b, func(m []byte) []byte {
		name := string(fontFamily.FindSubmatch(m)[1])
		return fmt.Appendf(nil, "font-family:'%s',Arial,Helvetica,sans-serif;", name)
	})
}
