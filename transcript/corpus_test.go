package transcript

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// corpusDir holds the shared corpus of real transcripts (read-only).
const corpusDir = "../../shared/corpus"

// corpusDocs imports every transcript of the corpus by base name, failing
// on any error; without the corpus it fails under CI and skips otherwise.
func corpusDocs(t *testing.T) map[string]*coding.Document {
	t.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("corpus missing under CI: %v", err)
		}
		t.Skipf("corpus %s not available: %v", corpusDir, err)
	}
	docs := map[string]*coding.Document{}
	err := filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !supported(strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))) {
			return err
		}
		doc, _, err := Read(path)
		if err != nil {
			t.Errorf("%v", err)
			return nil
		}
		checkDocument(t, doc)
		docs[doc.Name] = doc
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 19 { // the corpus holds 19 transcripts in these formats
		t.Fatalf("imported only %d corpus files", len(docs))
	}
	return docs
}

// speakers counts the turns of each speaker.
func speakers(doc *coding.Document) map[string]int {
	m := map[string]int{}
	for _, tn := range doc.Turns {
		m[tn.Speaker]++
	}
	return m
}

func TestCorpus(t *testing.T) {
	docs := corpusDocs(t)
	doc := func(t *testing.T, name string) *coding.Document {
		t.Helper()
		d := docs[name]
		if d == nil {
			t.Fatalf("%s was not imported", name)
		}
		return d
	}
	// wantSpeakers: exact turn counts per speaker ("" = unlabelled turns);
	// they equal the label counts of the files (grep '^### ').
	tests := []struct {
		file     string
		speakers map[string]int
	}{
		{"2018-02-19-Interview-with-Yu-shan-Tseng.md", map[string]int{"": 1, "Yu-shan Tseng": 91, "Audrey Tang": 158}},
		{"2018-11-09-Interview-with-OneTeamGov-podcast.md", map[string]int{"": 1, "Audrey Tang": 100, "Kylie Havelock": 29, "Kamala Hamilton Brown": 13}},
		{"2020-12-21-Interview-with-Akiko-Kamimura.md", map[string]int{"": 1, "Audrey Tang": 106, "Akiko Kamimura": 80, "Editor": 3, "Interpreter": 2}},
		{"2021-03-04-Interview-with-Robert-B-Leflar.md", map[string]int{"": 1, "Audrey Tang": 118, "Robert B Leflar": 71, "Ning Yeh": 10}},
		{"2024-11-07-Interview-on-Information-Integrity.md", map[string]int{"": 1, "Audrey Tang": 69, "Interviewer": 37}},
		{"2016-06-30-vTaiwan及Join平台之分析訪談-呂家華.md", map[string]int{"": 1, "問": 25, "呂家華": 49}},
		{"transcript.txt", map[string]int{"id1": 3, "id2": 2, "id3": 2}},
		{"Nurse_00254.md", map[string]int{"": 3, "Assistant": 1, "AI": 15, "User": 15}},
		{"Healthcare_Professional_00346.md", map[string]int{"": 3, "Assistant": 1, "AI": 12, "User": 12}},
		{"example.vtt", map[string]int{"Sarah": 1, "Gillian": 1}},
		{"example.srt", map[string]int{"Travis": 5, "Sarah": 2, "Gilon": 3}},
		{"ID1.docx", map[string]int{"": 3}},
		{"ID2.odt", map[string]int{"": 3}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := speakers(doc(t, tt.file))
			if len(got) != len(tt.speakers) {
				t.Errorf("speakers = %v, want %v", got, tt.speakers)
			}
			for s, n := range tt.speakers {
				if got[s] != n {
					t.Errorf("speaker %q has %d turns, want %d (all: %v)", s, got[s], n, got)
				}
			}
		})
	}

	t.Run("audreyt first turns", func(t *testing.T) {
		d := doc(t, "2018-02-19-Interview-with-Yu-shan-Tseng.md")
		first, second := d.Turns[0], d.Turns[1]
		if first.Speaker != "" || d.TurnText(first) != "# 2018-02-19 Interview with Yu-shan Tseng" {
			t.Errorf("title turn = %q %q", first.Speaker, d.TurnText(first))
		}
		if second.Speaker != "Yu-shan Tseng" || !strings.HasPrefix(d.TurnText(second), "I thank you for being willing") {
			t.Errorf("turn 2 = %q %q", second.Speaker, clip(d.TurnText(second), 60))
		}
		// "> (laughter)" stays inside the Audrey Tang turn it follows.
		for _, tn := range d.Turns {
			if strings.HasPrefix(d.TurnText(tn), ">") {
				t.Errorf("stage note became its own turn %d", tn.N)
			}
		}
	})
	t.Run("zh-Hant question", func(t *testing.T) {
		d := doc(t, "2016-06-30-vTaiwan及Join平台之分析訪談-呂家華.md")
		if tn := d.Turns[1]; tn.Speaker != "問" || !strings.HasPrefix(d.TurnText(tn), "有關vTaiwan跟Join平臺") {
			t.Errorf("turn 2 = %q %q", tn.Speaker, clip(d.TurnText(tn), 60))
		}
	})
	t.Run("vtt voices and entities", func(t *testing.T) {
		d := doc(t, "example.vtt")
		sarah, gillian := d.Turns[0], d.Turns[1]
		if !strings.Contains(d.TurnText(sarah), "Welcome to Podcasting Q&A, where you learn") || strings.Contains(d.Text, "&amp;") || strings.Contains(d.Text, "<v") {
			t.Errorf("Sarah's turn = %q", d.TurnText(sarah))
		}
		if gillian.Speaker != "Gillian" || !strings.HasPrefix(d.TurnText(gillian), "Hi Buzzsprout, Gillian here") || gillian.Time.Milliseconds() != 19080 || gillian.TimeEnd.Milliseconds() != 25350 {
			t.Errorf("Gillian's turn = %+v %q", gillian, d.TurnText(gillian))
		}
	})
	t.Run("srt Travis", func(t *testing.T) {
		d := doc(t, "example.srt")
		tn := d.Turns[0]
		if tn.Speaker != "Travis" || !strings.HasPrefix(d.TurnText(tn), "When you first get started in podcasting, it's almost guaranteed") || tn.Time.Milliseconds() != 179 {
			t.Errorf("turn 1 = %+v %q", tn, clip(d.TurnText(tn), 80))
		}
		if strings.Contains(d.TurnText(tn), "Travis:") || strings.Contains(d.TurnText(tn), "\n") {
			t.Errorf("turn 1 holds a label or a line break")
		}
	})
	t.Run("qualcoder ids", func(t *testing.T) {
		d := doc(t, "transcript.txt")
		if tn := d.Turns[0]; tn.Speaker != "id1" || !strings.HasPrefix(d.TurnText(tn), "hello, I like the course.") {
			t.Errorf("turn 1 = %q %q", tn.Speaker, d.TurnText(tn))
		}
	})
	t.Run("anthropic roles", func(t *testing.T) {
		d := doc(t, "Nurse_00254.md")
		want := []turnView{{"", "# Dialog 00254"}, {"", "**Transcript ID:** work_0482"}, {"", "---"}}
		for i, w := range want {
			if got := (turnView{d.Turns[i].Speaker, d.TurnText(d.Turns[i])}); got != w {
				t.Errorf("turn %d = %q, want %q", i+1, got, w)
			}
		}
		a := d.Turns[3]
		if a.Speaker != "Assistant" || !strings.Contains(d.TurnText(a), "Do you have any questions before we begin?") {
			t.Errorf("Assistant's turn does not run over its paragraphs: %q", clip(d.TurnText(a), 80))
		}
	})
	t.Run("navarral moderator in think-aloud", func(t *testing.T) {
		d := doc(t, "P1_GMT20211118.odt")
		if s := speakers(d); s["MODERATOR"] != 1 || s[""] < 150 {
			t.Errorf("speakers = %v", s)
		}
		var mod coding.Turn
		for _, tn := range d.Turns {
			if tn.Speaker == "MODERATOR" {
				mod = tn
			}
		}
		if d.TurnText(mod) != "Could you please start in task 1?" {
			t.Errorf("moderator turn = %q", d.TurnText(mod))
		}
		if next := d.Turns[mod.N]; next.Speaker != "" || d.TurnText(next) != "(The participants reads the text in the home tab)" {
			t.Errorf("turn after the moderator = %q %q", next.Speaker, d.TurnText(next))
		}
		for _, name := range []string{"P2_GMT20211119.odt", "P10_GMT20211130.odt"} {
			if s := speakers(doc(t, name)); s["MODERATOR"] < 5 || len(s) != 2 {
				t.Errorf("%s speakers = %v", name, s)
			}
		}
	})
	t.Run("docx paragraphs", func(t *testing.T) {
		d := doc(t, "ID1.docx")
		if !strings.HasPrefix(d.Text, "I really like learning new things.") || !strings.Contains(d.Text, "have been really good.") {
			t.Errorf("text = %q", clip(d.Text, 120))
		}
	})
}
