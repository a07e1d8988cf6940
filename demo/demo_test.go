package demo

import (
	"encoding/csv"
	"path"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

var (
	// A Finnish personal identity code: birth date, century sign, individual
	// number and check character (e.g. 010190-123A).
	identityCode = regexp.MustCompile(`\b\d{6}[-+ABCDEFUVWXY]\d{3}[0-9A-Y]\b`)
	email        = regexp.MustCompile(`[\w.+-]+@[\w-]+(\.[\w-]+)+`)
	// A phone number: +358 or a leading 0, then at least six more digits,
	// possibly grouped with spaces or dashes (040 123 4567, +358 9 1234 567).
	phone = regexp.MustCompile(`(\+\d{1,3}|\b0)[ -]?\d{1,3}([ -]?\d){6,}`)
	// Speaker labels at the start of a line.
	shortLabel = regexp.MustCompile(`(?m)^(\*\*)?H\d?:|^(\*\*)?V:`)
	longLabel  = regexp.MustCompile(`(?m)^(Haastattelija|Vastaaja|Sosiaalityöntekijä|Interviewer|Respondent):`)
)

func readMeta(t *testing.T) (header []string, rows map[string]map[string]string) {
	t.Helper()
	data, err := FS.ReadFile("meta.csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil {
		t.Fatalf("meta.csv: %v", err)
	}
	header = recs[0]
	rows = map[string]map[string]string{}
	for i, rec := range recs[1:] {
		row := map[string]string{}
		for k, h := range header {
			row[h] = rec[k]
		}
		if _, dup := rows[row["file"]]; dup {
			t.Errorf("meta.csv line %d: %s listed twice", i+2, row["file"])
		}
		rows[row["file"]] = row
	}
	return header, rows
}

func TestTranscriptsAndMeta(t *testing.T) {
	files := Transcripts()
	if len(files) < 10 {
		t.Fatalf("%d transcripts, want at least 10", len(files))
	}
	header, rows := readMeta(t)
	want := []string{"file", "kind", "region", "model", "lang", "age_group", "services"}
	if len(header) < len(want) || strings.Join(header[:len(want)], ",") != strings.Join(want, ",") {
		t.Errorf("meta.csv header %v, want it to start with %v", header, want)
	}
	seen := map[string]bool{}
	kinds, langs := map[string]int{}, map[string]int{}
	for _, f := range files {
		if !strings.HasPrefix(f, "transcripts/") {
			t.Errorf("%s is not under transcripts/", f)
		}
		base := path.Base(f)
		seen[base] = true
		row, ok := rows[base]
		if !ok {
			t.Errorf("%s has no row in meta.csv", base)
			continue
		}
		switch row["kind"] {
		case "client", "professional":
			kinds[row["kind"]]++
		default:
			t.Errorf("%s: kind %q, want client or professional", base, row["kind"])
		}
		switch row["lang"] {
		case "fi", "en":
			langs[row["lang"]]++
		default:
			t.Errorf("%s: lang %q, want fi or en", base, row["lang"])
		}
		for _, col := range []string{"region", "model"} {
			if row[col] == "" {
				t.Errorf("%s: no %s", base, col)
			}
		}
		if row["kind"] == "client" && (row["age_group"] == "" || row["services"] == "") {
			t.Errorf("%s: a client row needs age_group and services", base)
		}
	}
	for name := range rows {
		if !seen[name] {
			t.Errorf("meta.csv lists %s, which is not an embedded transcript", name)
		}
	}
	if kinds["client"] == 0 || kinds["professional"] == 0 || langs["fi"] == 0 || langs["en"] == 0 {
		t.Errorf("kinds %v, langs %v: want both kinds and both languages", kinds, langs)
	}
}

func TestTranscriptText(t *testing.T) {
	short, long := 0, 0
	for _, f := range Transcripts() {
		data, err := FS.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		if !utf8.ValidString(text) || strings.Contains(text, "\r") || strings.HasPrefix(text, "\uFEFF") {
			t.Errorf("%s: want UTF-8 without BOM, with LF line ends", f)
		}
		if n := len(strings.Fields(text)); n < 600 {
			t.Errorf("%s: only %d words", f, n)
		}
		if shortLabel.MatchString(text) {
			short++
		}
		if longLabel.MatchString(text) {
			long++
		}
		for what, re := range map[string]*regexp.Regexp{"an identity code": identityCode, "an e-mail address": email, "a phone number": phone} {
			if m := re.FindString(text); m != "" {
				t.Errorf("%s contains something shaped like %s: %q", f, what, m)
			}
		}
	}
	if short == 0 || long == 0 {
		t.Errorf("H:/V: labels in %d files, full-word labels in %d: want both styles", short, long)
	}
}

func TestPatterns(t *testing.T) {
	for _, s := range []string{"010190-123A", "241199A0013", "111111+111X"} {
		if !identityCode.MatchString(s) {
			t.Errorf("identity code pattern misses %q", s)
		}
	}
	for _, s := range []string{"040 123 4567", "+358 9 1234 567", "050-1234567", "0401234567"} {
		if !phone.MatchString(s) {
			t.Errorf("phone pattern misses %q", s)
		}
	}
	if !email.MatchString("etunimi.sukunimi@example.fi") {
		t.Error("e-mail pattern misses an address")
	}
	for _, s := range []string{"[00:12:34]", "14.3.2023", "00:08:12.871 --> 00:08:16.710", "kakstoista matkaa", "1.8.2022–31.12.2023"} {
		if identityCode.MatchString(s) || phone.MatchString(s) || email.MatchString(s) {
			t.Errorf("a pattern matches the harmless %q", s)
		}
	}
}
