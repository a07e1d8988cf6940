package chart

import (
	"bytes"
	"fmt"
	"io"
	"regexp"

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

// FillString draws s, its letters in Windows-1252 (a letter outside it
// as "?").
func (c pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	c.Canvas.FillString(f, pt, toCP1252(s))
}

// toCP1252 encodes s letter by letter, "?" for a letter Windows-1252
// lacks.
func toCP1252(s string) string {
	var b []byte
	for _, r := range s {
		if c, ok := charmap.Windows1252.EncodeRune(r); ok {
			b = append(b, c)
		} else {
			b = append(b, '?')
		}
	}
	return string(b)
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
