package chart

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/toituavain/avain/coding"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// FreqBars draws a theme table t as grouped bars: a cluster of bars for
// each group of documents (all documents together when t is not split),
// a bar for each theme (o.Level themes: the top-level codes, each counting
// its subtree; the child codes of a theme that is alone in t) or code
// (o.Level codes: the codes without child codes that have codings) in
// the code's own colour (near shades moved apart), a legend naming them
// in o.Lang, and a title saying what a bar counts (o.Measure). Groups
// and the split are named in o.Lang's words (coding.AttrName, AttrValue).
// More than 8 groups lie as rows, one under another, and the chart is
// made as tall as they need, even above o.Height. o.Warn hears of more
// than 12 codes and of letters the font cannot show.
func FreqBars(w io.Writer, t coding.FreqTable, cb *coding.Codebook, o Options) error {
	o, err := o.check()
	if err != nil {
		return err
	}
	l, err := freqLayoutOf(t, cb, o)
	if err != nil {
		return err
	}
	if len(l.series) > maxSeries && o.Warn != nil {
		o.Warn(fmt.Sprintf("%d codes in one chart are hard to tell apart: draw one theme's codes at a time (--code THEME)", len(l.series)))
	}
	if _, h := l.minSize(); l.lying && o.Height > 0 && o.Height < h {
		o.Height = min(h, maxSide) // rows too low for their names would overlap
	}
	return write(w, o, l)
}

// series is one code's bars: its name, colour and a value per group.
type series struct {
	name   string
	colour color.RGBA
	values []float64
}

// freqLayout is a theme chart ready to draw.
type freqLayout struct {
	title, note string
	groups      []string // axis labels
	xLabel      string
	yLabel      string
	series      []series
	share       bool // the values are percentages
	lang        string
	lying       bool // bars drawn sideways, a group a row (many groups)
}

// maxUpright is the most groups drawn as upright clusters side by side;
// more lie as rows, one under another, their names on one line each.
const maxUpright = 8

// maxSeries is the most codes a chart draws with colours still told
// apart; more draw, with a warning.
const maxSeries = 12

