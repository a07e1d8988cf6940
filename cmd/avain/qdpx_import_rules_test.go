package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// memoTable is a project's memo records and its audit entries about
// memos, as lines, read from the file.
func memoTable(t *testing.T, proj string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+proj+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT target || '|' || text || '|' || coder || '|' || created || '|' || updated || '|' || deleted FROM memos
		UNION ALL SELECT 'audit|' || coder || '|' || target FROM audit_log WHERE action = 'memo' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return strings.Join(out, "\n")
}

// The project's own export imported back by another coder changes no
// memo (author, dates, audit trail); a coding removed here since the
// export stays removed and is named; a memo edited elsewhere is kept
// beside the one here, and named.
func TestQDPXImportBackKeepsMemosAndRemovals(t *testing.T) {
	proj, dir := codedProject(t)
	id := strings.TrimSpace(mustRun(t, "code", proj, "--doc", "asiakas_01.txt", "--turn", "3", "--code", "Toistuvat liitepyynnöt",
		"--coder", "ville", "--memo", "kolme kertaa"))
	mustRun(t, "memo", proj, "--doc", "asiakas_01.txt", "Haastattelu kotona.", "--coder", "cecilia")
	mustRun(t, "memo", proj, "--project", "Hankkeen muistio.", "--coder", "aino")
	out := filepath.Join(dir, "out.qdpx")
	mustRun(t, "export", proj, "qdpx", "-o", out)
	before := memoTable(t, proj)
	code, stdout, errs := avain(t, "import", proj, out, "--coder", "ulla")
	if code != 0 || !strings.Contains(stdout, ", 0 memos") || strings.Contains(stdout, "conflict") {
		t.Fatalf("import back: exit %d\n%s%s", code, stdout, errs)
	}
	if after := memoTable(t, proj); after != before {
		t.Errorf("memos changed:\n%s\nwas\n%s", after, before)
	}

	mustRun(t, "uncode", proj, id)
	mustRun(t, "memo", proj, "--doc", "asiakas_01.txt", "Haastattelu kotona, muokattu.", "--coder", "cecilia")
	code, stdout, errs = avain(t, "import", proj, out, "--coder", "ulla")
	if code != 0 || !strings.Contains(stdout, ", 0 codings") || !strings.Contains(stdout, ", 1 memo") ||
		!strings.Contains(errs, "not imported: coding "+id+` ("Toistuvat liitepyynnöt" in "asiakas_01.txt"`) ||
		!strings.Contains(errs, "was removed here; not brought back") ||
		!strings.Contains(stdout, `conflict: memo on document "asiakas_01.txt": the file's text and the text here differ; kept both, the newer (the one here, by cecilia`) {
		t.Fatalf("import after changes here: exit %d\n%s%s", code, stdout, errs)
	}
	if rows := listCodings(t, proj); len(rows) != 0 {
		t.Errorf("%d codings, want the removed one still removed", len(rows))
	}
}
