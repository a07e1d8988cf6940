package tui

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// benchWords is a fictional interviewee's vocabulary, inflected.
var benchWords = strings.Fields(`hakemus hakemuksen hakemusta Kela Kelan Kelasta kunnan kunnasta sosiaalityöntekijä
	sosiaalityöntekijän toimeentulotuki toimeentulotuen toimeentulotukea liite liitteitä liitteet odotin odotimme
	viikkoja kuukauden päätös päätöksen päätöstä soitin asiakaspalveluun kukaan vastasi ja mutta kun että ei en
	tiennyt mitään asiasta lopulta sitten vielä kerran uudestaan tietoja tiedot siirtyvät siirtyivät palvelu
	palvelut palveluiden välillä yhteistyö yhteistyötä lomake lomakkeen täytin täyttää vuokra vuokran maksu
	maksusitoumus lääkäri lääkärin työkkäri TE-toimisto omaishoitaja lapset lapsen koulu asunto asunnon`)

// benchColors are the bench codes' colours.
var benchColors = []string{"#e06666", "#3c78d8", "#6aa84f", "#f1c232", "#8e7cc3",
	"#e69138", "#45818e", "#c27ba0", "#999999", "#134f5c"}

// The bench document matches the largest of bench/run.sh's corpus: about
// 18,000 words and 3,750 codings.
const benchWordCount, benchCodings = 18000, 3750

// benchDoc writes a project holding one fictional transcript of about
// words words in turns of 20–200 words, with a codebook of ten codes in
// ten colours and n codings spread over it: as avain-bench plans them,
// three in four code a whole turn, the rest a part of one.
func benchDoc(b *testing.B, words, n int) (*project.Project, *coding.Document) {
	b.Helper()
	ctx := context.Background()
	p, err := project.Create(ctx, filepath.Join(b.TempDir(), "bench.avain"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { p.Close() })
	rng := rand.New(rand.NewPCG(1, 2))
	var turns [][2]string
	for w, i := 0, 0; w < words; i++ {
		k := 20 + rng.IntN(180)
		var sb strings.Builder
		for j := range k {
			if j > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(benchWords[rng.IntN(len(benchWords))])
			if rng.IntN(12) == 0 {
				sb.WriteString(".")
			}
		}
		sb.WriteString(".")
		sp := "H"
		if i%2 == 1 {
			sp = "V"
		}
		turns = append(turns, [2]string{sp, sb.String()})
		w += k
	}
	doc := turnsDoc("pitka-haastattelu", coding.KindClient, turns)
	if err := p.ImportDocument(ctx, doc, "bench"); err != nil {
		b.Fatal(err)
	}
	var codes []*coding.Code
	for i := range 10 {
		c := &coding.Code{NameFi: "Koodi " + string(rune('A'+i)), Color: benchColors[i],
			Shortcut: string(rune('0' + (i+1)%10))}
		if err := p.AddCode(ctx, c, "bench"); err != nil {
			b.Fatal(err)
		}
		codes = append(codes, c)
	}
	for i := range n {
		t := doc.Turns[rng.IntN(len(doc.Turns))]
		start, end := t.Start, t.End
		if rng.IntN(4) == 0 {
			start += rng.IntN((end - start) / 2)
			end = min(end, start+1+rng.IntN(end-start))
		}
		c := &coding.Coding{Record: coding.Record{Coder: "bench"}, DocumentID: doc.ID,
			CodeID: codes[i%len(codes)].ID, Start: start, End: end}
		if _, err := p.AddCoding(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
	return p, doc
}

// openBench returns a workspace of 120×40 with doc open.
func openBench(b *testing.B, p *project.Project, doc *coding.Document) Model {
	m := New(p, "bench", "bench")
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = next.(Model)
	next, cmd := m.Update(openAtMsg{DocID: doc.ID, Pos: 0})
	m = next.(Model)
	for _, msg := range runAll(cmd) {
		next, _ = m.Update(msg)
		m = next.(Model)
	}
	if m.reader.Document() == nil {
		b.Fatal("no document open")
	}
	if len(m.reader.runs) == 0 || !strings.Contains(m.View().Content, "48;2;") {
		b.Fatal("the coded text is not highlighted")
	}
	return m
}

// runAll runs cmd and the commands of its batches, returning their messages.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runAll(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

// BenchmarkReaderOpen measures opening an 18,000-word transcript with
// 3,750 codings: reading it, its codings and the codebook from SQLite,
// wrapping it, finding its coded runs, and drawing the first screen.
func BenchmarkReaderOpen(b *testing.B) {
	p, doc := benchDoc(b, benchWordCount, benchCodings)
	b.ResetTimer()
	for b.Loop() {
		m := openBench(b, p, doc)
		_ = m.View()
	}
}

// BenchmarkReaderKeystroke measures Update+View per keystroke on an
// 18,000-word transcript with 3,750 codings, their text highlighted:
// moving by line, word, sentence, turn and page, selecting, and applying
// a code (the write itself runs in a command, outside the keystroke). It
// reports the p50 and p99 of one keystroke.
func BenchmarkReaderKeystroke(b *testing.B) {
	p, doc := benchDoc(b, benchWordCount, benchCodings)
	m := openBench(b, p, doc)
	keys := []string{"j", "j", "w", "w", ")", "]", "v", "w", ")", "1", "pgdown", "b", "(", "[", "k", "v", "j", "esc", "G", "g"}
	msgs := make([]tea.KeyPressMsg, len(keys))
	for i, k := range keys {
		msgs[i] = press(k)
	}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	i := 0
	for b.Loop() {
		start := time.Now()
		next, _ := m.Update(msgs[i%len(msgs)])
		m = next.(Model)
		_ = m.View()
		times = append(times, time.Since(start))
		i++
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkReaderApplyCode measures the whole of coding a turn by its
// shortcut on the 18,000-word transcript: the keystroke, the write through
// the coding engine, and the reload and redraw that show the new stripe.
func BenchmarkReaderApplyCode(b *testing.B) {
	p, doc := benchDoc(b, benchWordCount, benchCodings)
	m := openBench(b, p, doc)
	b.ResetTimer()
	for b.Loop() {
		next, cmd := m.Update(press("]"))
		m = next.(Model)
		next, cmd = m.Update(press("1"))
		m = next.(Model)
		for _, msg := range runAll(cmd) {
			next, cmd = m.Update(msg)
			m = next.(Model)
			for _, msg := range runAll(cmd) {
				next, _ = m.Update(msg)
				m = next.(Model)
			}
		}
		_ = m.View()
	}
}
