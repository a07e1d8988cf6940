// Package gen writes a synthetic corpus of interview transcripts for
// benchmarks: Finnish and English interviews of clients and professionals,
// in speaker turns, 5,000–20,000 words each, with a meta.csv sidecar that
// gives each file its kind, language, region and other attributes.
//
// The text is made, deterministically from a seed, by a word-bigram chain
// trained on avain's fictional demo interviews, so it keeps their spoken
// Finnish and English, their inflected word forms and their word frequency
// curve. To give the corpus the vocabulary of a large study, some nouns are
// replaced by compounds built from a table of modifiers and inflected head
// nouns (asumis + tuen → asumistuen). No real person or interview is in it.
package gen

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toituavain/avain/demo"
	"github.com/toituavain/avain/transcript"
)

// Options say what to write.
type Options struct {
	Docs int    // how many transcripts
	Seed uint64 // the same seed writes the same corpus
	// MinWords and MaxWords bound a transcript's length; 0 means 5,000
	// and 20,000.
	MinWords, MaxWords int
}

// Stats describe a written corpus.
type Stats struct {
	Files int
	Words int   // whitespace-separated words in the turns' text
	Bytes int64 // bytes of the transcripts (meta.csv aside)
	// Largest is the file name of the longest transcript.
	Largest string
}

// Write writes opts.Docs transcripts and meta.csv into dir, which is
// created (0700) when missing; files are 0600. The same options give
// byte-identical files.
func Write(dir string, opts Options) (Stats, error) {
	if opts.Docs < 1 {
		return Stats{}, fmt.Errorf("gen: --docs must be at least 1")
	}
	if opts.MinWords <= 0 {
		opts.MinWords = 5000
	}
	if opts.MaxWords <= 0 {
		opts.MaxWords = 20000
	}
	if opts.MaxWords < opts.MinWords {
		return Stats{}, fmt.Errorf("gen: the largest length %d is under the smallest %d", opts.MaxWords, opts.MinWords)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Stats{}, fmt.Errorf("gen: %w", err)
	}
	m, err := newModels()
	if err != nil {
		return Stats{}, err
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x617661696e)) // "avain"
	var st Stats
	largest := 0
	rows := [][]string{{"file", "kind", "lang", "region", "age_group", "model", "role"}}
	for i := 1; i <= opts.Docs; i++ {
		d := m.plan(rng, i, opts)
		words, err := m.write(filepath.Join(dir, d.file), d, rand.New(rand.NewPCG(opts.Seed, uint64(i))))
		if err != nil {
			return st, err
		}
		fi, err := os.Stat(filepath.Join(dir, d.file))
		if err != nil {
			return st, fmt.Errorf("gen: %w", err)
		}
		st.Files++
		st.Words += words
		st.Bytes += fi.Size()
		if words > largest {
			largest, st.Largest = words, d.file
		}
		rows = append(rows, []string{d.file, d.kind, d.lang, d.region, d.age, d.model, d.role})
	}
	return st, writeCSV(filepath.Join(dir, "meta.csv"), rows)
}

func writeCSV(name string, rows [][]string) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return fmt.Errorf("gen: %s: %w", name, err)
	}
	return f.Close()
}

// Attribute values a document is given.
var (
	regions   = []string{"Kuopio", "Joensuu", "Tampere", "Rovaniemi", "Lahti", "Vantaa", "Oulu", "Turku", "Helsinki", "Jyväskylä"}
	ageGroups = []string{"18-24", "25-34", "35-49", "50-64", "65-"}
	collabs   = []string{"yhteinen palvelupiste", "konsultaatiopuhelin", "sähköinen viestintä", "ei säännöllistä yhteistyötä"}
	roles     = []string{"sosiaalityöntekijä", "sosiaaliohjaaja", "etuuskäsittelijä", "työllisyysasiantuntija", "asumisneuvoja"}
)

// docPlan is what one transcript will be.
type docPlan struct {
	n                                    int
	file, kind, lang, region, age, model string
	role                                 string
	words                                int
}

