package search

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/search/finnish"
)

// mappingVersion names this file's mapping and the way turns become bleve
// documents; change it whenever either changes, so old indexes are rebuilt.
const mappingVersion = "m1"

// Field names of a turn document.
const (
	fieldFI      = "fi"      // Finnish turn text, analysed with the Finnish analysis
	fieldEN      = "en"      // English turn text, analysed with bleve's "en"
	fieldText    = "text"    // query-only alias: both fi and en
	fieldDoc     = "doc"     // document ID
	fieldName    = "name"    // document name
	fieldKind    = "kind"    // interview kind
	fieldSpeaker = "speaker" // turn speaker
	fieldLang    = "lang"    // document language
	fieldTurn    = "turn"    // turn number (numeric)
	fieldStart   = "start"   // turn's code-point offset in the document (stored only)
	fieldCode    = "code"    // reserved: codes applied to the turn
)

// keywordAnalyzer indexes a whole value as one lower-cased term, so that
// region:kuopio and region:Kuopio both match "Kuopio".
const keywordAnalyzer = "avain_keyword"

// reserved are field names document attributes may not take.
var reserved = map[string]bool{
	fieldFI: true, fieldEN: true, fieldText: true, fieldDoc: true, fieldName: true,
	fieldKind: true, fieldSpeaker: true, fieldLang: true, fieldTurn: true,
	fieldStart: true, fieldCode: true,
}

// storedFields are the fields a hit is built from.
var storedFields = []string{fieldFI, fieldEN, fieldDoc, fieldName, fieldKind, fieldSpeaker, fieldLang, fieldTurn, fieldStart}

// newMapping returns the index mapping. Turns are indexed with
// IndexAdvanced (see turnDoc.document), so the mapping's job is the query
// side: the analyzer of each field, and for any other field (a document
// attribute) the keyword analyzer.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	if err := im.AddCustomAnalyzer(keywordAnalyzer, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []any{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = keywordAnalyzer
	im.DefaultField = fieldFI
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false

	text := func(analyzer string) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store, f.IncludeTermVectors = true, true
		f.IncludeInAll, f.DocValues = false, false
		return f
	}
	keyword := func(docValues bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keywordAnalyzer
		f.IncludeTermVectors, f.IncludeInAll = false, false
		f.DocValues = docValues
		return f
	}
	dm := mapping.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldFI, text(finnish.AnalyzerName()))
	dm.AddFieldMappingsAt(fieldEN, text(en.AnalyzerName))
	for _, f := range []string{fieldDoc, fieldKind, fieldSpeaker, fieldLang, fieldCode} {
		dm.AddFieldMappingsAt(f, keyword(false))
	}
	dm.AddFieldMappingsAt(fieldName, keyword(true))
	turn := mapping.NewNumericFieldMapping()
	turn.IncludeInAll = false
	dm.AddFieldMappingsAt(fieldTurn, turn)
	im.DefaultMapping = dm
	return im, im.Validate()
}

// analyzers are the analyzers turn documents are built with, resolved once
// per open index from its mapping.
type analyzers struct {
	fi, en, keyword analysis.Analyzer
}

func newAnalyzers(m mapping.IndexMapping) analyzers {
	return analyzers{
		fi:      m.AnalyzerNamed(finnish.AnalyzerName()),
		en:      m.AnalyzerNamed(en.AnalyzerName),
		keyword: m.AnalyzerNamed(keywordAnalyzer),
	}
}

// turnDoc is what the index holds about one turn. To index another property
// (the codes applied to a turn, say), add a field here and a line in
// document.
type turnDoc struct {
	DocID, Name, Kind, Lang string
	Turn                    int
	Speaker                 string
	Start                   int    // code-point offset of the turn in the document
	Text                    string // the turn's text
	Attrs                   map[string]string
	Codes                   []string // reserved; not filled yet
}

// turnID is the bleve document ID of turn n of document docID.
func turnID(docID string, n int) string { return docID + "/" + strconv.Itoa(n) }

// eachTurnDoc calls fn with the turn document of each turn of d, in one
// pass over its text, stopping at fn's first error. The turnDoc is reused.
func eachTurnDoc(d *coding.Document, fn func(*turnDoc) error) error {
	t := turnDoc{DocID: d.ID, Name: d.Name, Kind: d.Kind, Lang: d.Lang, Attrs: d.Attrs}
	return eachTurnText(d, func(i int, text string) error {
		tn := d.Turns[i]
		t.Turn, t.Speaker, t.Start, t.Text = tn.N, tn.Speaker, tn.Start, text
		return fn(&t)
	})
}

// eachTurnText calls fn with the text of every turn of d in one pass over
// its text (d.TurnText for each would take time quadratic in the text's
// length).
func eachTurnText(d *coding.Document, fn func(i int, text string) error) error {
	b, r := 0, 0 // byte offset in d.Text and the code points before it
	advance := func(to int) int {
		for r < to && b < len(d.Text) {
			_, size := utf8.DecodeRuneInString(d.Text[b:])
			b += size
			r++
		}
		return b
	}
	for i, t := range d.Turns {
		var text string
		if t.Start < r || t.End < t.Start { // out of order: the slow way
			text = d.TurnText(t)
		} else {
			start := advance(t.Start)
			text = d.Text[start:advance(t.End)]
		}
		if err := fn(i, text); err != nil {
			return err
		}
	}
	return nil
}

const (
	textOpts    = index.IndexField | index.StoreField | index.IncludeTermVectors
	keywordOpts = index.IndexField | index.StoreField
)

// document builds the bleve document of t.
func (t *turnDoc) document(a analyzers) *document.Document {
	d := document.NewDocument(turnID(t.DocID, t.Turn))
	kw := func(name, value string, opts index.FieldIndexingOptions) {
		d.AddField(document.NewTextFieldCustom(name, nil, []byte(value), opts, a.keyword))
	}
	if t.Lang == coding.LangEnglish {
		d.AddField(document.NewTextFieldCustom(fieldEN, nil, []byte(t.Text), textOpts, a.en))
	} else {
		d.AddField(document.NewTextFieldCustom(fieldFI, nil, []byte(t.Text), textOpts, a.fi))
	}
	kw(fieldDoc, t.DocID, keywordOpts)
	kw(fieldName, t.Name, keywordOpts|index.DocValues)
	kw(fieldKind, t.Kind, keywordOpts)
	kw(fieldLang, t.Lang, keywordOpts)
	kw(fieldSpeaker, t.Speaker, keywordOpts)
	d.AddField(document.NewNumericFieldWithIndexingOptions(fieldTurn, nil, float64(t.Turn), keywordOpts|index.DocValues))
	d.AddField(document.NewNumericFieldWithIndexingOptions(fieldStart, nil, float64(t.Start), index.StoreField))
	for k, v := range t.Attrs {
		if name := attrField(k); name != "" {
			kw(name, v, index.IndexField)
		}
	}
	for _, c := range t.Codes {
		kw(fieldCode, c, index.IndexField)
	}
	return d
}

// attrField is the field name of document attribute k: lower-cased, or ""
// when k is empty or would clash with a field of the index.
func attrField(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	if k == "" || reserved[k] || strings.HasPrefix(k, "_") {
		return ""
	}
	return k
}

// Mapping returns the mapping avain's index is built with: its fields and
// their analyzers. The benchmarks index the same text with it through
// bleve's own API, as the floor avain's import is measured against.
func Mapping() (*mapping.IndexMappingImpl, error) { return newMapping() }
