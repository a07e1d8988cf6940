// Package demo holds the demo material built into avain: ten fictional
// interview transcripts about social assistance (toimeentulotuki) and the
// collaboration between Kela and the municipalities / wellbeing services
// counties, and a meta.csv sidecar that gives each transcript its kind,
// region, collaboration model, language and other attributes.
//
// Every person, conversation and event in the material is invented for the
// project; no transcript comes from a real interview. The files use the
// transcription conventions of the research team (H:/V: and full-word
// speaker labels, [00:12:34] timestamps, (.) pauses, [naurahtaa], xxx and
// [nimi poistettu]) in the formats avain imports: plain text, Markdown and
// WebVTT. `avain demo` imports them into a new project.
//
// The package imports only the standard library.
package demo

import (
	"embed"
	"io/fs"
	"sort"
)

// FS holds the transcripts (under "transcripts/") and "meta.csv".
//
//go:embed transcripts meta.csv examples.csv
var FS embed.FS

// Transcripts lists the embedded transcript paths (sorted), relative to FS,
// e.g. "transcripts/asiakas_01_kuopio.txt".
func Transcripts() []string {
	entries, err := fs.ReadDir(FS, "transcripts")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, "transcripts/"+e.Name())
		}
	}
	sort.Strings(names)
	return names
}
