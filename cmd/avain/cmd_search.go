package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/toituavain/avain/search"
	"github.com/toituavain/avain/search/finnish"
)

func searchCmd() *command {
	c := &command{name: "search", args: "PROJECT QUERY [--limit N] [--json]", summary: "full-text search of the speaker turns"}
	c.help = `QUERY means what web and library search mean:
  kela päätös             turns with both words: every word is required
  kela OR kunta           turns with either word
  kela OR kunta päätös    OR joins its two neighbours: (kela or kunta) and päätös
  (kela päätös) OR kunta  parentheses group
  kela -päätös            kela but not päätös (also: kela NOT päätös)
  "samoja liitteitä"      the words side by side, as a phrase
  kind:client kela        field:value terms filter, without changing the order
                          of the hits: kind, speaker, lang, doc (ID or name),
                          name, turn and every document attribute (region:Kuopio);
                          -speaker:H excludes; filters alone list every turn
                          that passes them
Inside a term bleve's syntax holds: wildcards toimeentulo*, fuzzy terms tuki~1,
/regexp/, ranges turn:>3, boosts kela^2; +word is accepted (it is the default).
Put -- before a query that starts with -: avain search P -- -speaker:H kela
Finnish words are matched by their base form: toimeentulotuki finds
toimeentulotuen and toimeentulotukea.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		limit := fs.Int("limit", 20, "show at most N hits")
		asJSON := fs.Bool("json", false, "print JSON: an array of hits")
		pos, err := parse(fs, args)
		var ue usageError
		if errors.As(err, &ue) && strings.HasPrefix(ue.msg, "flag provided but not defined: -") {
			return usagef("%s (a query that starts with - follows --: avain search PROJECT -- -speaker:H kela)", ue.msg)
		}
		if err != nil {
			return err
		}
		if len(pos) < 2 {
			return usagef("need a project and a query")
		}
		if *limit < 1 {
			return usagef("--limit must be at least 1")
		}
		p, prog, err := openProject(ctx, e, pos[0])
		if err != nil {
			return err
		}
		defer p.Close()
		ix, err := p.Index(ctx)
		prog.clear()
		if err != nil {
			return err
		}
		res, err := ix.Search(ctx, strings.Join(pos[1:], " "), *limit)
		ix.Close() // a writer in another process waits while it is open
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(e, jsonHits(res.Hits))
		}
		if n := finnish.Notice(); n != "" {
			fmt.Fprintln(e.stderr, "note:", n)
		}
		open, close := "«", "»"
		if e.ttyOut {
			open, close = "\033[1;4m", "\033[0m"
		}
		for _, h := range res.Hits {
			speaker := h.Speaker
			if speaker == "" {
				speaker = "-"
			}
			fmt.Fprintf(e.stdout, "%s  turn %d  %s  [%d:%d]\n    %s\n", h.DocName, h.Turn, speaker, h.Start, h.End,
				markSnippet(h.Snippet, h.Marks, open, close))
		}
		fmt.Fprintf(e.stdout, "%d hits", res.Total)
		if uint64(len(res.Hits)) < res.Total {
			fmt.Fprintf(e.stdout, ", %d shown (--limit)", len(res.Hits))
		}
		fmt.Fprintln(e.stdout)
		if res.Total == 0 && lowerOperator(pos[1:]) {
			fmt.Fprintln(e.stderr, "hint: OR, AND and NOT are operators in capitals only; in lower case they are words to find")
		}
		if res.Total == 0 {
			if h := filterHint(ctx, p, strings.Join(pos[1:], " ")); h != "" {
				fmt.Fprintln(e.stderr, "hint:", h)
			}
		}
		return nil
	}
	return c
}

// jsonHit is one hit of search --json.
type jsonHit struct {
	Doc     string  `json:"doc"`
	DocID   string  `json:"doc_id"`
	Turn    int     `json:"turn"`
	Speaker string  `json:"speaker"`
	Kind    string  `json:"kind"`
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Score   float64 `json:"score"`
	// Snippet is the passage around the match, each matched word in «».
	Snippet string `json:"snippet"`
}

func jsonHits(hits []search.Hit) []jsonHit {
	out := make([]jsonHit, 0, len(hits))
	for _, h := range hits {
		out = append(out, jsonHit{Doc: h.DocName, DocID: h.DocID, Turn: h.Turn, Speaker: h.Speaker, Kind: h.Kind,
			Start: h.Start, End: h.End, Score: h.Score, Snippet: markSnippet(h.Snippet, h.Marks, "«", "»")})
	}
	return out
}

// markSnippet wraps the code-point spans marks of s in open and close.
func markSnippet(s string, marks [][2]int, open, close string) string {
	if len(marks) == 0 {
		return oneLine(s)
	}
	r := []rune(s)
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if m[0] < at || m[1] > len(r) || m[0] >= m[1] {
			continue
		}
		b.WriteString(string(r[at:m[0]]))
		b.WriteString(open)
		b.WriteString(string(r[m[0]:m[1]]))
		b.WriteString(close)
		at = m[1]
	}
	b.WriteString(string(r[at:]))
	return strings.Join(strings.Fields(b.String()), " ")
}

// lowerOperator reports whether a query's words hold or, and or not in
// lower case between other words: meant as operators, most likely.
func lowerOperator(words []string) bool {
	fields := strings.Fields(strings.Join(words, " "))
	for i := 1; i+1 < len(fields); i++ {
		switch fields[i] {
		case "or", "and", "not":
			return true
		}
	}
	return false
}
