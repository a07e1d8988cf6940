package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
)

// line is one speaker turn of a test document.
type line struct{ speaker, text string }

// newDoc builds a document whose text is "S: text\n" per line, each turn
// spanning the text after the label.
func newDoc(id, name, kind, lang string, attrs map[string]string, lines ...line) *coding.Document {
	d := &coding.Document{Name: name, Kind: kind, Lang: lang, Attrs: attrs}
	d.ID = id
	var b strings.Builder
	at := 0
	for i, l := range lines {
		label := l.speaker + ": "
		b.WriteString(label)
		at += coding.RuneLen(label)
		d.Turns = append(d.Turns, coding.Turn{N: i + 1, Speaker: l.speaker, Start: at, End: at + coding.RuneLen(l.text)})
		b.WriteString(l.text + "\n")
		at += coding.RuneLen(l.text) + 1
	}
	d.Text = b.String()
	return d
}

// corpus is a small set of Finnish, English and CJK interviews.
func corpus() []*coding.Document {
	return []*coding.Document{
		newDoc("d1", "Haastattelu 1", coding.KindClient, coding.LangFinnish,
			map[string]string{"region": "Kuopio", "Model": "Yhteispalvelu"},
			line{"H", "Miten asiointi Kelan kanssa on sujunut?"},
			line{"V", "Toimeentulotuen hakeminen oli vaikeaa ja päätös tuli myöhään. Kela pyysi samoja liitteitä uudestaan."},
			line{"H", "Saitteko apua sosiaalityöntekijältä?"},
			line{"V", "Sain apua, mutta tiedonsiirto ei toiminut."}),
		newDoc("d2", "Haastattelu 2", coding.KindProfessional, coding.LangFinnish,
			map[string]string{"region": "Oulu"},
			line{"H", "Kertoisitteko yhteistyöstä Kelan kanssa?"},
			line{"V", "Yhteistyö toimii puhelimitse, ja toimeentulotukea koskevat päätökset tulevat Kelasta."}),
		newDoc("d3", "Interview 3", coding.KindClient, coding.LangEnglish,
			map[string]string{"region": "Kuopio"},
			line{"I", "How did the decision arrive?"},
			line{"R", "The decisions came late and Kela asked for the same attachments again."}),
		newDoc("d4", "面接 4", coding.KindOther, coding.LangEnglish, nil,
			line{"R", "日本語のテキストです。社会福祉 then the decision arrived."}),
	}
}

// openIndex opens the index in dir for writing, waiting for another
// writer as long as a command would.
func openIndex(dir, want string) (*Index, bool, error) {
	return OpenWith(dir, want, OpenOptions{Wait: 10 * time.Second})
}

// openCorpus returns an index of corpus() in a temporary directory.
func openCorpus(t testing.TB) *Index {
	t.Helper()
	ix, _, err := openIndex(t.TempDir()+"/ix", "v1")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Rebuild(context.Background(), yieldAll(corpus()), nil); err != nil {
		t.Fatal(err)
	}
	return ix
}

// yieldAll adapts a slice to Rebuild's docs argument.
func yieldAll(docs []*coding.Document) func(func(*coding.Document) error) error {
	return func(yield func(*coding.Document) error) error {
		for _, d := range docs {
			if err := yield(d); err != nil {
				return err
			}
		}
		return nil
	}
}

// hitIDs searches and returns "docName/turn" of every hit, sorted.
func hitIDs(t *testing.T, ix *Index, q string) []string {
	t.Helper()
	res, err := ix.Search(context.Background(), q, 100)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, fmt.Sprintf("%s/%d", h.DocName, h.Turn))
	}
	slices.Sort(ids)
	if uint64(len(ids)) != res.Total {
		t.Errorf("Search(%q): %d hits, Total %d", q, len(ids), res.Total)
	}
	return ids
}
