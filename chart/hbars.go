package chart

import (
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// rowHeight is the height of a group's row of n lying bars, in points:
// room for its one-line name, and at least 1.8 points a bar.
func rowHeight(n int) float64 { return math.Max(tickSize*1.6, 1.8*float64(n)/0.8) }

// drawLying draws the bars lying, a row per group from the top down, its
// name on one line at the left ("asiakas / Kuopio (n = 6)"), the legend
// at the right: many groups stay readable where upright clusters' names
// would pile on each other.
func (l *freqLayout) drawLying(dc draw.Canvas) {
	names := l.seriesNames()
	lw := legendWidth(names)
	area := draw.Crop(dc, 0, -lw, 0, 0)
	p := newPlot()
	p.X.Label.Text, p.Y.Label.Text = l.yLabel, l.xLabel // the measure along, the split down
	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical.Color = gridGrey
	p.Add(grid)

	n, groups := len(l.series), len(l.groups)
	ticks := make(plot.ConstantTicks, groups)
	for i, g := range l.groups {
		ticks[i] = plot.Tick{Value: float64(groups - 1 - i), Label: oneLine(g)}
	}
	plotH := float64(area.Max.Y-area.Min.Y) - 50
	barH := vg.Length(math.Max(0.5, plotH/float64(groups)*0.8/float64(n)))
	var bars []plot.Thumbnailer
	maxV := 0.0
	for i, s := range l.series {
		vals := make(plotter.Values, groups) // the first group at the top
		for g, v := range s.values {
			vals[groups-1-g] = v
			maxV = math.Max(maxV, v)
		}
		b, err := plotter.NewBarChart(vals, barH)
		if err != nil {
			panic(err) // only for a width ≤ 0, which barH never is
		}
		b.Horizontal = true
		b.Color = s.colour
		b.LineStyle.Width = 0
		b.Offset = vg.Length(float64(n-1)/2-float64(i)) * barH // the first series at the top of a row
		p.Add(b)
		bars = append(bars, b)
	}
	p.Y.Tick.Marker = ticks
	p.Y.Tick.Length = 0
	p.Y.Min, p.Y.Max = -0.5, float64(groups)-0.5
	p.X.Min, p.X.Max = 0, niceMax(maxV, l.share)
	p.X.Tick.Marker = wholeTicks{}
	p.Draw(draw.Crop(area, 4, 0, 0, 0)) // room for the long names' first letters

	drawLegend(draw.Crop(dc, dc.Max.X-dc.Min.X-lw, 0, 0, 0), names, bars)
}

// oneLine writes a group's name, a value a line and its size last, on
// one line: "asiakas / Kuopio (n = 6)".
func oneLine(label string) string {
	lines := strings.Split(label, "\n")
	if len(lines) < 2 {
		return label
	}
	return strings.Join(lines[:len(lines)-1], " / ") + " (" + lines[len(lines)-1] + ")"
}
