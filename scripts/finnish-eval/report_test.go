package main

import (
	"strings"
	"testing"
)

func TestByFrequency(t *testing.T) {
	rs := []queryResult{{Relevant: 1, RelevantFound: 1}, {Relevant: 4}, {Relevant: 2, RelevantFound: 2}, {Relevant: 9, RelevantFound: 3}}
	rows := byFrequency(rs)
	got := []int{rows[0].Queries, rows[1].Queries, rows[2].Queries}
	if got[0] != 1 || got[1] != 2 || got[2] != 1 || rows[1].RecallMicro != 2.0/6 || rows[2].RecallMicro != 3.0/9 {
		t.Errorf("rows = %+v", rows)
	}
}

// TestReportShape checks the text report of two made-up modes: the tables,
// the worst lists and the summary lines the README quotes.
func TestReportShape(t *testing.T) {
	results := []queryResult{
		{Query: "talo", POS: "NOUN", Relevant: 4, Found: 5, RelevantFound: 3, CompoundFound: 1, Unrelated: 1,
			Missed: []string{"talossa"}, UnrelatedWords: []string{"tali"}, UnrelatedBy: map[string]int{causeAmbiguous: 1},
			First: 5, FirstRelevant: 3, FirstCompound: 1},
		{Query: "juosta", POS: "VERB", Relevant: 2, Found: 1, RelevantFound: 1, Missed: []string{"juossut"},
			First: 1, FirstRelevant: 1},
	}
	last := []queryResult{{Query: "talo", POS: "NOUN", Relevant: 2, RelevantFound: 1, Missed: []string{"kerrostalossa"}}}
	mk := func(mode string) report {
		return report{Mode: mode, Analysis: mode + "-9", Voikko: mode == "voikko", Sentences: 3, Documents: 1,
			Rows: byPOS(results), ByFrequency: byFrequency(results), LastPart: sumUp("compound last part", last),
			Queries: results, LastParts: last}
	}
	var b strings.Builder
	if err := printReport(&b, "x/tb.conllu", []report{mk("voikko"), mk("fallback")}, 5); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Finnish search on tb.conllu: 3 sentences imported as 1 transcripts, a sentence a turn\n",
		"Queries: 2 lemmas (NOUN 1, VERB 1, ADJ 0, PROPN 0, ADV 0); 1 compound last parts\n",
		"== with Voikko (analysis voikko-9) ==\n",
		"== without Voikko (analysis fallback-9) ==\n",
		"all                       2        6      6   0.667 0.625  0.667 0.800  0.833 0.900  0.50       0.833 0.900\n",
		"compound last part        1        2      -   0.500 0.500\n",
		"  juosta                 VERB    1/2    juossut\n",
		"  talo                   NOUN    1/5    tali\n",
		"  talo                   NOUN    1/2    kerrostalossa\n",
		"\nSummary\nwith Voikko: recall 0.667 (macro 0.625), verbs 0.500, precision 0.667 (macro 0.800), " +
			"compound-tolerant 0.833 (macro 0.900), 0.50 unrelated turns per query, compound last part 0.500\n" +
			"  first 20 hits: precision 0.667 (macro 0.800), compound-tolerant 0.833 (macro 0.900)\n" +
			"  unrelated turns by cause: query word inflected 0, ambiguous text word 1, compound part 0, participle's verb 0, other 0\n" +
			"without Voikko: recall 0.667",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	b.Reset()
	noVoikko := mk("voikko")
	noVoikko.Voikko = false
	if err := printReport(&b, "tb.conllu", []report{noVoikko, mk("fallback")}, 5); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "not measured: Voikko is not installed") || strings.Contains(out, "\nwith Voikko:") {
		t.Errorf("without Voikko installed, the report is:\n%s", out)
	}
}
