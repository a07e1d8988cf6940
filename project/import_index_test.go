package project

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// The first import into a new project indexes the documents it imports
// as they are, without rebuilding the index from the project (which read
// each text back a second time: 18 MB more of a 19 MB interview's import);
// a later import into a project whose index lags is still a rebuild.
// Either way the index holds every turn.
func TestFirstImportIndexesWithoutRebuild(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	a := write("a.txt", "H: Miten hakemuksen kanssa meni?\nV: Kela pyysi liitteitä kahdesti.\n")
	b := write("b.txt", "H: Entä sosiaalitoimistossa?\nV: Sosiaalityöntekijä soitti Kelaan.\n")
	p, err := Create(ctx, filepath.Join(dir, "p.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	rebuilds := 0
	p.Progress = func(what string, done, total int) {
		if what == "indexing turns" { // a rebuild's progress
			rebuilds++
		}
	}
	if failed, err := p.ImportFiles(ctx, []string{a}, ImportOptions{Coder: "aino"}, nil); err != nil || failed != 0 {
		t.Fatal(failed, err)
	}
	if rebuilds != 0 {
		t.Errorf("the first import into a new project rebuilt the index (%d progress reports)", rebuilds)
	}
	// The index lags one change behind: the next import rebuilds it.
	if _, err := p.DB().Exec(`UPDATE meta SET value = value + 1 WHERE key = 'content_version'`); err != nil {
		t.Fatal(err)
	}
	if failed, err := p.ImportFiles(ctx, []string{b}, ImportOptions{Coder: "aino"}, nil); err != nil || failed != 0 {
		t.Fatal(failed, err)
	}
	if rebuilds == 0 {
		t.Error("an import into a project whose index lags did not rebuild it")
	}
	rep, err := p.Check(ctx)
	if err != nil || len(rep.Problems) != 0 || rep.IndexedTurns != rep.Turns || rep.Turns != 4 {
		t.Errorf("check: %+v, %v", rep, err)
	}
}
