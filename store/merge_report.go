package store

import "fmt"

// MergeCounts counts records of one kind a merge added, updated and
// deleted.
type MergeCounts struct {
	Added   int `json:"added"`
	Updated int `json:"updated"`
	Deleted int `json:"deleted"`
}

// MergeTally is what one source brought, for all coders or one.
type MergeTally struct {
	Documents  MergeCounts `json:"documents"`
	Attributes MergeCounts `json:"attributes"`
	Codes      MergeCounts `json:"codes"`
	Codings    MergeCounts `json:"codings"`
	Memos      MergeCounts `json:"memos"`
}

// of is the counts of the records of table.
func (t *MergeTally) of(table string) *MergeCounts {
	switch table {
	case "documents":
		return &t.Documents
	case "doc_attributes":
		return &t.Attributes
	case "codes":
		return &t.Codes
	case "codings":
		return &t.Codings
	}
	return &t.Memos
}

// Changed reports whether the tally counts anything.
func (t MergeTally) Changed() bool { return t != MergeTally{} }

// MergeConflict is a disagreement between copies and how it was resolved.
type MergeConflict struct {
	Kind       string `json:"kind"` // e.g. "code renamed", "attribute", "memo"
	Record     string `json:"record"`
	Detail     string `json:"detail"`
	Resolution string `json:"resolution"`
}

// String is the conflict in one line, as the report prints it.
func (c MergeConflict) String() string {
	return fmt.Sprintf("%s %s: %s; %s", c.Kind, c.Record, c.Detail, c.Resolution)
}

// SourceReport is what merging one source did.
type SourceReport struct {
	Source  string                 `json:"source"`
	Total   MergeTally             `json:"total"`
	ByCoder map[string]*MergeTally `json:"by_coder"`
	// Unified lists the source's documents that were found in the target
	// by content under another id.
	Unified   []string        `json:"unified_documents,omitempty"`
	Conflicts []MergeConflict `json:"conflicts,omitempty"`
	// AuditEntries is how many of the source's audit-log entries came in.
	AuditEntries int `json:"audit_entries"`
}

// MergeReport is what a merge did (or, dry, would do).
type MergeReport struct {
	Target  string          `json:"target"`
	DryRun  bool            `json:"dry_run"`
	Sources []*SourceReport `json:"sources"`
	// Repairs lists what the rules after unifying changed.
	Repairs []MergeConflict `json:"repairs,omitempty"`
	// Changed reports whether anything in the target changed.
	Changed bool `json:"changed"`
}

// ErrCodeNameClash: a source has a code with the same name under the same
// parent as a target code with another id.
var ErrCodeNameClash = fmt.Errorf("codes with the same name but different ids")

// tally counts, per coder and in all, the records that changed from prev
// to next.
func tally(prev, next mstate, byCoder map[string]*MergeTally, total *MergeTally) {
	for _, t := range mergeTables {
		for id, r := range next[t.name] { // counts: any order
			old, ok := prev[t.name][id]
			if ok && old.equal(r) {
				continue
			}
			if !ok && t.num(r, "deleted") != 0 {
				continue // history: made and deleted in the source, never seen here
			}
			coder := t.str(r, "coder")
			if byCoder[coder] == nil {
				byCoder[coder] = &MergeTally{}
			}
			for _, tl := range []*MergeTally{byCoder[coder], total} {
				c := tl.of(t.name)
				switch {
				case !ok:
					c.Added++
				case t.num(r, "deleted") != 0 && t.num(old, "deleted") == 0:
					c.Deleted++
				default:
					c.Updated++
				}
			}
		}
	}
}
