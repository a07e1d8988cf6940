package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/search"
	"github.com/toituavain/avain/store"
)

// envHolder names the project TestHelperHoldsIndex keeps open, as the UI
// does, when the test binary runs it as a helper process.
const envHolder = "AVAIN_TEST_HOLD_PROJECT"

// TestHelperHoldsIndex is not a test: run by holdIndex in a child
// process, it opens the project as the UI does, searches, says "ready",
// and keeps searching every 50 ms until its stdin closes.
func TestHelperHoldsIndex(t *testing.T) {
	path := os.Getenv(envHolder)
	if path == "" {
		return // only a helper process
	}
	ctx := context.Background()
	p, err := project.Open(ctx, path)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	defer p.Close()
	if _, err := p.Search(ctx, "Kelasta", 10); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ready")
	done := make(chan struct{})
	go func() { io.Copy(io.Discard, os.Stdin); close(done) }()
	for {
		select {
		case <-done:
			os.Exit(0)
		case <-time.After(50 * time.Millisecond):
		}
		if _, err := p.Search(ctx, "Kelasta", 10); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
	}
}

// holdIndex starts a process that keeps proj open as the UI does, after a
// search; it returns when that process is ready, and stops it at cleanup.
func holdIndex(t *testing.T, proj string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldsIndex$")
	cmd.Env = append(os.Environ(), envHolder+"="+proj)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || lines.Text() != "ready" {
		stdin.Close()
		cmd.Wait()
		t.Fatalf("the holding process did not start: %q", lines.Text())
	}
	var rest bytes.Buffer
	copied := make(chan struct{})
	go func() {
		for lines.Scan() {
			rest.WriteString(lines.Text() + "\n")
		}
		close(copied)
	}()
	t.Cleanup(func() {
		stdin.Close()
		err := cmd.Wait()
		<-copied
		if err != nil || rest.Len() > 0 {
			t.Errorf("the holding process: %v %s%s", err, rest.String(), stderr.String())
		}
	})
}

// runBin runs the avain binary and returns its exit code and output.
func runBin(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(binary(t), args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errb.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errb.String()
}

// TestOtherProcessesWhileTheUISearches keeps a project open in another
// process as the UI does after a search, and runs search, import, code,
// merge and search again: every command exits 0 and the index follows.
func TestOtherProcessesWhileTheUISearches(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: other processes import, code and merge while a UI searches; run without -short")
	}
	proj, dir := codedProject(t)
	// A colleague's copy with one more document, to merge back.
	data, err := os.ReadFile(proj)
	if err != nil {
		t.Fatal(err)
	}
	cp := write(t, dir, "copy.avain", data)
	other := write(t, dir, "ammattilainen_02.txt", []byte(professionalInterview))
	if code, _, errs := runBin(t, "import", cp, other, "--kind", "professional"); code != 0 {
		t.Fatalf("import into the copy: %s", errs)
	}

	holdIndex(t, proj)

	steps := [][]string{
		{"search", proj, "Kelasta"},
		{"import", proj, write(t, dir, "asiakas_03.txt", []byte("H: Miten tuki riitti?\nV: Hyvinvointialueen sosiaalityö auttoi lopulta.\n")), "--kind", "client"},
		{"search", proj, "hyvinvointialueen"},
		{"code", proj, "--doc", "asiakas_01.txt", "--turn", "2", "--code", "Toistuvat liitepyynnöt", "--coder", "aino"},
		{"merge", proj, cp, "--coder", "eero"},
		{"search", proj, "consultation"},
		{"check", proj},
	}
	for _, s := range steps {
		start := time.Now()
		code, out, errs := runBin(t, s...)
		t.Logf("avain %s: %v %s", s[0], time.Since(start).Round(time.Millisecond), errs)
		if code != 0 || strings.Contains(errs, "in use") {
			t.Errorf("avain %s: exit %d\n%s%s", s[0], code, out, errs)
		}
		if s[0] == "search" && strings.HasPrefix(out, "0 hits") {
			t.Errorf("avain search %s found nothing: the index did not follow", s[2])
		}
	}
}

