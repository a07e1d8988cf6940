package refiqda

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// qde returns the project.qde inside a .qdpx sample.
func qde(t *testing.T, name string) []byte {
	t.Helper()
	z, err := zip.OpenReader(need(t, "samples/"+name))
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if strings.EqualFold(f.Name, "project.qde") {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			data, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
	}
	t.Fatalf("%s has no project.qde", name)
	return nil
}

// TestSamples reads the codebooks that real tools wrote, checks them
// against counts taken from the files, writes them as a .qdc, validates it
// and reads it back unchanged.
func TestSamples(t *testing.T) {
	tests := []struct {
		name     string
		data     func(t *testing.T) []byte
		codes    int   // <Code elements in the file's codebook
		depths   []int // how many codes at each depth, counted from the file
		parents  int   // codes with children
		colours  int   // codes with a color attribute
		descs    int   // codes with a Description
		firstGUI string
	}{
		{"Taguette 1.4.1 .qdc", func(t *testing.T) []byte { return file(t, "samples/taguette1.4.1_codebook.qdc") },
			3, []int{3}, 0, 0, 0, "098ac082-a9c7-50f4-9728-48730081a95e"},
		{"NVivo 12.6 .qdpx", func(t *testing.T) []byte { return qde(t, "nvivo12.6-win_oltas0517.qdpx") },
			152, []int{12, 45, 92, 3}, 32, 0, 82, "5067d381-1dc9-4816-81dd-ae1dbfea2ad7"},
		{"ATLAS.ti 23 .qdpx", func(t *testing.T) []byte { return qde(t, "atlasti23-win_target-atlas-project.qdpx") },
			3, []int{1, 2}, 1, 0, 0, "a182cd3a-d83c-4d8c-bc80-26d9103ec6d6"},
		{"ATLAS.ti 8.4 .qde", func(t *testing.T) []byte { return file(t, "samples/atlasti8.4-mac_standard_project.qde") },
			14, []int{14}, 0, 13, 7, "85d17f60-7bb0-481e-b742-b4861dd669df"},
		{"ATLAS.ti 23 blank .qdpx", func(t *testing.T) []byte { return qde(t, "atlasti23-win_blank-atlas-project.qdpx") },
			0, nil, 0, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data(t)
			codes, err := ReadCodebook(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Count(codebookPart(data), "<Code "); got != tt.codes {
				t.Fatalf("the file has %d <Code elements, the test expects %d", got, tt.codes)
			}
			depth := map[string]int{}
			var depths []int
			isParent := map[string]bool{}
			colours, descs := 0, 0
			for _, c := range codes { // parents come first
				if c.ParentID != "" {
					depth[c.ID] = depth[c.ParentID] + 1
					isParent[c.ParentID] = true
				}
				if depth[c.ID] == len(depths) {
					depths = append(depths, 0)
				}
				depths[depth[c.ID]]++
				if c.Color != "" {
					colours++
				}
				if c.ShortDef+c.Definition+c.WhenToUse+c.WhenNotUse+c.Example != "" {
					descs++
				}
			}
			if len(codes) != tt.codes || !reflect.DeepEqual(depths, tt.depths) || len(isParent) != tt.parents ||
				colours != tt.colours || descs != tt.descs {
				t.Fatalf("read %d codes, %v by depth, %d parents, %d coloured, %d described; want %d, %v, %d, %d, %d",
					len(codes), depths, len(isParent), colours, descs, tt.codes, tt.depths, tt.parents, tt.colours, tt.descs)
			}
			if tt.codes == 0 {
				return
			}
			if codes[0].ID != tt.firstGUI {
				t.Errorf("first id %s, want %s", codes[0].ID, tt.firstGUI)
			}
			var buf bytes.Buffer
			if err := WriteCodebook(&buf, codes, coding.LangFinnish); err != nil {
				t.Fatal(err)
			}
			back, err := ReadCodebook(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if len(back) != len(codes) {
				t.Fatalf("read back %d codes, want %d", len(back), len(codes))
			}
			for i := range codes {
				if *back[i] != *codes[i] {
					t.Errorf("code %d changed:\n got %#v\nwant %#v", i, *back[i], *codes[i])
				}
			}
			t.Run("valid", func(t *testing.T) { validate(t, buf.Bytes()) })
		})
	}
}

// TestTaguetteSampleInvalid documents why reading must tolerate the
// Taguette file: it fails the schema on its empty <Sets/>.
func TestTaguetteSampleInvalid(t *testing.T) {
	data := file(t, "samples/taguette1.4.1_codebook.qdc")
	if !strings.Contains(string(data), "<Sets/>") {
		t.Fatal("the Taguette sample no longer has an empty <Sets/>")
	}
}

func file(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(need(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// codebookPart returns the text from <CodeBook to </CodeBook>, or "".
func codebookPart(data []byte) string {
	s := string(data)
	i, j := strings.Index(s, "<CodeBook"), strings.Index(s, "</CodeBook>")
	if i < 0 || j < i {
		return ""
	}
	return s[i:j]
}
