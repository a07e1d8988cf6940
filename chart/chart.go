package chart

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/toituavain/avain/coding"
	"gonum.org/v1/plot/vg/draw"
)

// Options say how a chart is drawn.
type Options struct {
	Format  string         // svg, png or pdf
	Width   float64        // points; 0 = the default
	Height  float64        // points; 0 = the default (grown to fit a long legend)
	Lang    string         // fi (default) or en: the language of labels
	Measure coding.Measure // what a bar of FreqBars counts (the zero value: codings)
	Level   string         // LevelThemes (top-level codes) or LevelCodes (codes without child codes); "" = themes
	Title   string         // "" = a title saying what is drawn
	Note    string         // a line under the title; FreqBars: "" = what the measure counts
	Coders  []string       // FreqBars, Heatmap: the coders whose codings alone are counted (a --coder selection), named under the title
	// Warn, when set, is told in one line what the chart could not show
	// as asked: letters its font lacks, a legend of too many codes.
	Warn func(line string)
}

// The levels of a theme chart.
const (
	LevelThemes = "themes" // the top-level codes, each counting its subtree
	LevelCodes  = "codes"  // the codes without child codes
)

// Formats are the file formats a chart is written in.
var Formats = []string{"svg", "png", "pdf"}

// FormatOf returns the chart format of a file name by its extension (svg,
// png or pdf, in any case), or an error naming the file.
func FormatOf(path string) (string, error) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	for _, f := range Formats {
		if ext == f {
			return f, nil
		}
	}
	if ext == "" {
		return "", fmt.Errorf("%s: no file type: name it .svg, .png or .pdf", path)
	}
	return "", fmt.Errorf("%s: a chart is written as .svg, .png or .pdf, not .%s", path, ext)
}

// check fills in the defaults of o and refuses what cannot be drawn.
func (o Options) check() (Options, error) {
	if o.Format == "" {
		o.Format = "svg"
	}
	if !validFormat(o.Format) {
		return o, fmt.Errorf("unknown chart format %q (use svg, png or pdf)", o.Format)
	}
	if o.Lang == "" {
		o.Lang = coding.LangFinnish
	}
	if !coding.ValidLang(o.Lang) {
		return o, fmt.Errorf("unknown language %q (use fi or en)", o.Lang)
	}
	if o.Measure < 0 || int(o.Measure) >= len(coding.Measures) {
		return o, fmt.Errorf("unknown measure %d", o.Measure)
	}
	switch o.Level {
	case "":
		o.Level = LevelThemes
	case LevelThemes, LevelCodes:
	default:
		return o, fmt.Errorf("unknown level %q (use themes or codes)", o.Level)
	}
	if o.Width < 0 || o.Height < 0 || o.Width > maxSide || o.Height > maxSide {
		return o, fmt.Errorf("a chart's width and height are 0 (the default) to %d points", int(maxSide))
	}
	return o, nil
}

func validFormat(f string) bool {
	for _, g := range Formats {
		if f == g {
			return true
		}
	}
	return false
}

// write draws l on a canvas of o's format and size and writes it to w.
func write(w io.Writer, o Options, l layout) error {
	width, height := o.Width, o.Height
	minW, minH := l.minSize()
	if width == 0 {
		width = min(max(defaultWidth, minW), maxSide)
	}
	if height == 0 {
		height = min(max(defaultHeight, minH), maxSide)
	}
	var check *glyphCheck
	err := render(w, o.Format, width, height, func(dc draw.Canvas) {
		check = newGlyphCheck(dc.Canvas)
		dc.Canvas = check
		l.draw(dc)
	})
	if err == nil && check != nil && o.Warn != nil {
		if line := check.warning(o.Format); line != "" {
			o.Warn(line)
		}
	}
	return err
}
