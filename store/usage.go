package store

import (
	"context"

	"github.com/toituavain/avain/coding"
)

// CodeCounts counts every code's live codings, passages and documents as
// coding.CountCodes defines them (a code counts its child codes too), and
// the totals over the codebook.
func (s *Store) CodeCounts(ctx context.Context) (map[string]coding.CodeCounts, coding.CodeCounts, error) {
	cb, err := s.Codebook(ctx)
	if err != nil {
		return nil, coding.CodeCounts{}, err
	}
	cs, err := s.Codings(ctx, coding.CodingFilter{Bare: true})
	if err != nil {
		return nil, coding.CodeCounts{}, err
	}
	counts, total := coding.CountCodes(cb, cs)
	return counts, total, nil
}
