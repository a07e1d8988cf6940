package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A query is read in two steps. splitQuery cuts it into terms and the
// operators between them (OR, AND, NOT, parentheses), and parseClauses
// builds a tree of them; each term is then parsed by bleve's query-string
// parser on its own (see buildTerm), so that everything inside a term
// (field:value, "phrase", wildcards, ~fuzzy, /regexp/, ranges, ^boost) keeps
// bleve's syntax.

// tokenKind is what a token of a query is.
type tokenKind int

const (
	tokTerm  tokenKind = iota // a term, in bleve's syntax
	tokOr                     // OR
	tokAnd                    // AND
	tokNot                    // NOT
	tokOpen                   // ( opening a group
	tokClose                  // ) closing a group
)

// token is one term or operator of a query; sign is '+', '-' or 0 for a
// term or an opening parenthesis.
type token struct {
	kind tokenKind
	sign rune
	text string
}

// splitQuery cuts q into tokens: terms at white space outside quotes and
// backslash escapes, OR, AND and NOT in capitals as operators, a ( at a
// term's start and a ) at its end as parentheses.
func splitQuery(q string) ([]token, error) {
	var out []token
	i := 0
	for i < len(q) {
		r, size := utf8.DecodeRuneInString(q[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		var sign rune
		if r == '+' || r == '-' {
			sign = r
			i++
			if i == len(q) || startsWithSpace(q[i:]) {
				return nil, badQuery("%c must be followed by a word, as in +kela or -speaker:H", sign)
			}
		}
		if q[i] == '(' {
			out = append(out, token{kind: tokOpen, sign: sign})
			i++
			continue
		}
		end := termEnd(q, i)
		text := q[i:end]
		i = end
		closes := 0
		for strings.HasSuffix(text, ")") && !escapedAt(text, len(text)-1) {
			text, closes = text[:len(text)-1], closes+1
		}
		switch {
		case text == "" && sign != 0:
			return nil, badQuery("%c must be followed by a word, as in +kela or -speaker:H", sign)
		case text == "":
		case sign == 0 && text == "OR":
			out = append(out, token{kind: tokOr, text: text})
		case sign == 0 && text == "AND":
			out = append(out, token{kind: tokAnd, text: text})
		case sign == 0 && text == "NOT":
			out = append(out, token{kind: tokNot, text: text})
		case text == "||" || text == "|":
			return nil, badQuery("%s is not an operator here: write OR, as in kela OR kunta", text)
		case text == "&&":
			return nil, badQuery("%s is not an operator here: words are all required, as in kela päätös (AND may be written)", text)
		case strings.HasPrefix(text, "!"):
			return nil, badQuery("%s: ! is not an operator here: write -word or NOT word, as in kela -päätös", text)
		default:
			out = append(out, token{kind: tokTerm, sign: sign, text: text})
		}
		for ; closes > 0; closes-- {
			out = append(out, token{kind: tokClose})
		}
	}
	return out, nil
}

// startsWithSpace reports whether s starts with white space.
func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// termEnd returns the byte offset in q where the term starting at i ends:
// at white space that is neither escaped nor inside a phrase. A quote opens
// a phrase at the term's start or after ':', '>', '<' or '=', as in bleve's
// lexer; elsewhere it is part of the word.
func termEnd(q string, i int) int {
	start, phrase, esc := i, false, false
	for i < len(q) {
		r, size := utf8.DecodeRuneInString(q[i:])
		switch {
		case esc:
			esc = false
		case r == '\\':
			esc = true
		case r == '"' && phrase:
			phrase = false
		case r == '"' && (i == start || strings.ContainsRune(":><=", rune(q[i-1]))):
			phrase = true
		case unicode.IsSpace(r) && !phrase:
			return i
		}
		i += size
	}
	return i
}

// escapedAt reports whether the byte at i of s follows an odd number of
// backslashes.
func escapedAt(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// clauseOp is what a node of a parsed query does with its children.
type clauseOp int

const (
	opTerm clauseOp = iota // a term of bleve's syntax
	opAll                  // every child required (the default between terms)
	opAny                  // any child (OR)
)

// clause is a node of a parsed query.
type clause struct {
	op   clauseOp
	neg  bool      // excluded: -term, NOT term, -( … )
	text string    // a term's text, without its sign
	kids []*clause // the children of a group
}

// clauseParser builds the tree of a query's tokens: a sequence of
// alternatives joined by OR, each an optionally negated term or group.
type clauseParser struct {
	toks []token
	at   int
}

// parseClauses parses tokens into a tree whose root is an opAll group.
func parseClauses(toks []token) (*clause, error) {
	p := &clauseParser{toks: toks}
	root, err := p.all()
	if err != nil {
		return nil, err
	}
	if p.at < len(p.toks) { // only a ')' stops all() early
		return nil, badQuery("a ) closes no (")
	}
	if len(root.kids) == 0 {
		return nil, badQuery("empty query")
	}
	return root, nil
}

// all parses alternatives up to a ')' or the end.
func (p *clauseParser) all() (*clause, error) {
	g := &clause{op: opAll}
	for p.at < len(p.toks) {
		switch p.toks[p.at].kind {
		case tokClose:
			return g, nil
		case tokAnd:
			if len(g.kids) == 0 || p.at+1 == len(p.toks) || p.toks[p.at+1].kind == tokClose {
				return nil, badQuery("AND must stand between two terms, as in kela AND päätös")
			}
			p.at++
			continue
		case tokOr:
			return nil, badQuery("OR must stand between two terms, as in kela OR kunta")
		}
		c, err := p.any()
		if err != nil {
			return nil, err
		}
		g.kids = append(g.kids, c)
	}
	return g, nil
}

// any parses one or more unary clauses joined by OR.
func (p *clauseParser) any() (*clause, error) {
	first, err := p.unary()
	if err != nil {
		return nil, err
	}
	alt := []*clause{first}
	for p.at < len(p.toks) && p.toks[p.at].kind == tokOr {
		p.at++
		if p.at == len(p.toks) || p.toks[p.at].kind != tokTerm && p.toks[p.at].kind != tokOpen {
			return nil, badQuery("OR must stand between two terms, as in kela OR kunta")
		}
		c, err := p.unary()
		if err != nil {
			return nil, err
		}
		alt = append(alt, c)
	}
	if len(alt) == 1 {
		return first, nil
	}
	for _, c := range alt {
		if c.neg {
			return nil, badQuery("an excluded term cannot be one side of OR; write kela -kunta, or -(kela OR kunta)")
		}
	}
	return &clause{op: opAny, kids: alt}, nil
}

// unary parses a term or a parenthesised group, with its sign or NOT.
func (p *clauseParser) unary() (*clause, error) {
	neg := false
	if p.toks[p.at].kind == tokNot {
		p.at++
		if p.at == len(p.toks) || p.toks[p.at].kind != tokTerm && p.toks[p.at].kind != tokOpen {
			return nil, badQuery("NOT must be followed by a term, as in kela NOT kunta")
		}
		neg = true
	}
	t := p.toks[p.at]
	p.at++
	neg = neg != (t.sign == '-')
	if t.kind == tokTerm {
		return &clause{op: opTerm, neg: neg, text: t.text}, nil
	}
	// t opens a group
	g, err := p.all()
	if err != nil {
		return nil, err
	}
	if p.at == len(p.toks) {
		return nil, badQuery("a ( is not closed")
	}
	p.at++ // the ')'
	if len(g.kids) == 0 {
		return nil, badQuery("( ) holds nothing to search for")
	}
	g.neg = neg
	return g, nil
}
