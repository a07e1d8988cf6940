//go:build darwin || freebsd || linux || netbsd || windows

package voikko

import (
	"fmt"
	"sync"
	"unsafe"

	"github.com/ebitengine/purego"
)

// capi holds the libvoikko functions avain calls. Strings passed in end in
// NUL so that purego does not copy them; strings returned are copied and
// freed by the caller.
type capi struct {
	init             func(errOut **byte, lang string, path *byte) uintptr
	terminate        func(h uintptr)
	analyzeWord      func(h uintptr, word *byte) unsafe.Pointer
	freeAnalysis     func(list unsafe.Pointer)
	analysisValue    func(a unsafe.Pointer, key string) *byte
	freeAnalysisCstr func(s *byte)
}

var (
	libOnce sync.Once
	lib     *capi
	libErr  error
)

// loadLib loads libvoikko and binds its functions, once per process.
func loadLib() (*capi, error) {
	libOnce.Do(func() {
		h, err := dlopen(libraryNames())
		if err != nil {
			libErr = fmt.Errorf("%w: %v", ErrUnavailable, err)
			return
		}
		defer func() {
			// RegisterLibFunc panics on a missing symbol (a very old libvoikko).
			if r := recover(); r != nil {
				lib, libErr = nil, fmt.Errorf("%w: %v", ErrUnavailable, r)
			}
		}()
		c := &capi{}
		purego.RegisterLibFunc(&c.init, h, "voikkoInit")
		purego.RegisterLibFunc(&c.terminate, h, "voikkoTerminate")
		purego.RegisterLibFunc(&c.analyzeWord, h, "voikkoAnalyzeWordCstr")
		purego.RegisterLibFunc(&c.freeAnalysis, h, "voikko_free_mor_analysis")
		purego.RegisterLibFunc(&c.analysisValue, h, "voikko_mor_analysis_value_cstr")
		purego.RegisterLibFunc(&c.freeAnalysisCstr, h, "voikko_free_mor_analysis_value_cstr")
		lib = c
	})
	return lib, libErr
}

// goString copies the NUL-terminated C string at p.
func goString(p *byte) string {
	if p == nil {
		return ""
	}
	n := 0
	for *(*byte)(unsafe.Add(unsafe.Pointer(p), n)) != 0 {
		n++
	}
	return string(unsafe.Slice(p, n))
}

// cInit opens a libvoikko handle for lang.
func (c *capi) open(lang string) (uintptr, error) {
	var msg *byte
	h := c.init(&msg, lang+"\x00", nil)
	if h == 0 {
		return 0, fmt.Errorf("%w: %s", ErrUnavailable, goString(msg))
	}
	return h, nil
}

// analyze runs voikkoAnalyzeWordCstr on word and copies the results.
func (c *capi) analyze(h uintptr, word string) []Analysis {
	buf := make([]byte, len(word)+1)
	copy(buf, word)
	list := c.analyzeWord(h, &buf[0])
	if list == nil {
		return nil
	}
	defer c.freeAnalysis(list)
	var out []Analysis
	for i := 0; ; i++ {
		a := *(*unsafe.Pointer)(unsafe.Add(list, i*int(unsafe.Sizeof(uintptr(0)))))
		if a == nil {
			break
		}
		out = append(out, Analysis{
			BaseForm:   c.value(a, "BASEFORM\x00"),
			Class:      c.value(a, "CLASS\x00"),
			Structure:  c.value(a, "STRUCTURE\x00"),
			WordBases:  c.value(a, "WORDBASES\x00"),
			Participle: c.value(a, "PARTICIPLE\x00"),
		})
	}
	return out
}

// value reads one key of an analysis.
func (c *capi) value(a unsafe.Pointer, key string) string {
	p := c.analysisValue(a, key)
	if p == nil {
		return ""
	}
	s := goString(p)
	c.freeAnalysisCstr(p)
	return s
}
