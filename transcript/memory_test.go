package transcript

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// allocated returns the bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// interview writes an interview of about size bytes: labelled turns of
// Finnish sentences with ä and ö.
func interview(size int, sep string) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		speaker := "Haastattelija"
		if i%2 == 1 {
			speaker = "Vastaaja"
		}
		fmt.Fprintf(&b, "%s: [00:%02d:%02d] Hakemus %d eteni hitaasti, ja Kelasta pyydettiin liitteitä uudestaan. Se oli aika hankalaa, että joo.%s%s", speaker, i/60%60, i%60, i, sep, sep)
	}
	return []byte(b.String())
}

// TestParseAllocatesAFewTimesItsInput: reading a transcript allocates a
// bounded multiple of its size, whatever its form: no copy of the text per
// turn, no code points held as runes, no list of all its words.
func TestParseAllocatesAFewTimesItsInput(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: 4 MiB transcripts in every format; run without -short")
	}
	const size = 4 << 20
	cues := func() []byte {
		var b strings.Builder
		b.WriteString("WEBVTT\n\n")
		for i := 0; b.Len() < size; i++ {
			fmt.Fprintf(&b, "%02d:%02d:%02d.000 --> %02d:%02d:%02d.900\n<v Anna>Kelasta pyydettiin liitteitä %d.\n\n", i/3600, i/60%60, i%60, i/3600, i/60%60, i%60, i)
		}
		return []byte(b.String())
	}
	tests := []struct {
		name, format string
		data         []byte
		most         float64 // bytes allocated per byte of input
	}{
		{"turns", "txt", interview(size, "\n"), 10},
		{"crlf", "txt", interview(size, "\r\n"), 10},
		{"one line", "txt", []byte(strings.ReplaceAll(string(interview(size, "")), "\n", " ")), 3},
		{"cues", "vtt", cues(), 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			n := allocated(func() { _, err = Parse("x."+tt.format, tt.format, tt.data) })
			if err != nil {
				t.Fatal(err)
			}
			if ratio := float64(n) / float64(len(tt.data)); ratio > tt.most {
				t.Errorf("reading %d bytes allocated %d: %.1f× the input, want at most %.0f×", len(tt.data), n, ratio, tt.most)
			} else {
				t.Logf("%.1f× the input", ratio)
			}
		})
	}
}
