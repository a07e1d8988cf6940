package main

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestChart runs avain chart on the demo project, coded by its two
// example coders.
func TestChart(t *testing.T) {
	proj := filepath.Join(t.TempDir(), "demo.avain")
	mustRun(t, "demo", proj)
	t.Run("files", func(t *testing.T) { testChartFiles(t, proj) })
	t.Run("refusals", func(t *testing.T) { testChartRefusals(t, proj) })
	t.Run("binary", func(t *testing.T) { testChartBinary(t, proj) })
	t.Run("full disk", func(t *testing.T) { testChartFullDisk(t, proj) })
	t.Run("notes and warnings", func(t *testing.T) { testChartNotes(t, proj) })
	t.Run("what it holds", func(t *testing.T) { testChartSaysWhat(t, proj) })
}

// testChartSaysWhat checks that a chart of one theme's codes (--code
// THEME) says so in its title and in the line saying it was written, and
// that a chart of some coders' codings (--coder) names them under its
// title and in that line.
func testChartSaysWhat(t *testing.T, proj string) {
	out := filepath.Join(t.TempDir(), "c.svg")
	for _, tc := range []struct {
		args        []string
		title, note string // texts of the SVG
		said        string
	}{
		{[]string{"freq", "--code", "Byrokratialoukut", "--lang", "en"}, "Codes of Bureaucracy traps", "",
			"bars of the codes of Bureaucracy traps over all documents: codings"},
		{[]string{"freq", "--code", "Byrokratialoukut", "--coder", "aino"}, "Teeman Byrokratialoukut koodit", "Vain koodaajan aino koodaukset.",
			"bars of the codes of Byrokratialoukut over all documents: codings, aino's codings only"},
		{[]string{"cooccur", "--code", "Byrokratialoukut", "--lang", "en"}, "Co-occurrence of the codes of Bureaucracy traps", "",
			"a heat map of how often the 8 codes of Bureaucracy traps occur together, in one turn"},
		{[]string{"cooccur", "--unit", "overlap", "--coder", "aino,ville", "--lang", "en"}, "Co-occurrence of themes", "Codings by aino and ville only.",
			"a heat map of how often the codings of 8 themes overlap, aino's and ville's codings only"},
		{[]string{"agreement", "--coders", "aino,ville", "--unit", "char"}, "Koodaajien aino ja ville yhtäpitävyys koodeittain", "",
			"bars of aino's and ville's agreement on 22 codes, over the 10 documents both coded, by character"},
	} {
		code, _, errs := avain(t, append(append([]string{"chart", proj}, tc.args...), "-o", out)...)
		if code != 0 || !strings.Contains(errs, "wrote "+out+": "+tc.said+"\n") {
			t.Errorf("%v: exit %d, %q; want it to say %q", tc.args, code, errs, tc.said)
		}
		svg := strings.Join(strings.Fields(read(t, out)), " ")
		if !strings.Contains(svg, ">"+tc.title+"<") || !strings.Contains(svg, tc.note) {
			t.Errorf("%v: the chart has no title %q or note %q", tc.args, tc.title, tc.note)
		}
	}
}

