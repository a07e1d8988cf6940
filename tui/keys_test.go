package tui

import (
	"fmt"
	"maps"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/toituavain/avain/pseudo"
)

// keyState is the workspace in one state of one screen, and the README
// table that lists the keys of that screen.
type keyState struct {
	name, table string
	m           Model
}

// keyStates brings the workspace into every state of every screen.
func keyStates(t *testing.T) []keyState {
	t.Helper()
	m0, _, _ := coder(t, 100, 30)
	hits := typeText(t, do(t, m0, "/"), "kela OR odotin")
	hits = do(t, hits, "enter")
	if len(hits.search.res.Hits) < 2 {
		t.Fatalf("search: %d hits", len(hits.search.res.Hits))
	}
	confirm := do(t, typeText(t, do(t, hits, "C"), "odot"), "enter")
	if confirm.search.code == nil {
		t.Fatal("C odot enter: no confirmation")
	}
	memo := do(t, m0, "M")
	findings := memo
	findings.memo.found, findings.memo.text = []pseudo.Finding{{Kind: "hetu"}}, "x"
	return []keyState{
		{"documents", "Keys in the documents list", do(t, m0, "D")},
		{"documents filter", "Keys in the documents list", do(t, m0, "D", "f")},
		{"documents filtered", "Keys in the documents list", do(t, m0, "D", "f", "0", "2", "enter")},
		{"reader", "Keys in the reader", do(t, m0, "]")},
		{"reader repeat", "Keys in the reader", do(t, m0, "1")},
		{"reader redo", "Keys in the reader", do(t, m0, "1", "u")},
		{"reader selecting", "Keys in the reader", do(t, m0, "]", "v")},
		{"reader pane", "Keys in the reader", do(t, m0, "]", "tab")},
		{"reader go to", "Keys in the reader", do(t, m0, ":")},
		{"reader picker", "Keys in the code picker", do(t, m0, "c")},
		{"codebook", "Keys in the codebook", do(t, m0, "B")},
		{"retrieval", "Keys in retrieval", do(t, m0, "B", "enter")},
		{"retrieval filter", "Keys in retrieval", do(t, m0, "B", "enter", "f")},
		{"retrieval filtered", "Keys in retrieval", do(t, m0, "B", "enter", "f", "k", "enter")},
		{"retrieval export", "Keys in retrieval", do(t, m0, "B", "enter", "x")},
		{"memos", "Keys in the memos view", do(t, m0, "O")},
		{"memos filter", "Keys in the memos view", do(t, m0, "O", "f")},
		{"memos filtered", "Keys in the memos view", do(t, m0, "O", "f", "k", "enter")},
		{"search query", "Keys in search", do(t, m0, "/")},
		{"search hits", "Keys in search", hits},
		{"search picker", "Keys in the code picker", do(t, hits, "c")},
		{"search confirm", "Keys in search", confirm},
		{"themes", "Keys in the themes view", do(t, m0, "T")},
		{"themes export", "Keys in the themes view", do(t, m0, "T", "x")},
		{"compare", "Keys in compare", do(t, m0, "C")},
		{"memo", "Keys in the memo editor", memo},
		{"memo findings", "Keys in the memo editor", findings},
	}
}

// screenBindings returns the bindings enabled in m's state: its full help
// (the one-line help and ctrl+c while a text field has the keys).
func screenBindings(m Model) []key.Binding {
	var bs []key.Binding
	if m.typing() {
		bs = append(m.ShortHelp(), m.keys.ForceQuit)
	} else {
		for _, col := range m.FullHelp() {
			bs = append(bs, col...)
		}
	}
	return slices.DeleteFunc(bs, func(b key.Binding) bool { return !b.Enabled() })
}

