// Package finnish registers avain's Finnish text analysis with bleve, so that
// a search for a base form ("toimeentulotuki", "päätös") finds its inflected
// forms ("toimeentulotuen", "päätöksen") and the compounds built on it.
//
// Two analyses are registered under distinct names, and AnalyzerName picks
// the one in force:
//   - with Voikko (package voikko), every word is replaced by its base forms
//     and, at index time, the verb of a participle ("annettu": antaa) and the
//     parts of a compound, a derived part by its own form ("hoitaja" in
//     "kirjastonhoitaja"), all at the word's own position and byte offsets;
//     a word Voikko does not know (a name) is kept with its fallback key
//     "~key" on both sides, so that "arsenal" finds "arsenalin";
//   - without Voikko (or with AVAIN_NO_VOIKKO=1), a key made by rules of
//     Finnish inflection (clitics, possessive suffixes, case endings under
//     vowel harmony, verb endings, consonant gradation, stem types) and a
//     table of irregular and closed-class words; the index side holds the
//     keys of a word read as inflected and as a base form, the query side
//     searches the base-form reading.
//
// Both tokenize text into words as bleve's Unicode tokenizer does, but keep
// a hyphenated compound ("kuorma-auto") whole; the index side adds its
// halves.
//
// Index with AnalyzerName and analyse match queries with QueryAnalyzerName
// (the query side does not add compound parts, so "toimeentulotuki" does not
// also search for every "tuki", and a word that is itself a base form
// searches that base form only: "tunne", not also "tuntea").
//
// It may import the standard library, bleve's analysis packages and registry,
// snowballstem, and avain's voikko package; nothing from the rest of avain.
package finnish
