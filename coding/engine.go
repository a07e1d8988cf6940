package coding

import (
	"context"
	"fmt"
	"strings"
)

// Repository is what the coding rules need from storage; package store
// implements it.
type Repository interface {
	Document(ctx context.Context, ref string) (*Document, error)
	Codebook(ctx context.Context) (*Codebook, error)
	Coding(ctx context.Context, id string) (*Coding, error)
	// AddCoding stores c unless the same coder applied the same code to the
	// same span already; then it fills c with that coding and created is false.
	AddCoding(ctx context.Context, c *Coding) (created bool, err error)
	// SetCodingDeleted tombstones a coding, or brings it back for undo.
	SetCodingDeleted(ctx context.Context, id, coder string, deleted bool) (*Coding, error)
}

// Selection says what to code: a whole turn (Turn > 0) or a span.
type Selection struct {
	Turn int
	Span Span
}

// SpanIn resolves the selection against doc: a turn's span, or the span
// itself after checking it lies inside the text and is not empty.
func (s Selection) SpanIn(doc *Document) (Span, error) {
	if s.Turn != 0 {
		return doc.TurnSpan(s.Turn)
	}
	if err := ValidateSpan(s.Span.Start, s.Span.End, RuneLen(doc.Text)); err != nil {
		return Span{}, fmt.Errorf("document %s: %w", doc.Name, err)
	}
	return s.Span, nil
}

// NewCoding makes (but does not store) a coding of code on span of doc by
// coder, checking every rule: a known live code, a non-empty span inside
// the text, a coder.
func NewCoding(doc *Document, code *Code, span Span, coder, memo string) (*Coding, error) {
	if code == nil || code.Deleted {
		return nil, fmt.Errorf("%w: no such code", ErrNotFound)
	}
	if strings.TrimSpace(coder) == "" {
		return nil, fmt.Errorf("%w: a coding needs a coder", ErrInvalid)
	}
	if err := ValidateSpan(span.Start, span.End, RuneLen(doc.Text)); err != nil {
		return nil, fmt.Errorf("document %s: %w", doc.Name, err)
	}
	return &Coding{Record: Record{Coder: coder}, DocumentID: doc.ID, CodeID: code.ID, Start: span.Start, End: span.End, Memo: memo}, nil
}

// Engine applies and removes codings by the rules, for the command line
// and the terminal UI alike.
type Engine struct{ Repo Repository }

// Apply codes the selection of the document docRef (a name or id) with
// codeRef (an id, a Finnish or English name, or a path Theme/Code). When
// the same coder already applied that code to that span, it returns the
// existing coding and created false.
func (e Engine) Apply(ctx context.Context, docRef string, sel Selection, codeRef, coder, memo string) (c *Coding, created bool, err error) {
	doc, err := e.Repo.Document(ctx, docRef)
	if err != nil {
		return nil, false, err
	}
	cb, err := e.Repo.Codebook(ctx)
	if err != nil {
		return nil, false, err
	}
	code, err := cb.Resolve(codeRef)
	if err != nil {
		return nil, false, err
	}
	return e.ApplyTo(ctx, doc, code, sel, coder, memo)
}

// ApplyTo is Apply for a document and code already loaded.
func (e Engine) ApplyTo(ctx context.Context, doc *Document, code *Code, sel Selection, coder, memo string) (*Coding, bool, error) {
	span, err := sel.SpanIn(doc)
	if err != nil {
		return nil, false, err
	}
	c, err := NewCoding(doc, code, span, coder, memo)
	if err != nil {
		return nil, false, err
	}
	created, err := e.Repo.AddCoding(ctx, c)
	return c, created, err
}

// Remove tombstones a coding.
func (e Engine) Remove(ctx context.Context, codingID, coder string) (*Coding, error) {
	return e.Repo.SetCodingDeleted(ctx, codingID, coder, true)
}

// Restore brings a removed coding back (the inverse of Remove, for undo).
func (e Engine) Restore(ctx context.Context, codingID, coder string) (*Coding, error) {
	return e.Repo.SetCodingDeleted(ctx, codingID, coder, false)
}
