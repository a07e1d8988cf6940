// Command finnish-pairs turns Finnish text into (base form, inflected form)
// pairs with Voikko, the test data that measures how well Finnish search
// finds inflected forms from a base-form query.
//
// Usage, from the repository root:
//
//	go run ./scripts/finnish-pairs [-o pairs.tsv] [-c compounds.tsv] [FILE...]
//
// Without FILE arguments it reads ../shared/seeds/*.txt,
// search/finnish/testdata/domain_fi.txt and demo/transcripts/* when present.
// Text is split into words as bleve's Unicode tokenizer does. Every word whose
// lowercase Voikko base form differs from the lowercase word gives a pair;
// pairs are deduplicated, sorted and written as "base<TAB>inflected". The
// compound file lists "base<TAB>part,part" for each compound base form: the
// parts Voikko gives for the base form and for its inflected forms.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	tokenizer "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/toituavain/avain/voikko"
)

func main() {
	out := flag.String("o", "search/finnish/testdata/pairs.tsv", "pairs output file")
	compOut := flag.String("c", "search/finnish/testdata/compounds.tsv", "compound parts output file")
	flag.Parse()
	if err := run(flag.Args(), *out, *compOut); err != nil {
		fmt.Fprintln(os.Stderr, "finnish-pairs:", err)
		os.Exit(1)
	}
}

// defaultInputs lists the files read when none are named.
func defaultInputs() []string {
	var files []string
	for _, pattern := range []string{"../shared/seeds/*.txt", "search/finnish/testdata/domain_fi.txt", "demo/transcripts/*"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	return files
}

func run(files []string, out, compOut string) error {
	if len(files) == 0 {
		files = defaultInputs()
	}
	if len(files) == 0 {
		return fmt.Errorf("no input files")
	}
	v, err := voikko.Open("fi")
	if err != nil {
		return err
	}
	defer v.Close()

	pairs := map[string]bool{}
	compounds := map[string]string{}
	tok := tokenizer.NewUnicodeTokenizer()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for _, t := range tok.Tokenize(data) {
			word := strings.ToLower(string(t.Term))
			if !hasLetter(word) {
				continue
			}
			for _, base := range v.BaseForms(word) {
				if base == word {
					continue
				}
				pairs[base+"\t"+word] = true
				parts := v.CompoundParts(base)
				for _, p := range v.CompoundParts(word) {
					if !slices.Contains(parts, p) {
						parts = append(parts, p)
					}
				}
				if len(parts) > 1 {
					compounds[base] = strings.Join(parts, ",")
				}
			}
		}
	}
	if err := writeLines(out, slices.Sorted(maps.Keys(pairs))); err != nil {
		return err
	}
	var comp []string
	for base, parts := range compounds {
		comp = append(comp, base+"\t"+parts)
	}
	slices.Sort(comp)
	if err := writeLines(compOut, comp); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%d files, %d pairs -> %s, %d compounds -> %s\n", len(files), len(pairs), out, len(comp), compOut)
	return nil
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

func writeLines(path string, lines []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, l := range lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