// freqLayoutOf picks t's rows and groups and their values for o.
func freqLayoutOf(t coding.FreqTable, cb *coding.Codebook, o Options) (*freqLayout, error) {
	top := themeDepth(t)
	var rows []coding.FreqRow
	uncoded := 0
	for _, r := range t.Rows {
		if r.CodeID == "" {
			continue
		}
		if o.Level == LevelCodes && !r.Parent && len(r.Cells) > 0 && r.Cells[0].Codings == 0 {
			uncoded++ // a code no one used says nothing in a chart
			continue
		}
		if o.Level == LevelThemes && r.Depth == top || o.Level == LevelCodes && !r.Parent {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 && uncoded == 0 {
		return nil, errors.New("no codes to draw: the codebook is empty")
	}
	if len(rows) == 0 || noCodings(t) { // not empty axes
		return nil, errors.New("no codings to draw: none of the codes has codings")
	}
	first, last := 0, 1 // the groups drawn: all documents, or the split's groups
	if len(t.By) > 0 {
		first, last = 1, len(t.Groups)
	}
	if last <= first {
		return nil, errors.New("no documents to draw")
	}
	ids := make([]string, len(rows))
	hex := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.CodeID
		if c := cb.Code(r.CodeID); c != nil {
			hex[i] = c.Color
		}
	}
	names, cols := CodeLabels(cb, ids, o.Lang), distinct(colours(hex))
	by := make([]string, len(t.By))
	for i, a := range t.By {
		by[i] = coding.AttrName(a, o.Lang)
	}
	l := &freqLayout{xLabel: strings.Join(by, " / "), yLabel: o.Measure.Label(o.Lang),
		share: o.Measure == coding.MeasureShare, note: o.Measure.About(o.Lang), lang: o.Lang,
		lying: last-first > maxUpright}
	for _, g := range t.Groups[first:last] {
		l.groups = append(l.groups, groupLabel(o.Lang, t.By, g))
	}
	for i, r := range rows {
		s := series{name: clip(names[i], 60), colour: cols[i]}
		for _, c := range r.Cells[first:last] {
			s.values = append(s.values, cellValue(c, o.Measure))
		}
		l.series = append(l.series, s)
	}
	what := word(o.Lang, o.Level)
	if id, ok := SoleTheme(t); ok && o.Level == LevelThemes {
		what = word(o.Lang, "themeCodes", CodeLabels(cb, []string{id}, o.Lang)[0])
	}
	if o.Level == LevelThemes {
		l.note += " " + capitalized(coding.SubtreeBrief(o.Lang)) + "."
	}
	if uncoded > 0 {
		l.note += " " + word(o.Lang, "uncoded", uncoded)
	}
	if n := codedDirectly(t, cb); o.Level == LevelCodes && n > 0 {
		l.note += " " + word(o.Lang, "direct", n)
	}
	l.title = what
	if len(t.By) > 0 {
		l.title = word(o.Lang, "by", what, strings.Join(by, ", "))
	}
	if o.Title != "" {
		l.title = o.Title
	}
	if o.Note != "" {
		l.note = o.Note
	}
	l.note += codersNote(o)
	return l, nil
}

// themeDepth is the depth of t's rows drawn as themes: 0, the top-level
// codes; or 1 when there is one alone with child codes (a --code
// selection of one theme), so that its child codes are drawn.
func themeDepth(t coding.FreqTable) int {
	if _, ok := SoleTheme(t); ok {
		return 1
	}
	return 0
}

// SoleTheme returns the one top-level code of t when t has only one and
// it has child codes (a --code selection of one theme): a chart of the
// themes draws its codes in its place.
func SoleTheme(t coding.FreqTable) (string, bool) {
	var root string
	roots, parent := 0, false
	for _, r := range t.Rows {
		if r.CodeID != "" && r.Depth == 0 {
			roots++
			root, parent = r.CodeID, r.Parent
		}
	}
	return root, roots == 1 && parent
}

// cellValue is the number of c that m counts (a share as a percentage).
func cellValue(c coding.FreqCell, m coding.Measure) float64 {
	switch m {
	case coding.MeasurePassages:
		return float64(c.Passages)
	case coding.MeasureDocuments:
		return float64(c.Documents)
	case coding.MeasureShare:
		return 100 * c.Share
	case coding.MeasureWords:
		return float64(c.Words)
	default:
		return float64(c.Codings)
	}
}

// minSize is the size the chart needs: the bars at least plotRoom wide
// beside the legend, and tall enough for the legend, or for every
// group's row when the bars lie.
func (l *freqLayout) minSize() (w, h float64) {
	w = float64(legendWidth(l.seriesNames())) + plotRoom
	h = legendHeight(len(l.series)) + 3*titleSize + 40
	if l.lying {
		h = max(h, float64(len(l.groups))*rowHeight(len(l.series))+3*titleSize+70)
	}
	return w, h
}

// seriesNames are the names of the series, as the legend shows them.
func (l *freqLayout) seriesNames() []string {
	names := make([]string, len(l.series))
	for i, s := range l.series {
		names[i] = s.name
	}
	return names
}

// plotRoom is the least width of the bars beside a legend, in points.
const plotRoom = 280

// draw draws the title and note across the top, the legend at the right
// and the bars in the rest: upright clusters side by side, or rows of
// bars lying one under another for many groups.
func (l *freqLayout) draw(dc draw.Canvas) {
	dc = drawHeader(dc, l.title, l.note)
	if l.lying {
		l.drawLying(dc)
		return
	}
	names := l.seriesNames()
	lw := legendWidth(names)
	area := draw.Crop(dc, 0, -lw, 0, 0)
	p := newPlot()
	p.X.Label.Text, p.Y.Label.Text = l.xLabel, l.yLabel
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal.Color = gridGrey
	p.Add(grid)

	n, groups := len(l.series), len(l.groups)
	plotW := float64(area.Max.X-area.Min.X) - 60
	ticks, reach := groupTicks(p, l.groups, plotW/float64(groups))
	if extra := reach - plotW/float64(groups)/2 - 25; extra > 0 { // slanted labels reach left past the axis
		area = draw.Crop(area, vg.Length(extra), 0, 0, 0)
		plotW -= extra
	}
	barW := vg.Length(math.Max(1, plotW/float64(groups)*0.8/float64(n)))
	var bars []plot.Thumbnailer
	maxV := 0.0
	for i, s := range l.series {
		b, err := plotter.NewBarChart(plotter.Values(s.values), barW)
		if err != nil {
			panic(err) // only for a width ≤ 0, which barW never is
		}
		b.Color = s.colour
		b.LineStyle.Width = 0
		b.Offset = vg.Length(float64(i)-float64(n-1)/2) * barW
		p.Add(b)
		bars = append(bars, b)
		for _, v := range s.values {
			maxV = math.Max(maxV, v)
		}
	}
	p.X.Tick.Marker = ticks
	p.X.Tick.Length = 0
	p.X.Min, p.X.Max = -0.5, float64(groups)-0.5
	p.Y.Min, p.Y.Max = 0, niceMax(maxV, l.share)
	p.Y.Tick.Marker = wholeTicks{}
	p.Draw(area)
	drawLegend(draw.Crop(dc, dc.Max.X-dc.Min.X-lw, 0, 0, 0), names, bars)
}

// groupTicks are the ticks naming the groups, a group's values one a
// line; when a line is wider than a cluster (width points), each label is
// written on one line and slanted, so that neighbours do not overlap.
// reach is how far left of the first tick a label reaches, in points.
func groupTicks(p *plot.Plot, labels []string, width float64) (ticks plot.ConstantTicks, reach float64) {
	st := p.X.Tick.Label
	fits := true
	for _, l := range labels {
		for _, line := range strings.Split(l, "\n") {
			fits = fits && float64(st.Width(line)) < width*0.95
		}
	}
	ticks = make([]plot.Tick, len(labels))
	for i, l := range labels {
		ticks[i] = plot.Tick{Value: float64(i), Label: l}
		if !fits {
			lines := strings.Split(l, "\n")
			ticks[i].Label = strings.Join(lines[:len(lines)-1], " / ") + " (" + lines[len(lines)-1] + ")"
		}
	}
	if fits {
		return ticks, width / 2
	}
	const slant = math.Pi / 6
	p.X.Tick.Label.Rotation = slant
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YTop
	for i, t := range ticks { // how far left of the first tick a label reaches
		reach = math.Max(reach, float64(st.Width(t.Label))*math.Cos(slant)-float64(i)*width)
	}
	return ticks, reach
}

// niceMax is the top of a value axis showing values up to v: a whole
// number of wholeTicks' steps, at least 1; 100 for percentages.
func niceMax(v float64, share bool) float64 {
	if share {
		return 100
	}
	step := niceStep(v)
	return math.Max(1, math.Ceil(v/step)*step)
}

// niceStep is the step of about five ticks from 0 to v: 1, 2 or 5 times
// a power of ten, at least 1.
func niceStep(v float64) float64 {
	if v <= 5 {
		return 1
	}
	pow := math.Pow(10, math.Floor(math.Log10(v/5)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v/(m*pow) <= 6 {
			return m * pow
		}
	}
	return 10 * pow
}

// wholeTicks are the ticks of an axis of counts or percentages: whole
// numbers, about five, each labelled.
type wholeTicks struct{}

// Ticks returns the ticks from min to max.
func (wholeTicks) Ticks(min, max float64) []plot.Tick {
	step := niceStep(max - min)
	var out []plot.Tick
	for v := min; v <= max+step/1e6; v += step {
		out = append(out, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return out
}

// noCodings reports whether t counts no codings at all.
func noCodings(t coding.FreqTable) bool {
	for _, r := range t.Rows {
		if r.CodeID == "" && len(r.Cells) > 0 {
			return r.Cells[0].Codings == 0
		}
	}
	return false
}

// codedDirectly counts t's codes with child codes that have codings of
// their own: more codings than their child codes have together.
func codedDirectly(t coding.FreqTable, cb *coding.Codebook) int {
	codings := map[string]int{}
	for _, r := range t.Rows {
		if r.CodeID != "" && len(r.Cells) > 0 {
			codings[r.CodeID] = r.Cells[0].Codings
		}
	}
	n := 0
	for _, r := range t.Rows {
		if !r.Parent || r.CodeID == "" {
			continue
		}
		own := codings[r.CodeID]
		for _, c := range cb.Children(r.CodeID) {
			own -= codings[c.ID]
		}
		if own > 0 {
			n++
		}
	}
	return n
}
