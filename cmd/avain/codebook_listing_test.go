package main

import (
	"strings"
	"testing"
)

// TestCodebookListingShowsTheCategoryOfALongName: a category's name too
// long for its column is cut before the "(category)" tag, never the tag.
func TestCodebookListingShowsTheCategoryOfALongName(t *testing.T) {
	proj, _ := codedProject(t)
	long := "Asiakkaan kokemukset palvelujärjestelmän monimutkaisuudesta ja hitaudesta"
	mustRun(t, "codebook", proj, "add", long, "--category")
	shown := mustRun(t, "codebook", proj)
	for _, line := range strings.Split(shown, "\n") {
		if strings.Contains(line, "Asiakkaan kokemukset") {
			if !strings.Contains(line, "… (category)") {
				t.Errorf("the tag is cut: %q", line)
			}
			return
		}
	}
	t.Errorf("no line of the category:\n%s", shown)
}
