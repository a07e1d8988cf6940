package chart

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// AgreementBar is one code's agreement of two coders: its label, its
// colour ("#rrggbb", "" for a palette colour), Cohen's kappa (NaN where
// undefined) and the percent agreement (0–100).
type AgreementBar struct {
	Label          string
	Color          string
	Kappa, Percent float64
}

// AgreementBars draws the agreement per code in two panels side by side,
// a row per code in its colour: the percent agreement (0–100) on the
// left, Cohen's kappa on the right, each bar labelled with its value (an
// undefined kappa with a dash). o.Title replaces the default title, and
// o.Note is written under it.
func AgreementBars(w io.Writer, bars []AgreementBar, o Options) error {
	o, err := o.check()
	if err != nil {
		return err
	}
	if len(bars) == 0 {
		return errors.New("no codes to draw: neither coder used a code")
	}
	l := &agreeLayout{bars: bars, lang: o.Lang, title: o.Title, note: o.Note}
	if l.title == "" {
		l.title = word(o.Lang, "agreementBy")
	}
	return write(w, o, l)
}

// agreeLayout is an agreement chart ready to draw.
type agreeLayout struct {
	bars        []AgreementBar
	lang        string
	title, note string
}

func (l *agreeLayout) minSize() (w, h float64) {
	return 0, float64(len(l.bars))*18 + 110
}

// draw draws the title and the two panels, their data areas equally
// wide, the code names once at the left.
func (l *agreeLayout) draw(dc draw.Canvas) {
	dc = drawHeader(dc, l.title, l.note)
	n := len(l.bars)
	hex := make([]string, n)
	for i, b := range l.bars {
		hex[i] = b.Color
	}
	cols := colours(hex)
	pct, kappa := make([]float64, n), make([]float64, n)
	lowest := 0.0
	for i, b := range l.bars {
		pct[i], kappa[i] = b.Percent, b.Kappa
		if !math.IsNaN(b.Kappa) {
			lowest = math.Min(lowest, b.Kappa)
		}
	}
	left := l.panel(word(l.lang, "percent"), pct, cols, 0, 100, true, word(l.lang, "pct"))
	right := l.panel(word(l.lang, "kappa"), kappa, cols, math.Floor(lowest*10)/10, 1, false, "%.2f")
	// The left panel's names take its left margin; the data areas share
	// the rest, each with room at its right for a value label.
	const gap, labelRoom = 14, 30
	dc = draw.Crop(dc, 4, 0, 0, 0)
	width := dc.Max.X - dc.Min.X
	margin := left.DataCanvas(dc).Min.X - dc.Min.X
	dataW := (width - margin - gap - 2*labelRoom) / 2
	left.Draw(draw.Crop(dc, 0, -(width - margin - dataW), 0, 0))
	right.Draw(draw.Crop(dc, margin+dataW+labelRoom+gap, -labelRoom, 0, 0))
}

// panel is one panel: a horizontal bar per code of values (NaN: none),
// from lo to hi, its code names shown when names is set.
func (l *agreeLayout) panel(label string, values []float64, cols []color.RGBA, lo, hi float64, names bool, format string) *plot.Plot {
	n := len(values)
	p := newPlot()
	p.X.Label.Text = label
	p.X.Min, p.X.Max = lo, hi
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical.Color = gridGrey
	p.Add(grid)
	ticks := make([]plot.Tick, n)
	for i, b := range l.bars {
		ticks[i] = plot.Tick{Value: float64(n - 1 - i)}
		if names {
			ticks[i].Label = clip(b.Label, 40)
		}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	p.X.Tick.Marker = localTicks{lang: l.lang}
	p.Add(valueBars{values: values, cols: cols, format: format, undefined: word(l.lang, "undefined"), lang: l.lang})
	return p
}

// valueBars draws a horizontal bar per value, top to bottom, from 0 (or
// the axis's start, when that is above 0), labelled with the value.
type valueBars struct {
	values    []float64
	cols      []color.RGBA
	format    string
	undefined string
	lang      string
}

// number writes a formatted number in the chart's language.
func (v valueBars) number(s string) string { return localNumber(v.lang, s) }

// Plot draws the bars and their labels.
func (v valueBars) Plot(dc draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&dc)
	n := len(v.values)
	h := (trY(1) - trY(0)) * 0.7
	base := trX(math.Max(0, p.X.Min))
	st := textStyle(tickSize)
	st.YAlign = draw.YCenter
	for i, x := range v.values {
		y := trY(float64(n - 1 - i))
		if math.IsNaN(x) {
			dc.FillText(st, vg.Point{X: base + 3, Y: y}, v.undefined)
			continue
		}
		end := trX(x)
		lo, hi := min(base, end), max(base, end)
		dc.FillPolygon(v.cols[i], rectPoints(vg.Rectangle{Min: vg.Point{X: lo, Y: y - h/2}, Max: vg.Point{X: hi, Y: y + h/2}}))
		dc.FillText(st, vg.Point{X: hi + 3, Y: y}, v.number(fmt.Sprintf(v.format, x)))
	}
}

// localTicks are the default ticks of a value axis, their numbers
// written as lang writes them (a decimal comma in Finnish).
type localTicks struct{ lang string }

// Ticks returns the ticks between min and max.
func (t localTicks) Ticks(min, max float64) []plot.Tick {
	ticks := (plot.DefaultTicks{}).Ticks(min, max)
	for i := range ticks {
		ticks[i].Label = localNumber(t.lang, ticks[i].Label)
	}
	return ticks
}
