package refiqda

import (
	"strings"
	"testing"
)

// TestStrayAnnotationCounted: an annotation note no document of several
// refers to is named, counted in the singular when it is one.
func TestStrayAnnotationCounted(t *testing.T) {
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project name="x.qda" origin="QualCoder 3.6" xmlns="urn:QDA-XML:project:1.0">
<Sources>
<TextSource guid="d0000000-0000-4000-8000-000000000001" name="a.txt"><PlainTextContent>H: Yksi kaksi.</PlainTextContent></TextSource>
<TextSource guid="d0000000-0000-4000-8000-000000000002" name="b.txt"><PlainTextContent>H: Kolme neljä.</PlainTextContent></TextSource>
</Sources>
<Notes>
<Note guid="90000000-0000-4000-8000-000000000001" creationDateTime="2025-03-03T09:00:00Z"><PlainTextContent>Irrallinen</PlainTextContent>
<PlainTextSelection guid="91000000-0000-4000-8000-000000000001" startPosition="3" endPosition="7" /></Note>
</Notes>
</Project>`
	p, err := readQDPX(t, []byte(qde))
	if err != nil {
		t.Fatal(err)
	}
	want := `1 annotation no document refers to (QualCoder refers only to each document's first), as "Irrallinen": not imported`
	if got := strings.Join(p.Skipped, "\n"); got != want {
		t.Errorf("skipped %q, want %q", got, want)
	}
}