func (m *models) plan(rng *rand.Rand, n int, opts Options) docPlan {
	d := docPlan{n: n, region: pick(rng, regions), model: pick(rng, collabs), lang: "fi"}
	switch r := rng.IntN(100); {
	case r < 55:
		d.kind, d.age = "client", pick(rng, ageGroups)
	case r < 95:
		d.kind, d.role = "professional", pick(rng, roles)
	default:
		d.kind = "other"
	}
	if rng.IntN(100) < 15 {
		d.lang = "en"
	}
	// Most interviews are 5,000–15,000 words; one in four runs longer.
	span := opts.MaxWords - opts.MinWords
	d.words = opts.MinWords + rng.IntN(span/2+1)
	if rng.IntN(4) == 0 {
		d.words += rng.IntN(span/2 + 1)
	}
	prefix := map[string]string{"client": "asiakas", "professional": "ammattilainen", "other": "muu"}[d.kind]
	if d.lang == "en" {
		prefix = map[string]string{"client": "client", "professional": "professional", "other": "other"}[d.kind]
	}
	ext := ".txt"
	if rng.IntN(10) == 0 {
		ext = ".md"
	}
	d.file = fmt.Sprintf("%s_%05d_%s%s", prefix, n, strings.ToLower(asciiFold(d.region)), ext)
	return d
}

func pick(rng *rand.Rand, from []string) string { return from[rng.IntN(len(from))] }

// asciiFold replaces ä and ö for file names.
func asciiFold(s string) string {
	return strings.NewReplacer("ä", "a", "ö", "o", "å", "a", "Ä", "A", "Ö", "O").Replace(s)
}

// write writes the transcript of d and returns its number of words.
func (m *models) write(name string, d docPlan, rng *rand.Rand) (int, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return 0, fmt.Errorf("gen: %w", err)
	}
	w := bufio.NewWriterSize(f, 64<<10)
	ch := m.fi
	asker, teller := "H", "V"
	switch {
	case d.lang == "en":
		ch = m.en
		asker, teller = "Interviewer", "Participant"
		fmt.Fprintf(w, "Interview %d, %s, %s. All names and details are invented.\n\n", d.n, d.kind, d.region)
	case d.kind == "professional":
		asker, teller = "Haastattelija", capitalize(d.role)
		fmt.Fprintf(w, "Haastattelu %d, ammattilainen, %s. Keksitty haastattelu.\n\n", d.n, d.region)
	default:
		fmt.Fprintf(w, "Haastattelu %d, %s, %s. Keksitty haastattelu.\n\n", d.n, map[string]string{"client": "asiakas", "other": "muu"}[d.kind], d.region)
	}
	stamps := rng.IntN(2) == 0
	secs := 0
	words := 0
	for turn := 0; words < d.words; turn++ {
		speaker, size := teller, 20+rng.IntN(180)
		if turn%2 == 0 {
			speaker, size = asker, 5+rng.IntN(30)
		}
		size = max(1, min(size, d.words-words))
		text, n := ch.turn(rng, size, d.lang == "fi")
		words += n
		if stamps {
			fmt.Fprintf(w, "%s: [%02d:%02d:%02d] %s\n\n", speaker, secs/3600, secs/60%60, secs%60, text)
		} else {
			fmt.Fprintf(w, "%s: %s\n\n", speaker, text)
		}
		secs += n/3 + 2
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, fmt.Errorf("gen: %s: %w", name, err)
	}
	return words, f.Close()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// models are the two languages' chains.
type models struct{ fi, en *chain }

// newModels trains the chains on the embedded demo interviews.
func newModels() (*models, error) {
	m := &models{fi: newChain(), en: newChain()}
	for _, name := range demo.Transcripts() {
		data, err := demo.FS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		doc, err := transcript.Parse(path.Base(name), strings.TrimPrefix(path.Ext(name), "."), data)
		if err != nil {
			return nil, fmt.Errorf("gen: demo %s: %w", name, err)
		}
		c := m.fi
		if doc.Lang == "en" || strings.Contains(name, "_en.") {
			c = m.en
		}
		for _, t := range doc.Turns {
			if t.Speaker == "" {
				continue // a header: who, where, when
			}
			c.learn(cleanTurn(doc.TurnText(t)))
		}
	}
	if len(m.fi.next) == 0 || len(m.en.next) == 0 {
		return nil, fmt.Errorf("gen: the demo material has no turns to learn from")
	}
	return m, nil
}

// cleanTurn drops timestamps and bracketed notes from a turn's text.
func cleanTurn(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if strings.HasPrefix(w, "[") || strings.HasSuffix(w, "]") || strings.HasPrefix(w, "<") {
			continue
		}
		out = append(out, w)
	}
	return out
}
