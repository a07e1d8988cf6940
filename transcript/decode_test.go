package transcript

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16Bytes(s string, little bool) []byte {
	out := []byte{0xFE, 0xFF}
	if little {
		out = []byte{0xFF, 0xFE}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if little {
			out = append(out, byte(u), byte(u>>8))
		} else {
			out = append(out, byte(u>>8), byte(u))
		}
	}
	return out
}

func TestDecodeText(t *testing.T) {
	const want = "H: Hyvää päivää, Åsa.\nV: Päivää."
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"utf8", []byte(want), want},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, want...), want},
		{"utf16le bom", utf16Bytes(want, true), want},
		{"utf16be bom", utf16Bytes(want, false), want},
		{"utf16 astral", utf16Bytes("V: 🙂 hyvä", true), "V: 🙂 hyvä"},
		{"windows-1252", []byte("H: Hyv\xe4\xe4 p\xe4iv\xe4\xe4, \xc5sa.\nV: P\xe4iv\xe4\xe4."), want},
		{"windows-1252 quotes and dash", []byte("V: \x93kyll\xe4\x94 \x96 \xd6hman\xa0sanoi"), "V: “kyllä” – Öhman\u00a0sanoi"},
		{"crlf", []byte("H: Hyvää päivää, Åsa.\r\nV: Päivää.\r\n"), want},
		{"lone cr", []byte("H: Hyvää päivää, Åsa.\rV: Päivää.\r"), want},
		{"nfd becomes nfc", []byte("H: Hyva\u0308a\u0308 pa\u0308iva\u0308a\u0308, A\u030asa.\nV: Pa\u0308iva\u0308a\u0308."), want},
		{"trailing space trimmed", []byte(want + " \n\t\n\n"), want},
		{"leading lines kept", []byte("\n\n" + want), "\n\n" + want},
		{"bom inside utf16", utf16Bytes("\uFEFF"+want, true), want},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, "txt", tt.data)
			if doc.Text != tt.want {
				t.Errorf("Text = %q, want %q", doc.Text, tt.want)
			}
		})
	}
}

func TestDecodeTextErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		kind error
		msg  string
	}{
		{"empty", nil, ErrEmpty, "empty file"},
		{"white space only", []byte(" \r\n\t\n  "), ErrEmpty, "no text"},
		{"bom only", []byte{0xEF, 0xBB, 0xBF}, ErrEmpty, "no text"},
		{"nul bytes", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary, "NUL"},
		{"control bytes", []byte("\x01\x02\x03\x04\x05abc\x06\x07\x08\x0e\x0f"), ErrBinary, "control"},
		{"nul in utf16", utf16Bytes("ab\x00cd", true), ErrBinary, "NUL"},
		{"undefined windows-1252 byte", []byte("V: hyv\xe4 \x81 juttu"), ErrEncoding, "undecodable bytes at offset 8"},
		{"undefined 0x9d", []byte("\x9d"), ErrEncoding, "offset 0"},
		{"utf16 odd length", append(utf16Bytes("abc", true), 'x'), ErrEncoding, "odd number"},
		{"utf16 lone surrogate", []byte{0xFF, 0xFE, 'a', 0, 0x00, 0xD8, 'b', 0}, ErrEncoding, "offset 4"},
		{"invalid utf8 after bom", []byte("\xEF\xBB\xBFhyv\xe4"), ErrEncoding, "invalid UTF-8 at offset 6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.txt", "txt", tt.data)
			if !errors.Is(err, tt.kind) {
				t.Fatalf("err = %v, want %v", err, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q, want one line with %q", err, tt.msg)
			}
		})
	}
}
