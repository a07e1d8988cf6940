package finnish

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// TokenizerName is the name of the tokenizer registered with bleve: the
// Unicode word tokenizer with hyphenated compounds kept whole.
const TokenizerName = "avain_fi_tokenizer"

// hyphenTokenizer splits text into words as bleve's Unicode tokenizer does,
// but keeps a hyphenated compound ("kuorma-auto", "vapaa-ajattelija",
// "1960-luvulla") as one token: Finnish writes a compound with a hyphen
// where its parts meet on the same vowel or one part is a name, an
// abbreviation or a number, and it inflects only the last part.
type hyphenTokenizer struct{ words *unicode.UnicodeTokenizer }

func newHyphenTokenizer() *hyphenTokenizer {
	return &hyphenTokenizer{words: unicode.NewUnicodeTokenizer()}
}

// Tokenize implements analysis.Tokenizer. Positions count the tokens kept.
func (t *hyphenTokenizer) Tokenize(input []byte) analysis.TokenStream {
	ts := t.words.Tokenize(input)
	out := ts[:0]
	for _, tok := range ts {
		if n := len(out); n > 0 && joinedByHyphen(input, out[n-1], tok) {
			prev := out[n-1]
			prev.End = tok.End
			prev.Term = input[prev.Start:prev.End]
			if tok.Type != analysis.Numeric {
				prev.Type = tok.Type
			}
			continue
		}
		tok.Position = len(out) + 1
		out = append(out, tok)
	}
	return out
}

// joinedByHyphen reports whether a and b are written with one hyphen
// between them and nothing else.
func joinedByHyphen(input []byte, a, b *analysis.Token) bool {
	between := input[a.End:b.Start]
	return isHyphen(string(between))
}

// isHyphen reports whether s is a hyphen: hyphen-minus, Unicode hyphen or
// non-breaking hyphen.
func isHyphen(s string) bool {
	return s == "-" || s == "\u2010" || s == "\u2011"
}

// hyphenHalves returns the parts of a hyphenated word ("kuorma", "auto"),
// or nil when word has no hyphen between letters.
func hyphenHalves(word string) []string {
	var out []string
	start := 0
	for i, r := range word {
		if isHyphen(string(r)) {
			if i > start {
				out = append(out, word[start:i])
			}
			start = i + len(string(r))
		}
	}
	if out == nil {
		return nil
	}
	if start < len(word) {
		out = append(out, word[start:])
	}
	return out
}
