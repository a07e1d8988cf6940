package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"
)

// TestPeopleCSVEndsWithNotes checks that a people table in CSV and TSV
// ends with a blank row and then its notes and how it was made, one a
// line, while the data layout holds the data alone.
func TestPeopleCSVEndsWithNotes(t *testing.T) {
	about := &About{Project: "p.avain", Made: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC), Lang: "en"}
	people := Table{People: true, Lang: "en", Header: []string{"Code", "n"}, Rows: [][]Cell{{C("A", 0, false), N(3)}},
		Notes: []string{"Each cell counts codings.", "A code counts its child codes."}}
	for _, f := range []string{"csv", "tsv"} {
		t.Run(f, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteAbout(&b, f, about, people); err != nil {
				t.Fatal(err)
			}
			written := b.String()
			r := csv.NewReader(&b)
			r.FieldsPerRecord, r.Comma = -1, ','
			if f == "tsv" {
				r.Comma = '\t'
			}
			r.LazyQuotes = true
			recs, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			var tail []string
			for _, rec := range recs[2:] {
				tail = append(tail, strings.TrimRight(strings.Join(rec, "|"), "|"))
			}
			got := strings.Join(tail, "\n")
			for _, want := range []string{"Each cell counts codings.", "A code counts its child codes.", "Project: p.avain"} {
				if !strings.Contains(got, want) {
					t.Errorf("after the rows %q, want %q", got, want)
				}
			}
			if !strings.Contains(written, "3\r\n,\r\n") && !strings.Contains(written, "3\n\t\n") {
				t.Errorf("no blank row between the table and its notes:\n%s", written)
			}
		})
	}
	data := Table{Header: []string{"code", "n"}, Rows: [][]Cell{{T("A"), N(3)}}, Notes: []string{"Each cell counts codings."}}
	var b bytes.Buffer
	if err := WriteAbout(&b, "csv", about, data); err != nil {
		t.Fatal(err)
	}
	if b.String() != "code,n\r\nA,3\r\n" {
		t.Errorf("data layout %q, want the data alone", b.String())
	}
}

// TestPeopleCSVDefusesFormulas checks that in the people layout a text
// cell, header or note beginning with = + - @, a tab or a CR is written
// with a leading apostrophe (OWASP's CSV injection advice), numbers
// (a negative kappa) as they are; the data layout stays exact.
func TestPeopleCSVDefusesFormulas(t *testing.T) {
	rows := [][]Cell{
		{C(`=HYPERLINK("x","y")`, 0, false), T("+1"), T("@sum"), T("-x"), T("\tx"), T("\rx"), F(-0.5), T("fine")},
	}
	head := []string{"Code", "=a", "b", "c", "d", "e", "kappa", "f"}
	people := Table{People: true, Lang: "en", Header: head, Rows: rows}
	var b bytes.Buffer
	if err := Write(&b, "csv", people); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`'=HYPERLINK("x","y")`, "'+1", "'@sum", "'-x", "'\tx", "'\rx", "-0.500", "fine"}
	if got := recs[1]; strings.ReplaceAll(strings.Join(got, "|"), "\r", "") != strings.ReplaceAll(strings.Join(want, "|"), "\r", "") {
		t.Errorf("people row %q, want %q", got, want)
	}
	if recs[0][1] != "'=a" {
		t.Errorf("header %q, want '=a", recs[0][1])
	}
	data := Table{Header: head, Rows: rows}
	b.Reset()
	if err := Write(&b, "csv", data); err != nil {
		t.Fatal(err)
	}
	if recs, _ = csv.NewReader(&b).ReadAll(); recs[1][0] != `=HYPERLINK("x","y")` || recs[1][1] != "+1" {
		t.Errorf("data row %q, want it exact", recs[1])
	}
}
