//go:build windows

package voikko

import (
	"errors"
	"syscall"
)

// libraryNames lists the file names tried, in order, when loading libvoikko.
func libraryNames() []string { return []string{"libvoikko-1.dll", "voikko.dll"} }

// dlopen loads the first library of names that Windows finds.
func dlopen(names []string) (uintptr, error) {
	var errs []error
	for _, name := range names {
		h, err := syscall.LoadLibrary(name)
		if err == nil {
			return uintptr(h), nil
		}
		errs = append(errs, err)
	}
	return 0, errors.Join(errs...)
}
