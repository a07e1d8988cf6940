package voikko

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// ErrUnavailable reports that libvoikko or its dictionary for the language
// is not installed, or that AVAIN_NO_VOIKKO=1 turned Voikko off.
var ErrUnavailable = errors.New("voikko: not available")

// EnvDisable is the environment variable that, set to 1, turns Voikko off.
const EnvDisable = "AVAIN_NO_VOIKKO"

// maxWordBytes bounds the words sent to libvoikko (it refuses words over
// 255 characters anyway).
const maxWordBytes = 255 * 4

// cacheLimit is the number of distinct words whose analyses are kept before
// the cache is emptied.
const cacheLimit = 100_000

// Analysis is one morphological reading of a word.
type Analysis struct {
	BaseForm  string // BASEFORM, e.g. "toimeentulotuki" for "toimeentulotuen"
	Class     string // CLASS, e.g. "nimisana", "teonsana", "sukunimi"
	Structure string // STRUCTURE, e.g. "=ppppppppppp=pppp"
	WordBases string // WORDBASES, e.g. "+toimeentulo(toimeentulo)+tuki(tuki)"
	// Participle is PARTICIPLE ("past_passive", "present_active", "agent",
	// ...) when the word is a participle of a verb, else "".
	Participle string
}

// Voikko is an open libvoikko instance. It is safe for concurrent use: calls
// into libvoikko are serialised and their results cached.
type Voikko struct {
	c *capi

	mu    sync.Mutex
	h     uintptr
	cache map[string][]Analysis
}

// Disabled reports whether AVAIN_NO_VOIKKO turns Voikko off.
func Disabled() bool {
	v := os.Getenv(EnvDisable)
	return v != "" && v != "0" && !strings.EqualFold(v, "false")
}

// Open loads libvoikko and its dictionary for lang ("fi"). The error wraps
// ErrUnavailable when either is missing or Voikko is disabled.
func Open(lang string) (*Voikko, error) {
	if Disabled() {
		return nil, fmt.Errorf("%w: turned off by %s", ErrUnavailable, EnvDisable)
	}
	c, err := loadLib()
	if err != nil {
		return nil, err
	}
	h, err := c.open(lang)
	if err != nil {
		return nil, err
	}
	return &Voikko{c: c, h: h, cache: make(map[string][]Analysis)}, nil
}

// Close releases the libvoikko instance; v must not be used afterwards.
func (v *Voikko) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.h != 0 {
		v.c.terminate(v.h)
		v.h = 0
	}
	v.cache = nil
	return nil
}

// Analyze returns Voikko's readings of word (none for an unknown word). The
// returned slice is shared with the cache and must not be modified.
func (v *Voikko) Analyze(word string) []Analysis {
	if word == "" || len(word) > maxWordBytes || !utf8.ValidString(word) ||
		strings.IndexByte(word, 0) >= 0 {
		return nil
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if as, ok := v.cache[word]; ok {
		return as
	}
	if v.h == 0 {
		return nil
	}
	as := v.c.analyze(v.h, word)
	if len(v.cache) >= cacheLimit {
		clear(v.cache)
	}
	v.cache[word] = as
	return as
}

// BaseForms returns the distinct lowercase base forms of word, in Voikko's
// order; none for an unknown word.
func (v *Voikko) BaseForms(word string) []string {
	var out []string
	for _, a := range v.Analyze(word) {
		if a.BaseForm != "" {
			if b := strings.ToLower(a.BaseForm); !slices.Contains(out, b) {
				out = append(out, b)
			}
		}
	}
	return out
}
