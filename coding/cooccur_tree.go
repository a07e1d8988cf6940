package coding

// CooccurrenceTree counts, for every pair of codes, where both occur, each
// code carrying its subtree, as the frequencies count a theme: unit turn,
// the turns where a coding of each code's subtree overlaps (the diagonal:
// the turns with a coding of the subtree); unit overlap, the pairs of two
// distinct overlapping codings, one in each code's subtree (the diagonal:
// the subtree's codings). A code's subtree is taken within cb.
func CooccurrenceTree(cb *Codebook, turns map[string][]Turn, codings []*Coding, unit string) CoMatrix {
	m := CoMatrix{Unit: unit}
	index := map[string]int{}
	for _, c := range cb.Codes() {
		index[c.ID] = len(m.Codes)
		m.Codes = append(m.Codes, c.ID)
	}
	m.Counts = make([][]int, len(m.Codes))
	for i := range m.Counts {
		m.Counts[i] = make([]int, len(m.Codes))
	}
	carries := map[string][]int{} // a code: it and its ancestors, as indexes
	byDoc := map[string][]*Coding{}
	for _, c := range codings {
		i, ok := index[c.CodeID]
		if _, has := turns[c.DocumentID]; !ok || !has {
			continue
		}
		if carries[c.CodeID] == nil {
			up := []int{i}
			for _, a := range cb.Ancestors(c.CodeID) {
				up = append(up, index[a])
			}
			carries[c.CodeID] = up
		}
		byDoc[c.DocumentID] = append(byDoc[c.DocumentID], c)
	}
	for doc, cs := range byDoc {
		if unit == UnitOverlap {
			countOverlapTree(m.Counts, cs, carries)
			continue
		}
		for _, t := range turns[doc] {
			span := Span{t.Start, t.End}
			var here []int
			seen := map[int]bool{}
			for _, c := range cs {
				if !c.Span().Overlaps(span) {
					continue
				}
				for _, i := range carries[c.CodeID] {
					if !seen[i] {
						seen[i] = true
						here = append(here, i)
					}
				}
			}
			for _, i := range here {
				for _, j := range here {
					m.Counts[i][j]++
				}
			}
		}
	}
	return m
}

// countOverlapTree adds one document's codings cs to counts by the
// overlap unit, each coding counted for its code and the ancestors
// carries lists: a pair of overlapping codings counts once for each
// unordered pair of different codes they carry.
func countOverlapTree(counts [][]int, cs []*Coding, carries map[string][]int) {
	for i, a := range cs {
		for _, x := range carries[a.CodeID] {
			counts[x][x]++
		}
		for _, b := range cs[i+1:] {
			if !a.Span().Overlaps(b.Span()) {
				continue
			}
			pairs := map[[2]int]bool{}
			for _, x := range carries[a.CodeID] {
				for _, y := range carries[b.CodeID] {
					if x != y {
						pairs[[2]int{min(x, y), max(x, y)}] = true
					}
				}
			}
			for p := range pairs {
				counts[p[0]][p[1]]++
				counts[p[1]][p[0]]++
			}
		}
	}
}
