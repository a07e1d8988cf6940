package main

import (
	"io"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
)

// escaper passes text through to w with every character that could act on
// a terminal (control characters other than line feeds and tabs, bidi
// controls, bytes that are not UTF-8) written as a visible escape such as
// \x1b or \u202e (coding.EscapeText). It guards every text output of a
// command, so that names and memos an older avain stored unchecked cannot
// rewrite the user's terminal. It is never put in front of an output that
// may be binary (an export to standard output).
type escaper struct {
	w       io.Writer
	pending []byte // the start of a character split across writes
}

func (x *escaper) Write(p []byte) (int, error) {
	buf := append(x.pending, p...)
	x.pending = nil
	end := len(buf)
	// Hold back an incomplete last character for the next write.
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-utf8.UTFMax; i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				end = i
			}
			break
		}
	}
	x.pending = append([]byte(nil), buf[end:]...)
	if _, err := io.WriteString(x.w, coding.EscapeText(string(buf[:end]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// flush writes what an incomplete character held back.
func (x *escaper) flush() {
	if len(x.pending) > 0 {
		io.WriteString(x.w, coding.EscapeText(string(x.pending)))
		x.pending = nil
	}
}
