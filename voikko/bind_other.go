//go:build !(darwin || freebsd || linux || netbsd || windows)

package voikko

// capi is empty where purego cannot load libraries.
type capi struct{}

func loadLib() (*capi, error) { return nil, ErrUnavailable }

func (c *capi) open(string) (uintptr, error) { return 0, ErrUnavailable }

func (c *capi) analyze(uintptr, string) []Analysis { return nil }

func (c *capi) terminate(uintptr) {}
