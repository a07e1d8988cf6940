package finnish

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/toituavain/avain/voikko"
)

// requireVoikko skips (outside CI) or fails (in CI, env CI set) a test that
// needs Voikko when it is missing.
func requireVoikko(t testing.TB) {
	t.Helper()
	if _, err := sharedVoikko(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("Voikko is required in CI: %v", err)
		}
		t.Skipf("Voikko not available (%v): install libvoikko1 and voikko-fi to run this test", err)
	}
}

// pairSet is the test data from scripts/finnish-pairs.
type pairSet struct {
	pairs     [][2]string         // base, inflected
	bases     map[string][]string // inflected -> its base forms
	compounds map[string][]string // base -> its compound parts
}

func loadPairs(t testing.TB) pairSet {
	t.Helper()
	ps := pairSet{bases: map[string][]string{}, compounds: map[string][]string{}}
	readTSV(t, "testdata/pairs.tsv", func(f []string) {
		ps.pairs = append(ps.pairs, [2]string{f[0], f[1]})
		ps.bases[f[1]] = append(ps.bases[f[1]], f[0])
	})
	readTSV(t, "testdata/compounds.tsv", func(f []string) {
		ps.compounds[f[0]] = strings.Split(f[1], ",")
	})
	if len(ps.pairs) < 300 {
		t.Fatalf("pairs.tsv has %d pairs, want at least 300", len(ps.pairs))
	}
	return ps
}

func readTSV(t testing.TB, path string, row func([]string)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 2 {
			t.Fatalf("%s: bad line %q", path, sc.Text())
		}
		row(fields)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// related reports whether query is a base form of the inflected form, or a
// compound part of one, or the very same word.
func (ps pairSet) related(query, inflected string) bool {
	if query == inflected {
		return true
	}
	for _, b := range ps.bases[inflected] {
		if b == query || slices.Contains(ps.compounds[b], query) {
			return true
		}
	}
	return false
}

// measure indexes every inflected form as a document analysed by
// indexAnalyzer, searches every base form with a match query analysed by
// queryAnalyzer, and returns the recall of the pairs and the unrelated hits
// per query.
func measure(t *testing.T, ps pairSet, indexAnalyzer, queryAnalyzer string) (recall, unrelatedPerQuery float64) {
	t.Helper()
	fm := bleve.NewTextFieldMapping()
	fm.Analyzer = indexAnalyzer
	dm := bleve.NewDocumentMapping()
	dm.AddFieldMappingsAt("w", fm)
	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	idx, err := bleve.New(t.TempDir()+"/idx.bleve", im)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	b := idx.NewBatch()
	for inflected := range ps.bases {
		if err := b.Index(inflected, map[string]string{"w": inflected}); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}

	queries := map[string]bool{}
	for _, p := range ps.pairs {
		queries[p[0]] = true
	}
	hits := map[string]map[string]bool{}
	unrelated := 0
	var examples []string
	for q := range queries {
		mq := bleve.NewMatchQuery(q)
		mq.SetField("w")
		mq.Analyzer = queryAnalyzer
		req := bleve.NewSearchRequestOptions(mq, len(ps.bases), 0, false)
		res, err := idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		hits[q] = map[string]bool{}
		for _, h := range res.Hits {
			hits[q][h.ID] = true
			if !ps.related(q, h.ID) {
				unrelated++
				if len(examples) < 12 {
					examples = append(examples, q+"→"+h.ID)
				}
			}
		}
	}
	found := 0
	var missed []string
	for _, p := range ps.pairs {
		if hits[p[0]][p[1]] {
			found++
		} else if len(missed) < 12 {
			missed = append(missed, p[0]+"→"+p[1])
		}
	}
	recall = float64(found) / float64(len(ps.pairs))
	unrelatedPerQuery = float64(unrelated) / float64(len(queries))
	t.Logf("%s: recall %d/%d = %.1f%%, unrelated hits %d over %d queries = %.3f per query",
		indexAnalyzer, found, len(ps.pairs), 100*recall, unrelated, len(queries), unrelatedPerQuery)
	slices.Sort(missed)
	slices.Sort(examples)
	t.Logf("some misses: %s", strings.Join(missed, " "))
	t.Logf("some unrelated hits: %s", strings.Join(examples, " "))
	return recall, unrelatedPerQuery
}

func TestRecall(t *testing.T) {
	ps := loadPairs(t)
	t.Run("voikko", func(t *testing.T) {
		requireVoikko(t)
		recall, unrelated := measure(t, ps, VoikkoAnalyzer, VoikkoQueryAnalyzer)
		if recall < 0.98 {
			t.Errorf("Voikko recall %.1f%%, want ≥ 98%%", 100*recall)
		}
		if unrelated > 0.1 {
			t.Errorf("Voikko unrelated hits %.3f per query, want ≤ 0.1", unrelated)
		}
	})
	t.Run("fallback", func(t *testing.T) {
		recall, _ := measure(t, ps, FallbackAnalyzer, FallbackAnalyzer)
		if recall < 0.85 {
			t.Errorf("fallback recall %.1f%%, want ≥ 85%%", 100*recall)
		}
	})
}

// voikkoOpens reports whether Voikko's Finnish dictionary opens here.
func voikkoOpens() bool {
	v, err := voikko.Open("fi")
	if err != nil {
		return false
	}
	_ = v.Close()
	return true
}

func TestAnalyzerInForce(t *testing.T) {
	if voikko.Disabled() || !voikkoOpens() {
		if AnalyzerName() != FallbackAnalyzer || AnalysisID() != fallbackID || Notice() == "" {
			t.Errorf("without Voikko: got %q %q %q", AnalyzerName(), AnalysisID(), Notice())
		}
		return
	}
	if AnalyzerName() != VoikkoAnalyzer || QueryAnalyzerName() != VoikkoQueryAnalyzer ||
		AnalysisID() != voikkoID || Notice() != "" {
		t.Errorf("with Voikko: got %q %q %q %q", AnalyzerName(), QueryAnalyzerName(), AnalysisID(), Notice())
	}
}

func TestAnalysisChange(t *testing.T) {
	other := voikkoID
	if AnalysisID() == voikkoID {
		other = fallbackID
	}
	if got := AnalysisChange(other + "/m3"); got == "" || strings.Contains(got, "\n") {
		t.Errorf("from %s to %s: got %q, want one line", other, AnalysisID(), got)
	}
	for _, same := range []string{"", AnalysisID(), strings.Split(AnalysisID(), "-")[0] + "-1/m2"} {
		if got := AnalysisChange(same); got != "" {
			t.Errorf("from %q to %s: got %q, want nothing", same, AnalysisID(), got)
		}
	}
}
