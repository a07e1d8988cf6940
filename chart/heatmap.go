package chart

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Matrix is a square code × code matrix of counts, Labels naming its rows
// and columns in order.
type Matrix struct {
	Labels []string
	Counts [][]int
	Theme  string // the theme whose codes are drawn in its place (a --code selection of one theme), named in the title
}

// Heatmap draws m as a heat map: a cell per pair of codes, darker for
// higher counts, each with its count. The diagonal (a code with itself)
// is grey and kept off the colour scale, which runs from 0 to the highest
// count of two different codes. The title names the codes, the themes
// when o.Level is LevelThemes, or the codes of m.Theme; o.Title replaces it;
// o.Note, under it, should say what a cell counts.
func Heatmap(w io.Writer, m Matrix, o Options) error {
	themes := o.Level == LevelThemes // codes unless said
	o, err := o.check()
	if err != nil {
		return err
	}
	title := word(o.Lang, "cooccur")
	switch {
	case m.Theme != "":
		title = word(o.Lang, "cooccur.of", m.Theme)
	case themes:
		title = word(o.Lang, "cooccur.themes")
	}
	n := len(m.Labels)
	if n == 0 {
		return errors.New("no codes to draw: the matrix is empty")
	}
	if len(m.Counts) != n {
		return fmt.Errorf("the matrix has %d labels but %d rows", n, len(m.Counts))
	}
	for i, r := range m.Counts {
		if len(r) != n {
			return fmt.Errorf("row %d of the matrix has %d counts, not %d", i+1, len(r), n)
		}
	}
	l := &heatLayout{m: m, title: title}
	if o.Title != "" {
		l.title = o.Title
	}
	l.note = o.Note + codersNote(o)
	return write(w, o, l)
}

// heatLayout is a heat map ready to draw.
type heatLayout struct {
	m           Matrix
	title, note string
}

func (l *heatLayout) minSize() (w, h float64) {
	side := float64(len(l.m.Labels)) * 16 // room for a cell's count
	return side + 220, side + 200
}

// draw draws the title, then the matrix as square as the space allows:
// rows top to bottom and columns left to right in the matrix's order.
func (l *heatLayout) draw(dc draw.Canvas) {
	dc = drawHeader(dc, l.title, l.note)
	n := len(l.m.Labels)
	labels := make([]string, n)
	for i, s := range l.m.Labels {
		labels[i] = clip(s, 32)
	}
	p := newPlot()
	xt, yt := make([]plot.Tick, n), make([]plot.Tick, n)
	for i, s := range labels {
		xt[i] = plot.Tick{Value: float64(i), Label: s}
		yt[i] = plot.Tick{Value: float64(n - 1 - i), Label: s}
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.ConstantTicks(xt), plot.ConstantTicks(yt)
	p.X.Tick.Length, p.Y.Tick.Length = 0, 0
	p.X.Tick.Label.Rotation = math.Pi / 4
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YTop
	p.X.LineStyle.Width, p.Y.LineStyle.Width = 0, 0
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	p.Add(cells{m: l.m})
	// Square cells: the data area as wide as it is high, when it can be.
	data := p.DataCanvas(dc)
	if extra := (data.Max.X - data.Min.X) - (data.Max.Y - data.Min.Y); extra > 0 {
		dc = draw.Crop(dc, extra/2, -extra/2, 0, 0)
	}
	p.Draw(dc)
}

// cells draws the cells of a matrix at (column, n−1−row).
type cells struct{ m Matrix }

// Plot draws each cell coloured by its count and labelled with it.
func (c cells) Plot(dc draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&dc)
	n := len(c.m.Labels)
	top := 0
	for i, r := range c.m.Counts {
		for j, v := range r {
			if i != j {
				top = max(top, v)
			}
		}
	}
	w := trX(1) - trX(0)
	h := trY(1) - trY(0)
	size := min(w, h) * 0.38
	size = min(size, 9)
	for i, r := range c.m.Counts {
		for j, v := range r {
			x, y := trX(float64(j)), trY(float64(n-1-i))
			rect := vg.Rectangle{Min: vg.Point{X: x - w/2, Y: y - h/2}, Max: vg.Point{X: x + w/2, Y: y + h/2}}
			fill := color.RGBA{0xff, 0xff, 0xff, 0xff}
			if i == j {
				fill = color.RGBA{diagGrey.Y, diagGrey.Y, diagGrey.Y, 0xff}
			} else if top > 0 {
				fill = heatColour(float64(v) / float64(top))
			}
			dc.FillPolygon(fill, rectPoints(rect))
			dc.StrokeLines(draw.LineStyle{Color: color.White, Width: 0.5}, append(rectPoints(rect), rect.Min))
			if size < 4 {
				continue
			}
			st := textStyle(size)
			st.XAlign, st.YAlign = draw.XCenter, draw.YCenter
			if luminance(fill) < 0.5 {
				st.Color = textLight
			}
			dc.FillText(st, vg.Point{X: x, Y: y}, strconv.Itoa(v))
		}
	}
}

func rectPoints(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Min.X, Y: r.Max.Y}, r.Max, {X: r.Max.X, Y: r.Min.Y}}
}

// heatStops are the colours of the scale from 0 to the top: white through
// light blue to a deep blue.
var heatStops = []color.RGBA{
	{0xff, 0xff, 0xff, 0xff},
	{0xc6, 0xdb, 0xef, 0xff},
	{0x6b, 0xae, 0xd6, 0xff},
	{0x21, 0x71, 0xb5, 0xff},
	{0x08, 0x30, 0x6b, 0xff},
}

// heatColour is the colour of t on the scale, 0 ≤ t ≤ 1.
func heatColour(t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	pos := t * float64(len(heatStops)-1)
	i := min(int(pos), len(heatStops)-2)
	f := pos - float64(i)
	a, b := heatStops[i], heatStops[i+1]
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + f*(float64(y)-float64(x)))) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}
