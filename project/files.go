package project

import "os"

// removeProject removes a project file with its WAL, shared memory and index.
func removeProject(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
	os.RemoveAll(IndexDir(path))
}
