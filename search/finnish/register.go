package finnish

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
)

func init() {
	must(registry.RegisterTokenFilter(VoikkoFilter, voikkoFilterConstructor(true)))
	must(registry.RegisterTokenFilter(VoikkoQueryFilter, voikkoFilterConstructor(false)))
	must(registry.RegisterTokenFilter(FallbackFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return NewFallbackTokenFilter(true), nil
	}))
	must(registry.RegisterTokenFilter(FallbackQueryFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return NewFallbackTokenFilter(false), nil
	}))
	must(registry.RegisterTokenizer(TokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return newHyphenTokenizer(), nil
	}))
	must(registry.RegisterAnalyzer(VoikkoAnalyzer, analyzerConstructor(VoikkoFilter)))
	must(registry.RegisterAnalyzer(VoikkoQueryAnalyzer, analyzerConstructor(VoikkoQueryFilter)))
	must(registry.RegisterAnalyzer(FallbackAnalyzer, analyzerConstructor(FallbackFilter)))
	must(registry.RegisterAnalyzer(FallbackQueryAnalyzer, analyzerConstructor(FallbackQueryFilter)))
}

// must panics on a registration error (a name registered twice).
func must(err error) {
	if err != nil {
		panic(err)
	}
}

// voikkoFilterConstructor builds a Voikko filter over the shared Voikko
// instance; it fails with voikko.ErrUnavailable when Voikko is missing.
func voikkoFilterConstructor(parts bool) registry.TokenFilterConstructor {
	return func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		v, err := sharedVoikko()
		if err != nil {
			return nil, err
		}
		return NewVoikkoTokenFilter(v, parts), nil
	}
}

// analyzerConstructor builds tokenizer (Unicode words, hyphenated compounds
// whole) + lowercase + filter. No stop words are removed: a base-form search
// for any word must work.
func analyzerConstructor(filter string) registry.AnalyzerConstructor {
	return func(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
		tok, err := cache.TokenizerNamed(TokenizerName)
		if err != nil {
			return nil, err
		}
		lower, err := cache.TokenFilterNamed(lowercase.Name)
		if err != nil {
			return nil, err
		}
		f, err := cache.TokenFilterNamed(filter)
		if err != nil {
			return nil, err
		}
		return &analysis.DefaultAnalyzer{
			Tokenizer:    tok,
			TokenFilters: []analysis.TokenFilter{lower, f},
		}, nil
	}
}
