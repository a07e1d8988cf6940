package transcript

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadMeta(t *testing.T) {
	want := map[string]map[string]string{
		"h01.docx": {"kind": "client", "region": "Pirkanmaa", "malli": "yhteinen tiimi"},
		"h02.txt":  {"kind": "professional", "region": "Itä-Uusimaa", "lang": "fi"},
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"comma", []byte("file,kind,region,malli,lang\nh01.docx,client,Pirkanmaa,yhteinen tiimi,\nh02.txt,professional,Itä-Uusimaa,,fi\n")},
		{"semicolon, bom, crlf, paths, spaces", []byte("\uFEFFFile; Kind ;Region;Malli;Lang\r\naineisto/h01.docx;client;Pirkanmaa;\"yhteinen tiimi\";\r\nC:\\haastattelut\\h02.txt; professional ;Itä-Uusimaa;;fi\r\n")},
		{"windows-1252", []byte("file\tkind\tregion\tmalli\tlang\nh01.docx\tclient\tPirkanmaa\tyhteinen tiimi\t\nh02.txt\tprofessional\tIt\xe4-Uusimaa\t\tfi\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadMeta(writeTemp(t, "meta.csv", tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %v\nwant %v", got, want)
			}
		})
	}
}

func TestReadMetaErrors(t *testing.T) {
	tests := []struct {
		name, data string
		kind       error
		msg        string // after "PATH:"
	}{
		{"no file column", "name,kind\nh01.txt,client\n", ErrSyntax, `1: no "file" column`},
		{"listed twice", "file,kind\nh01.txt,client\nh02.txt,client\nh01.txt,other\n", ErrSyntax, "4: file \"h01.txt\" is listed twice (first on line 2)"},
		{"wrong field count", "file,kind\nh01.txt,client\nh02.txt\n", ErrSyntax, "3: wrong number of fields"},
		{"bad quote", "file,kind\nh01.txt,\"client\n", ErrSyntax, "2: "},
		{"empty file cell", "file,kind\n,client\n", ErrSyntax, "2: no file name"},
		{"duplicate column", "file,kind,Kind\n", ErrSyntax, `1: column "kind" appears twice`},
		{"empty", "", ErrEmpty, " empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeTemp(t, "meta.csv", []byte(tt.data))
			_, err := ReadMeta(p)
			if !errors.Is(err, tt.kind) {
				t.Fatalf("err = %v, want %v", err, tt.kind)
			}
			if !strings.HasPrefix(err.Error(), p+":"+tt.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q, want one line starting %q", err, p+":"+tt.msg)
			}
		})
	}
	p := filepath.Join(t.TempDir(), "puuttuu.csv")
	if _, err := ReadMeta(p); !errors.Is(err, fs.ErrNotExist) || err.Error() != p+": no such file" {
		t.Errorf("missing file: err = %v", err)
	}
}
