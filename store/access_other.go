//go:build !unix

package store

func checkWritable(string) error { return nil }
