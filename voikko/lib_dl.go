//go:build darwin || freebsd || linux || netbsd

package voikko

import (
	"errors"
	"runtime"

	"github.com/ebitengine/purego"
)

// libraryNames lists the file names tried, in order, when loading libvoikko.
func libraryNames() []string {
	if runtime.GOOS == "darwin" {
		return []string{"libvoikko.1.dylib", "libvoikko.dylib",
			"/opt/homebrew/lib/libvoikko.1.dylib", "/usr/local/lib/libvoikko.1.dylib"}
	}
	return []string{"libvoikko.so.1", "libvoikko.so"}
}

// dlopen loads the first library of names that the dynamic loader finds.
func dlopen(names []string) (uintptr, error) {
	var errs []error
	for _, name := range names {
		h, err := purego.Dlopen(name, purego.RTLD_NOW|purego.RTLD_GLOBAL)
		if err == nil {
			return h, nil
		}
		errs = append(errs, err)
	}
	return 0, errors.Join(errs...)
}
