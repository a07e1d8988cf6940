package chart

import (
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The legend's measures, in points.
const (
	legendThumb = 10
	legendPad   = 8
	legendLine  = labelSize * 1.5
)

// legendWidth is the width of a legend of names beside a chart.
func legendWidth(names []string) vg.Length {
	st := textStyle(labelSize)
	w := vg.Length(0)
	for _, n := range names {
		w = max(w, st.Width(n))
	}
	return w + legendThumb + 3*legendPad
}

// legendHeight is the height a legend of n entries needs.
func legendHeight(n int) float64 { return float64(n)*legendLine + 2*legendPad }

// drawLegend draws a legend of names, each beside its thumbnail, at the
// top left of dc.
func drawLegend(dc draw.Canvas, names []string, thumbs []plot.Thumbnailer) {
	l := plot.NewLegend()
	l.TextStyle = textStyle(labelSize)
	l.Top, l.Left = true, true
	l.ThumbnailWidth = legendThumb
	l.Padding = legendLine - labelSize
	l.XOffs, l.YOffs = legendPad, -legendPad
	for i, n := range names {
		l.Add(n, thumbs[i])
	}
	l.Draw(dc)
}

// noteSize is the size of the note under a title, in points.
const noteSize = 8

// drawHeader draws title centred at the top of dc and, under it, note
// (what the chart counts) wrapped to dc's width; it returns the canvas
// below them.
func drawHeader(dc draw.Canvas, title, note string) draw.Canvas {
	pad := vg.Length(6)
	width := dc.Max.X - dc.Min.X - 2*pad
	x := (dc.Min.X + dc.Max.X) / 2
	y := dc.Max.Y - pad
	if title != "" {
		st := textStyle(titleSize)
		st.XAlign, st.YAlign = draw.XCenter, draw.YTop
		dc.FillText(st, vg.Point{X: x, Y: y}, title)
		y -= st.Height(title) + 2
	}
	if note != "" {
		st := textStyle(noteSize)
		st.XAlign, st.YAlign = draw.XCenter, draw.YTop
		st.Color = textDark
		lines := wrap(st.Width, note, width)
		dc.FillText(st, vg.Point{X: x, Y: y}, lines)
		y -= st.Height(lines)
	}
	return draw.Crop(dc, 0, 0, 0, y-dc.Max.Y-pad)
}

// wrap breaks s into lines at spaces so that each is at most width wide
// as measured by widthOf.
func wrap(widthOf func(string) vg.Length, s string, width vg.Length) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && widthOf(try) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