// testChartNotes checks what a chart says of its numbers and what it
// could not draw: the heat map that a theme counts its child codes; a
// chart of the demo's codes leaves out those without codings, saying how
// many, and warns that so many codes are hard to tell apart; a group
// named in letters the font lacks (台北) is named in one warning line.
func testChartNotes(t *testing.T, proj string) {
	dir := t.TempDir()
	svg := func(args ...string) (string, string) {
		t.Helper()
		out := filepath.Join(dir, "kuva.svg")
		code, _, errs := avain(t, append(append([]string{"chart", proj}, args...), "-o", out)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		data, _ := os.ReadFile(out)
		return string(data), errs
	}
	for _, unit := range []string{"turn", "overlap"} {
		if data, _ := svg("cooccur", "--unit", unit); !strings.Contains(data, "Teema laskee alakoodinsa.") {
			t.Errorf("cooccur --unit %s: the note does not say a theme counts its child codes", unit)
		}
	}
	data, errs := svg("freq", "--level", "codes", "--by", "kind", "--lang", "en")
	if !strings.Contains(data, "Codes with no codings left") || !strings.Contains(data, ">client<") {
		t.Errorf("codes by kind: no note on the codes left out, or no group named client")
	}
	if !strings.Contains(errs, "warning: ") || !strings.Contains(errs, "--code THEME") {
		t.Errorf("codes by kind: stderr %q, want a warning suggesting --code THEME", errs)
	}

	cjk := filepath.Join(dir, "cjk.avain")
	mustRun(t, "demo", cjk)
	txt := write(t, dir, "taipei.txt", []byte("Haastattelija: Miten meni?\nAsiakas: Hyvin meni.\n"))
	mustRun(t, "import", cjk, txt, "--attr", "region=台北")
	for _, f := range []string{"png", "pdf", "svg"} {
		out := filepath.Join(dir, "cjk."+f)
		code, _, errs := avain(t, "chart", cjk, "freq", "--by", "region", "-o", out)
		warns := strings.Count(errs, "warning: ")
		if code != 0 || warns != 1 || !strings.Contains(errs, "台 北") {
			t.Errorf("%s: exit %d, %d warnings: %q", f, code, warns, errs)
		}
	}
}

// testChartFiles draws each chart of the demo project in each format
// (8 cm wide, to be quick) and reads the file back: written 0600, of its
// type, with a code's own colour in the bars (Byrokratialoukut's #c0392b,
// Toistuvat liitepyynnöt's #a93226) and the Finnish names; each chart
// recorded in the project's log.
func testChartFiles(t *testing.T, proj string) {
	_, log, _ := avain(t, "log", proj)
	before := strings.Count(log, " chart ")
	dir := t.TempDir()
	for _, tc := range []struct {
		name   string
		args   []string
		has    string     // a text the SVG holds
		colour color.RGBA // a colour the PNG shows
		said   string     // what the line saying it was written says it holds
	}{
		{"freq", []string{"freq", "--by", "kind"}, "Byrokratialoukut", color.RGBA{0xc0, 0x39, 0x2b, 0xff},
			"bars of the themes by kind: codings"},
		{"freq-codes", []string{"freq", "--level", "codes", "--measure", "share", "--lang", "en"}, "Repeated requests for attachments", color.RGBA{0xa9, 0x32, 0x26, 0xff},
			"bars of the codes over all documents: documents %"},
		{"cooccur", []string{"cooccur"}, "Teemojen yhteisesiintyminen", color.RGBA{0x08, 0x30, 0x6b, 0xff},
			"a heat map of how often 8 themes occur together, in one turn"},
		{"agreement", []string{"agreement", "--coders", "aino,ville"}, "Toistuvat liitepyynnöt", color.RGBA{0xa9, 0x32, 0x26, 0xff},
			"bars of aino's and ville's agreement on 22 codes, over the 10 documents both coded, by speaker turn"},
	} {
		for _, f := range []string{"svg", "png", "pdf"} {
			t.Run(tc.name+"/"+f, func(t *testing.T) {
				out := filepath.Join(dir, tc.name+"."+f)
				code, _, errs := avain(t, append(append([]string{"chart", proj}, tc.args...), "--width", "8", "-o", out)...)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, errs)
				}
				if !strings.Contains(errs, "wrote "+out+": "+tc.said) {
					t.Errorf("stderr %q, want it to say the file holds %s", errs, tc.said)
				}
				info, err := os.Stat(out)
				if err != nil {
					t.Fatal(err)
				}
				if info.Mode().Perm() != 0o600 {
					t.Errorf("mode %v, want 0600", info.Mode().Perm())
				}
				data, _ := os.ReadFile(out)
				switch f {
				case "png":
					img, err := png.Decode(bytes.NewReader(data))
					if err != nil {
						t.Fatalf("not a PNG: %v", err)
					}
					if b := img.Bounds(); b.Dx() != 945 || b.Dy() < 1181 {
						t.Errorf("%d × %d pixels, want 945 wide (8 cm at 300 dpi) and at least 1181 high (10 cm)", b.Dx(), b.Dy())
					}
					if n := countColour(img, tc.colour); n < 200 {
						t.Errorf("%d pixels of %v: no bar or cell in it", n, tc.colour)
					}
				case "svg":
					var root struct {
						XMLName xml.Name
						Width   string `xml:"width,attr"`
					}
					if err := xml.Unmarshal(data, &root); err != nil || root.XMLName.Local != "svg" {
						t.Fatalf("not an SVG: %v %.60q", err, data)
					}
					if !strings.HasSuffix(root.Width, "pt") || !bytes.Contains(data, []byte(tc.has)) {
						t.Errorf("width %q; has %q: %v", root.Width, tc.has, bytes.Contains(data, []byte(tc.has)))
					}
				case "pdf":
					if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
						t.Errorf("not a whole PDF: %.10q … %q", data, data[len(data)-10:])
					}
				}
			})
		}
	}
	_, log, _ = avain(t, "log", proj)
	if n := strings.Count(log, " chart ") - before; n != 12 {
		t.Errorf("%d charts in the log, want 12:\n%s", n, log)
	}
}

