package codebooks

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/toituavain/avain/coding"
)

func TestNames(t *testing.T) {
	if got, want := Names(), []string{"generic", "toituavain"}; !slices.Equal(got, want) {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
	if !slices.Contains(Names(), Default) {
		t.Fatalf("Default %q is not embedded", Default)
	}
}

func TestEmbeddedBooksValidate(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			b, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			if b.Name == "" || b.Description == "" {
				t.Errorf("name %q, description %q: want both", b.Name, b.Description)
			}
			if _, err := coding.NewCodebook(b.Codes); err != nil {
				t.Fatal(err)
			}
			for _, c := range b.Codes {
				if c.NameFi == "" || c.NameEn == "" || c.ShortDef == "" || c.WhenToUse == "" || c.Color == "" {
					t.Errorf("code %s (%s): want both names, a colour, a short definition and when to use", c.ID, c.NameFi)
				}
			}
		})
	}
}

func TestToituAvainContent(t *testing.T) {
	b, err := Load(Default)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Codes) < 40 {
		t.Errorf("toituavain has %d codes, want at least 40", len(b.Codes))
	}
	cb, err := coding.NewCodebook(b.Codes)
	if err != nil {
		t.Fatal(err)
	}
	for _, theme := range []string{"Bureaucracy traps", "Data transfer between agencies"} {
		t.Run(theme, func(t *testing.T) {
			c, err := cb.Resolve(theme)
			if err != nil {
				t.Fatal(err)
			}
			var walk func(id string) int
			walk = func(id string) int {
				n := 0
				for _, k := range cb.Children(id) {
					if k.WhenNotUse == "" || k.Example == "" {
						t.Errorf("%s: want when_not_to_use and an example", cb.PathString(k.ID, coding.LangEnglish))
					}
					n += 1 + walk(k.ID)
				}
				return n
			}
			if n := walk(c.ID); n < 4 {
				t.Errorf("theme has %d codes below it, want at least 4", n)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "mine.yml")
	data, err := files.ReadFile("generic.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("path", func(t *testing.T) {
		b, err := Load(file)
		if err != nil {
			t.Fatal(err)
		}
		if b.Name != "Generic" {
			t.Errorf("name %q, want Generic", b.Name)
		}
	})
	t.Run("unknown name", func(t *testing.T) {
		if _, err := Load("nosuch"); !errors.Is(err, coding.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		if _, err := Load(filepath.Join(dir, "nosuch.yaml")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("err = %v, want fs.ErrNotExist", err)
		}
	})
	t.Run("invalid file", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.yaml")
		if err := os.WriteFile(bad, []byte("codes:\n  - name_fi: x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(bad)
		var perr *Error
		if !errors.As(err, &perr) || !errors.Is(err, coding.ErrInvalid) || perr.Problems[0].File != bad {
			t.Errorf("err = %#v, want *Error for %s wrapping ErrInvalid", err, bad)
		}
	})
}
