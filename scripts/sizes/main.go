// Command sizes keeps avain's code in pieces a reader can hold: it reports
// the largest non-test Go files (in lines) and functions (in lines, func
// literals inside them included) of the module, and fails when a file is
// over -max-file lines or a function over -max-func lines. scripts/test
// runs it.
//
//	go run ./scripts/sizes [-max-file 600] [-max-func 100] [-top 5] [DIR]
package main

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// piece is a file or a function and its length in lines.
type piece struct {
	name  string
	lines int
}

func main() {
	maxFile := flag.Int("max-file", 600, "most lines a non-test Go file may have")
	maxFunc := flag.Int("max-func", 100, "most lines a non-test function may have")
	top := flag.Int("top", 5, "how many of the largest to report")
	flag.Parse()
	root := "."
	if flag.NArg() > 0 {
		root = flag.Arg(0)
	}
	files, funcs, err := measure(root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sizes:", err)
		os.Exit(2)
	}
	over := report("files", files, *maxFile, *top)
	over += report("functions", funcs, *maxFunc, *top)
	if over > 0 {
		os.Exit(1)
	}
}

// measure walks root's non-test Go files, skipping hidden folders and
// testdata.
func measure(root string) (files, funcs []piece, err error) {
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		files = append(files, piece{rel, bytes.Count(src, []byte("\n"))})
		f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			n := fset.Position(fd.End()).Line - fset.Position(fd.Pos()).Line + 1
			funcs = append(funcs, piece{rel + ": " + funcName(fd), n})
		}
		return nil
	})
	return files, funcs, err
}

// funcName is a function's name, with its receiver's type for a method.
func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if g, ok := t.(*ast.IndexExpr); ok {
		t = g.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fd.Name.Name
	}
	return fd.Name.Name
}

// report prints the largest pieces and every one over max, and returns how
// many are over.
func report(what string, ps []piece, max, top int) int {
	slices.SortFunc(ps, func(a, b piece) int {
		return cmp.Or(cmp.Compare(b.lines, a.lines), cmp.Compare(a.name, b.name))
	})
	over := 0
	for _, p := range ps {
		if p.lines > max {
			over++
		}
	}
	fmt.Printf("largest %s (limit %d lines):\n", what, max)
	for i, p := range ps {
		if i >= top && p.lines <= max {
			break
		}
		mark := ""
		if p.lines > max {
			mark = "  OVER"
		}
		fmt.Printf("  %5d  %s%s\n", p.lines, p.name, mark)
	}
	if over > 0 {
		fmt.Fprintf(os.Stderr, "sizes: %d %s over %d lines\n", over, what, max)
	}
	return over
}