func countColour(img image.Image, c color.RGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if color.RGBAModel.Convert(img.At(x, y)) == c {
				n++
			}
		}
	}
	return n
}

// testChartRefusals checks that a chart that cannot be drawn is refused
// with one line saying why, and nothing is written: a file already there
// is left as it was.
func testChartRefusals(t *testing.T, proj string) {
	dir := t.TempDir()
	kept := write(t, dir, "kept.svg", []byte("<svg/>"))
	for _, tc := range []struct {
		name string
		args []string
		out  string
		want string
	}{
		{"a file type no chart has", []string{"freq"}, "kuva.jpg", "kuva.jpg: a chart is written as .svg, .png or .pdf, not .jpg"},
		{"no file type", []string{"freq"}, "kuva", "kuva: no file type"},
		{"the project itself", []string{"freq"}, proj, "is the project itself"},
		{"a folder", []string{"freq"}, dir, "is a folder"},
		{"an attribute no document has", []string{"freq", "--by", "ikä"}, "kept.svg", `no document has the attribute "ikä"`},
		{"one coder", []string{"agreement", "--coders", "aino"}, "kept.svg", "--coders takes two coders"},
		{"a coder not in the project", []string{"agreement", "--coders", "aino,nobody"}, "kept.svg", `coder "nobody": not found`},
		{"a measure", []string{"freq", "--measure", "minutes"}, "kept.svg", `unknown --measure "minutes"`},
		{"a chart", []string{"pie"}, "kept.svg", `unknown chart "pie"`},
		{"a code", []string{"freq", "--code", "Ei tällaista"}, "kept.svg", "Ei tällaista"},
		{"a split of a heat map", []string{"cooccur", "--by", "kind"}, "kept.svg", "--by splits only a freq chart, not cooccur"},
		{"a split of agreement", []string{"agreement", "--coders", "aino,ville", "--by", "kind"}, "kept.svg", "--by splits only a freq chart, not agreement"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := tc.out
			if !filepath.IsAbs(out) {
				out = filepath.Join(dir, out)
			}
			code, stdout, errs := avain(t, append(append([]string{"chart", proj}, tc.args...), "-o", out)...)
			if code == 0 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want %q", code, errs, tc.want)
			}
			if first := strings.SplitN(errs, "\n", 2)[0]; !strings.Contains(first, tc.want) {
				t.Errorf("the first line %q does not say it", first)
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
			if got, _ := os.ReadFile(kept); string(got) != "<svg/>" {
				t.Errorf("kept.svg is now %.40q", got)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("the folder holds %d files, want only kept.svg", len(entries))
			}
		})
	}
}

// testChartBinary runs the built command once: a theme chart of the demo
// by kind as SVG.
func testChartBinary(t *testing.T, proj string) {
	out := filepath.Join(t.TempDir(), "kuva.svg")
	b, err := exec.Command(binary(t), "chart", proj, "freq", "--by", "kind", "-o", out).CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("<svg ")) || !bytes.Contains(data, []byte("Teemat ryhmittäin: laji")) || !bytes.Contains(data, []byte(">asiakas<")) {
		t.Errorf("%s: %.200s", out, data)
	}
}

// testChartFullDisk draws a PNG where no file may grow past 48 KiB: one
// line names the file and the reason, and the chart already there is
// left as it was.
func testChartFullDisk(t *testing.T, proj string) {
	if testing.Short() {
		t.Skip("slow: runs the built binary under prlimit; run without -short")
	}
	prlimit := needPrlimit(t)
	old := write(t, t.TempDir(), "kuva.png", []byte("the chart of yesterday"))
	out, err := exec.Command(prlimit, "--fsize=49152", binary(t), "chart", proj, "freq", "--by", "kind", "-o", old).CombinedOutput()
	if err == nil || strings.Count(string(out), "\n") != 1 || !strings.Contains(string(out), old+": not written") {
		t.Errorf("full disk: %v, %q", err, out)
	}
	if got, _ := os.ReadFile(old); string(got) != "the chart of yesterday" {
		t.Errorf("the chart there is now %.40q", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(old))
	if len(entries) != 1 {
		t.Errorf("%d files beside it, want none: a temporary file was left", len(entries)-1)
	}
}
