package main

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/toituavain/avain/tui"
)

// TestOpenHelpNamesTheKeys: avain open --help names every global key of
// the terminal UI, and the reader's and codebook's keys that make and
// change codes (T and C were missing), and every key of every screen as
// the screens' help shows it (O, and the retrieval, memos, themes and
// compare screens' keys were missing).
func TestOpenHelpNamesTheKeys(t *testing.T) {
	code, out, _ := avain(t, "open", "--help")
	if code != 0 {
		t.Fatalf("open --help: exit %d", code)
	}
	k := tui.DefaultKeyMap()
	ce := k.CodeEdit
	for _, b := range []key.Binding{k.Search, k.Codebook, k.Documents, k.Themes, k.Undo, k.Redo, k.Help, k.Quit, k.ForceQuit,
		k.Compare, k.Code, k.Select, k.InVivo, k.Remove, k.Recode, k.Memo, k.DocMemo, k.Repeat, k.GoTo,
		ce.New, ce.NewChild, ce.Rename, ce.Move, ce.Color, ce.Define, ce.Merge, ce.Delete} {
		name := b.Help().Key
		if !strings.Contains(out, " "+name+" ") {
			t.Errorf("avain open --help does not name %s (%s)", name, b.Help().Desc)
		}
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, s := range tui.KeySections(k) {
		if !strings.Contains(out, "  "+s.Name+" ") {
			t.Errorf("avain open --help has no line for the %s", s.Name)
		}
		for _, b := range s.Bindings {
			if h := b.Help(); !strings.Contains(flat, h.Key+" "+h.Desc) {
				t.Errorf("avain open --help does not name %s %s (%s)", h.Key, h.Desc, s.Name)
			}
		}
	}
}

// TestOpenRefusesAnUnknownLanguage: --lang names the language of the
// tables the UI saves, fi or en; anything else is a usage error before
// the project is opened (so a mistyped path is not what is reported).
func TestOpenRefusesAnUnknownLanguage(t *testing.T) {
	code, out, errOut := avain(t, "open", "nosuch.avain", "--lang", "sv")
	if code != 2 || !strings.Contains(errOut, "--lang is fi or en") || strings.Contains(errOut, "nosuch") {
		t.Errorf("open --lang sv: exit %d, %q %q", code, out, errOut)
	}
	if code, out, _ := avain(t, "open", "--help"); code != 0 || !strings.Contains(out, "--lang") {
		t.Errorf("open --help does not name --lang:\n%s", out)
	}
}
