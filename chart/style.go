package chart

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// sans is the face of every text of a chart: Liberation Sans, built into
// the drawing library, with every Finnish and Swedish letter.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Text sizes, in points.
const (
	titleSize = 12
	labelSize = 9
	tickSize  = 8
)

// textStyle is a text style of the chart's face in size points.
func textStyle(size vg.Length) text.Style {
	return text.Style{Color: color.Black, Font: font.From(sans, size), Handler: plot.DefaultTextHandler,
		XAlign: draw.XLeft, YAlign: draw.YBottom}
}

// newPlot makes a plot with a white background, the chart's face in every
// text and no title (the chart draws its own across the whole width).
func newPlot() *plot.Plot {
	p := plot.New()
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, labelSize)
		a.Tick.Label.Font = font.From(sans, tickSize)
		a.Padding = 2
	}
	p.Legend.TextStyle.Font = font.From(sans, labelSize)
	return p
}

// Colours.
var (
	gridGrey  = color.Gray{Y: 0xd8}
	diagGrey  = color.Gray{Y: 0xe4}
	textDark  = color.Gray{Y: 0x20}
	textLight = color.White
)

// palette gives a colour to a code without one of its own, in order: the
// Okabe–Ito colours, told apart also by most colour-blind readers.
var palette = []color.RGBA{
	{0x00, 0x72, 0xb2, 0xff}, // blue
	{0xe6, 0x9f, 0x00, 0xff}, // orange
	{0x00, 0x9e, 0x73, 0xff}, // bluish green
	{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
	{0x56, 0xb4, 0xe9, 0xff}, // sky blue
	{0xd5, 0x5e, 0x00, 0xff}, // vermillion
	{0xf0, 0xe4, 0x42, 0xff}, // yellow
	{0x55, 0x55, 0x55, 0xff}, // grey
}

// colours gives each of hex ("#rrggbb", or "" for none) its colour: its
// own, or the palette's next.
func colours(hex []string) []color.RGBA {
	out := make([]color.RGBA, len(hex))
	next := 0
	for i, h := range hex {
		if c, ok := parseHex(h); ok {
			out[i] = c
			continue
		}
		out[i] = palette[next%len(palette)]
		next++
	}
	return out
}

// parseHex reads "#rrggbb".
func parseHex(h string) (color.RGBA, bool) {
	if len(h) != 7 || h[0] != '#' {
		return color.RGBA{}, false
	}
	v, err := strconv.ParseUint(h[1:], 16, 32)
	if err != nil {
		return color.RGBA{}, false
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}, true
}

// luminance is the perceived lightness of c, 0–1.
func luminance(c color.RGBA) float64 {
	return (0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)) / 255
}

// minColourDistance is how far apart (redmean distance, 0–765) two
// colours of one chart must be to be told apart in a legend's small
// swatch.
const minColourDistance = 70

// distinct returns cols with each colour too close to an earlier one
// replaced by a lighter or darker shade of itself, the nearest that is
// far enough from every earlier colour: the codes of one theme, given
// shades of its colour that differ by a few steps, stay apart.
func distinct(cols []color.RGBA) []color.RGBA {
	out := make([]color.RGBA, len(cols))
	for i, c := range cols {
		best, bestGap := c, nearest(c, out[:i])
		for k := 1; k <= 8 && bestGap < minColourDistance; k++ {
			f := 0.18 * float64((k+1)/2) // 0.18, 0.18, 0.36, 0.36, …: lighter, then darker
			target := color.RGBA{0xff, 0xff, 0xff, 0xff}
			if k%2 == 0 {
				target = color.RGBA{0, 0, 0, 0xff}
			}
			if s := mix(c, target, f); nearest(s, out[:i]) > bestGap {
				best, bestGap = s, nearest(s, out[:i])
			}
		}
		out[i] = best
	}
	return out
}

// nearest is the distance from c to the nearest of cols (765, the
// greatest, when there is none).
func nearest(c color.RGBA, cols []color.RGBA) float64 {
	d := 765.0
	for _, o := range cols {
		d = math.Min(d, colourDistance(c, o))
	}
	return d
}

// colourDistance is the "redmean" distance of two colours, a cheap
// approximation of how different they look.
func colourDistance(a, b color.RGBA) float64 {
	rm := (float64(a.R) + float64(b.R)) / 2
	dr, dg, db := float64(a.R)-float64(b.R), float64(a.G)-float64(b.G), float64(a.B)-float64(b.B)
	return math.Sqrt((2+rm/256)*dr*dr + 4*dg*dg + (2+(255-rm)/256)*db*db)
}

// mix is c moved the fraction f of the way to t.
func mix(c, t color.RGBA, f float64) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + f*(float64(y)-float64(x)))) }
	return color.RGBA{m(c.R, t.R), m(c.G, t.G), m(c.B, t.B), 0xff}
}