// fieldBindings returns the enabled bindings of the text field that has
// the keys in m's state, if any.
func fieldBindings(m Model) []key.Binding {
	var km any
	switch {
	case m.memo.IsOpen() && m.memo.found == nil:
		km = m.memo.ta.KeyMap
	case m.focus == screenDocuments && m.docs.filtering:
		km = m.docs.input.KeyMap
	case m.focus == screenReader && m.reader.pick != pickNone:
		km = m.reader.picker.input.KeyMap
	case m.focus == screenReader && m.reader.jumping:
		km = m.reader.jump.KeyMap
	case m.focus == screenSearch && m.search.pick != pickNone:
		km = m.search.picker.input.KeyMap
	case m.focus == screenSearch && m.search.typing && m.search.code == nil:
		km = m.search.input.KeyMap
	case m.focus == screenThemes && m.themes.asking:
		km = m.themes.input.KeyMap
	case m.focus == screenRetrieval && m.retrieval.filtering:
		km = m.retrieval.input.KeyMap
	case m.focus == screenRetrieval && m.retrieval.naming:
		km = m.retrieval.name.KeyMap
	case m.focus == screenMemos && m.memos.filtering:
		km = m.memos.input.KeyMap
	default:
		return nil
	}
	var bs []key.Binding
	v := reflect.ValueOf(km)
	for i := range v.NumField() {
		if b, ok := v.Field(i).Interface().(key.Binding); ok && b.Enabled() {
			bs = append(bs, b)
		}
	}
	return bs
}

// describe names a binding for a test's message.
func describe(b key.Binding) string {
	return fmt.Sprintf("%q (%s: %s)", b.Keys(), b.Help().Key, b.Help().Desc)
}

// TestNoTwoBindingsShareAKey: in every state of every screen, no key
// belongs to two of the bindings enabled there (the screen's, the global
// ones and those of the text field that has the keys), so that no binding
// shown in the help is shadowed by another.
func TestNoTwoBindingsShareAKey(t *testing.T) {
	for _, st := range keyStates(t) {
		t.Run(st.name, func(t *testing.T) {
			owner := map[string]key.Binding{}
			check := func(b key.Binding) {
				for _, k := range b.Keys() {
					if o, ok := owner[k]; ok && describe(o) != describe(b) {
						t.Errorf("%q is bound twice: %s and %s", k, describe(o), describe(b))
					}
					owner[k] = b
				}
			}
			screen := screenBindings(st.m)
			for _, b := range screen {
				check(b)
			}
			field := fieldBindings(st.m)
			for _, b := range field { // a field's own bindings may share keys among themselves
				for _, k := range b.Keys() {
					for _, s := range screen {
						if slices.Contains(s.Keys(), k) {
							t.Errorf("%q is bound by the screen, %s, and by its text field, %s", k, describe(s), describe(b))
						}
					}
				}
			}
		})
	}
}

// readmeKeyTables returns the key tables of README.md's section "### The
// terminal UI": each table's title (its first header cell) and the keys
// its rows name in backquotes.
func readmeKeyTables(t *testing.T) map[string][]string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n### The terminal UI\n")
	if !ok {
		t.Fatal("README.md has no section ### The terminal UI")
	}
	section, _, _ = strings.Cut(section, "\n### ")
	tables := map[string][]string{}
	title := ""
	quoted := regexp.MustCompile("`([^`]+)`")
	for _, l := range strings.Split(section, "\n") {
		switch {
		case !strings.HasPrefix(l, "|"):
			title = ""
		case title == "":
			title = strings.TrimSpace(strings.Split(l, "|")[1])
			tables[title] = []string{}
		default:
			for _, m := range quoted.FindAllStringSubmatch(l, -1) {
				tables[title] = append(tables[title], strings.Fields(m[1])...)
			}
		}
	}
	return tables
}

// TestReadmeNamesEveryBinding: README.md's key tables name every binding
// of every screen, in the screen's table or in "Keys everywhere", by one
// of its keys or its help key.
func TestReadmeNamesEveryBinding(t *testing.T) {
	tables := readmeKeyTables(t)
	everywhere, ok := tables["Keys everywhere"]
	if !ok {
		t.Fatalf("README.md has no table \"Keys everywhere\": %v", slices.Collect(maps.Keys(tables)))
	}
	for _, st := range keyStates(t) {
		t.Run(st.name, func(t *testing.T) {
			named, ok := tables[st.table]
			if !ok {
				t.Fatalf("README.md has no table %q", st.table)
			}
			named = append(slices.Clone(named), everywhere...)
			for _, b := range screenBindings(st.m) {
				ks := append(slices.Clone(b.Keys()), strings.Split(b.Help().Key, "/")...)
				if !slices.ContainsFunc(ks, func(k string) bool { return slices.Contains(named, k) }) {
					t.Errorf("README.md's table %q does not name %s", st.table, describe(b))
				}
			}
		})
	}
}
