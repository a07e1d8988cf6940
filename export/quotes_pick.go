package export

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Pick orders: the quotations in document order, or by their length.
const (
	PickFirst    = "first"
	PickLongest  = "longest"
	PickShortest = "shortest"
)

// pick is a parsed --pick: an order and the attribute values a
// quotation's document must have (any of an attribute's values, every
// attribute named).
type pick struct {
	order  string
	values map[string][]string
	names  []string // the attributes of values, in the order given
}

// parsePick reads first, longest, shortest or ATTR=VALUE, several
// separated by commas (longest,kind=client).
func parsePick(s string) (pick, error) {
	p := pick{order: PickFirst, values: map[string][]string{}}
	orders := 0
	for _, part := range strings.Split(s, ",") {
		part = norm.NFC.String(strings.TrimSpace(part))
		name, value, ok := strings.Cut(part, "=")
		switch {
		case part == "":
		case !ok && slices.Contains([]string{PickFirst, PickLongest, PickShortest}, part):
			p.order = part
			orders++
		case !ok:
			return pick{}, fmt.Errorf("--pick %q: use first, longest, shortest or ATTR=VALUE (such as kind=client)", part)
		case strings.TrimSpace(name) == "" || strings.TrimSpace(value) == "":
			return pick{}, fmt.Errorf("--pick %q: an attribute and a value, such as kind=client", part)
		default:
			name, value = strings.TrimSpace(name), strings.TrimSpace(value)
			if _, seen := p.values[name]; !seen {
				p.names = append(p.names, name)
			}
			p.values[name] = append(p.values[name], value)
		}
	}
	if orders > 1 {
		return pick{}, fmt.Errorf("--pick %q: give one of first, longest and shortest", s)
	}
	return p, nil
}

// check refuses an attribute no document has, or a value none has, naming
// those there are.
func (p pick) check(d *data) error {
	for _, name := range p.names {
		if !d.hasAttr(name) {
			return fmt.Errorf("--pick: no document has the attribute %q (there are: %s)", name, strings.Join(d.attrNames(), ", "))
		}
		have := map[string]bool{}
		for _, s := range d.docs {
			have[attrs(s)[name]] = true
		}
		for _, v := range p.values[name] {
			if !have[v] {
				var there []string
				for h := range have {
					if h != "" {
						there = append(there, h)
					}
				}
				sort.Strings(there)
				return fmt.Errorf("--pick: no document has %s=%s (there are: %s)", name, v, strings.Join(there, ", "))
			}
		}
	}
	return nil
}

// apply keeps the quotations whose document has the values asked for,
// orders them (within each --by group) and keeps at most n of each group
// (of the code without --by; all when 0).
func (p pick) apply(qs []*quoteAt, n int) []*quoteAt {
	out := make([]*quoteAt, 0, len(qs))
	for _, q := range qs {
		if p.keeps(q) {
			out = append(out, q)
		}
	}
	if p.order != PickFirst {
		sort.SliceStable(out, func(i, j int) bool {
			a, b := out[i], out[j]
			if a.groupKey != b.groupKey {
				return a.groupKey < b.groupKey
			}
			la, lb := a.end-a.start, b.end-b.start // code points: the text's length
			if p.order == PickLongest {
				return la > lb
			}
			return la < lb
		})
	}
	if n <= 0 {
		return out
	}
	kept, inGroup := make([]*quoteAt, 0, len(out)), 0
	for i, q := range out {
		if i > 0 && q.groupKey != out[i-1].groupKey {
			inGroup = 0
		}
		if inGroup < n {
			kept = append(kept, q)
		}
		inGroup++
	}
	return kept
}

func (p pick) keeps(q *quoteAt) bool {
	for _, name := range p.names {
		if !slices.Contains(p.values[name], q.attrs[name]) {
			return false
		}
	}
	return true
}
