package export

// heading is one heading of a quotation report above a code's
// quotations: its level (2 for a theme), its name and colour ("" for a
// code named only as the parent of one shown).
type heading struct {
	Level       int
	Name, Color string
}

// codeHeadings are the headings to write before code c of theme t, after
// the headings of the code before it (shown, its path; nil at the theme):
// each of its parent codes not yet headed, then its own, one level below
// its parent's, so that the levels never skip (## theme, ### subtheme,
// #### code, even when the subtheme has no quotations of its own).
// Levels stop at 6, the deepest HTML and Markdown have.
func codeHeadings(t QuoteTheme, c QuoteCode, shown []string) []heading {
	if c.Code.ID == t.Code.ID {
		return nil
	}
	var out []heading
	for d := 1; d < len(c.Code.Path); d++ {
		if d < len(shown) && samePath(shown[:d+1], c.Code.Path[:d+1]) && d < len(c.Code.Path)-1 {
			continue // the parent's heading is above already
		}
		h := heading{Level: min(2+d, 6), Name: c.Code.Path[d]}
		if d == len(c.Code.Path)-1 {
			h.Color = c.Code.Color
		}
		out = append(out, h)
	}
	return out
}

// samePath reports whether two paths of code names are the same.
func samePath(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