// TestStressManyProcesses runs, for a few seconds, three processes adding
// and removing codings, two searching and one importing, all on one
// project: none fails (but for the busy message after the timeout), every
// coding a process made and did not remove is there afterwards, every
// document imported is found, and check passes.
func TestStressManyProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: a stress run of many processes for several seconds; run without -short")
	}
	proj, dir := codedProject(t)
	const span = 6 * time.Second
	deadline := time.Now().Add(span)
	var (
		mu       sync.Mutex
		failures []string
		kept     = map[string]bool{} // coding IDs made and not removed
		imported []string
	)
	fail := func(who string, code int, errs string) {
		if strings.Contains(errs, "busy") {
			return // the documented message after AVAIN_BUSY_TIMEOUT
		}
		mu.Lock()
		failures = append(failures, fmt.Sprintf("%s: exit %d: %s", who, code, strings.TrimSpace(errs)))
		mu.Unlock()
	}
	// noise reports what a command that succeeded printed on stderr
	// besides notes.
	noise := func(who, errs string) {
		for _, l := range strings.Split(strings.TrimSpace(errs), "\n") {
			if l != "" && !strings.HasPrefix(l, "note: ") && !strings.HasPrefix(l, "already coded") {
				fail(who, 0, l)
			}
		}
	}
	searches := 0
	codes := []string{"Toistuvat liitepyynnöt", "Byrokratialoukut/Kelan ja kunnan välillä pompottelu"}
	var wg sync.WaitGroup
	for c := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			coder := "koodari" + strconv.Itoa(c)
			var mine []string
			for i := 0; time.Now().Before(deadline); i++ {
				if i%3 == 2 && len(mine) > 0 {
					id := mine[0]
					mine = mine[1:]
					code, _, errs := runBin(t, "uncode", proj, id, "--coder", coder)
					if code != 0 {
						fail("uncode", code, errs)
						continue
					}
					mu.Lock()
					delete(kept, id)
					mu.Unlock()
					continue
				}
				code, out, errs := runBin(t, "code", proj, "--doc", "asiakas_01.txt", "--turn", strconv.Itoa(1+i%4),
					"--code", codes[(i/4)%2], "--coder", coder)
				if code != 0 {
					fail("code", code, errs)
					continue
				}
				noise("code", errs)
				id := strings.TrimSpace(out)
				mu.Lock()
				if !kept[id] {
					kept[id] = true
					mine = append(mine, id)
				}
				mu.Unlock()
			}
		}()
	}
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				code, _, errs := runBin(t, "search", proj, "Kelasta")
				if code != 0 {
					fail("search", code, errs)
				}
				noise("search", errs)
				mu.Lock()
				searches++
				mu.Unlock()
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; time.Now().Before(deadline); i++ {
			name := fmt.Sprintf("tuonti_%02d.txt", i)
			text := fmt.Sprintf("H: Kysymys %d?\nV: Vastaus tuontisana%d ja sosiaalityö.\n", i, i)
			code, _, errs := runBin(t, "import", proj, write(t, dir, name, []byte(text)), "--kind", "client")
			if code != 0 {
				fail("import", code, errs)
				continue
			}
			noise("import", errs)
			mu.Lock()
			imported = append(imported, fmt.Sprintf("tuontisana%d", i))
			mu.Unlock()
		}
	}()
	wg.Wait()

	for _, f := range failures {
		t.Error(f)
	}
	code, out, errs := runBin(t, "codings", proj, "--json")
	if code != 0 {
		t.Fatalf("codings: %s", errs)
	}
	var rows []listedCoding
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, r := range rows {
		have[r.ID] = true
	}
	for id := range kept {
		if !have[id] {
			t.Errorf("coding %s was reported made and never removed, but is gone", id)
		}
	}
	if len(imported) == 0 || len(kept) == 0 {
		t.Errorf("too little happened: %d imports, %d codings kept", len(imported), len(kept))
	}
	for _, w := range imported {
		if code, out, errs := runBin(t, "search", proj, w); code != 0 || strings.HasPrefix(out, "0 hits") {
			t.Errorf("search %s after the run: exit %d %q %s", w, code, out, errs)
		}
	}
	if code, out, errs := runBin(t, "check", proj); code != 0 {
		t.Errorf("check: exit %d\n%s%s", code, out, errs)
	}
	t.Logf("%d codings kept, %d documents imported, %d searches", len(kept), len(imported), searches)
}

// TestDeferredIndexIsANote keeps the index open for writing, as another
// process's long rebuild would, past the busy timeout: merge and import do
// their job and exit 0 with a note; the next search brings the index up to
// date.
func TestDeferredIndexIsANote(t *testing.T) {
	proj, dir := codedProject(t)
	data, err := os.ReadFile(proj)
	if err != nil {
		t.Fatal(err)
	}
	cp := write(t, dir, "copy.avain", data)
	other := write(t, dir, "ammattilainen_02.txt", []byte(professionalInterview))
	if code, _, errs := avain(t, "import", cp, other, "--kind", "professional"); code != 0 {
		t.Fatalf("import into the copy: %s", errs)
	}
	t.Setenv(store.EnvBusyTimeout, "200")
	w, _, err := search.OpenWith(project.IndexDir(proj), "", search.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	third := write(t, dir, "asiakas_03.txt", []byte("H: Miten tuki riitti?\nV: Hyvinvointialueen sosiaalityö auttoi lopulta.\n"))
	for _, args := range [][]string{
		{"merge", proj, cp, "--coder", "eero"},
		{"import", proj, third, "--kind", "client"},
	} {
		code, out, errs := avain(t, args...)
		t.Logf("avain %s: %s", args[0], errs)
		if code != 0 || !strings.HasPrefix(errs, "note: ") || strings.Count(errs, "\n") != 1 || out == "" {
			t.Errorf("avain %s with the index busy: exit %d, want 0 and one note\n%s%s", args[0], code, out, errs)
		}
	}
	w.Close()
	for _, q := range []string{"consultation", "hyvinvointialueen"} {
		if code, out, errs := avain(t, "search", proj, q); code != 0 || strings.HasPrefix(out, "0 hits") {
			t.Errorf("search %s after: exit %d %q %s", q, code, out, errs)
		}
	}
	if code, out, errs := avain(t, "check", proj); code != 0 {
		t.Errorf("check: exit %d\n%s%s", code, out, errs)
	}
}
