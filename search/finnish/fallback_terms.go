package finnish

// fallbackTerms gives the terms the fallback analysis indexes (index set)
// or searches for a lowercase word. Without a dictionary a word's ending
// can be read two ways: as an inflection ("kunnassa": kunta + ssa) or as
// part of a base form ("sauna", "harkintavalta"). The index side holds the
// key of both readings; the query side, where a researcher types a base
// form, searches the key of the word read as a base form. A closed-class
// word gets its base form marked "=" either way.
func fallbackTerms(word string, index bool) []string {
	if !isWordy(word) {
		return []string{word}
	}
	if base, ok := irregular[word]; ok {
		return []string{irregularPrefix + base}
	}
	asBase := stemKeyAs(word, false)
	if !index {
		return []string{markIrregularStem(asBase[0])}
	}
	var list []string
	for _, k := range append(stemKeyAs(word, true), asBase...) {
		list = appendNew(list, markIrregularStem(k))
	}
	return list
}

// markIrregularStem gives the key of a regular form of an inflecting base
// of the irregular table ("hyvän") as that base's ("=hyvä").
func markIrregularStem(key string) string {
	if base, ok := irregularStems[key]; ok {
		return irregularPrefix + base
	}
	return key
}
