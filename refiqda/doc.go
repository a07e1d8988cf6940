// Package refiqda reads and writes the REFI-QDA exchange formats (QDA-XML
// 1.0, www.qdasoftware.org), so that avain's codebooks and projects travel to
// and from NVivo, ATLAS.ti, MAXQDA, QualCoder, Taguette and other QDA tools.
//
// WriteCodebook writes codes as a codebook file (.qdc) that validates
// against the REFI-QDA Codebook.xsd; ReadCodebook and ReadCodebookFile read
// a .qdc, or the <CodeBook> of a project.qde, back into coding.Code values.
//
// It may import coding, github.com/google/uuid and the standard library.
//
// # The code description
//
// A REFI-QDA code has a name, a colour and one free-text Description; an
// avain code also has a name in a second language, a shortcut key and the
// parts of a codebook entry. So that nothing is lost, WriteCodebook folds
// those into the Description as labelled paragraphs separated by a blank
// line, in this fixed order, each only when it is not empty:
//
//	<short definition>
//
//	Definition: <definition>
//
//	When to use: <when to use>
//
//	When not to use: <when not to use>
//
//	Example: <example>
//
//	Name (en): <the name in the other language>
//	Shortcut: <key>
//
// The short definition opens the text without a label, unless it is the
// only part, when it is written "Short definition: ...". The names and the
// shortcut close the text as single lines. The name attribute holds the
// name in the language asked for and the other name follows as "Name (en)"
// or "Name (fi)". A code that has nothing but a definition gets that
// definition alone, unlabelled, the way other tools write a description.
//
// ReadCodebook parses this layout back into the same fields. A label counts
// only at the start of the text or after a blank line (the names and the
// shortcut also after a single line break), and only in the order above.
// A Description without any label, as other tools write them, goes whole
// (trimmed) into Definition. A name or the shortcut is one line, and the
// shortcut one key: text another tool added after them (or a shortcut
// that is no key) is kept at the end of Definition. A Description that
// folding what it parses into does not give back is foreign (another tool
// wrote, cut or added to it): a reader names it (Project.
// ForeignDescriptions, ReadCodebookFileForeign), so that it does not
// replace the definition of a code already in a project. A .qdpx avain
// wrote also keeps each code's exact fields in avain/project.json, used
// while the Description is still their fold. The code's name attribute becomes NameFi,
// unless the Description has a "Name (fi)" line, which marks the name
// attribute as the English name. Colours are read as lowercase "#rrggbb",
// GUIDs as lowercase canonical UUIDs. A code with isCodable="false" is a
// category (coding.Code.NotCodable: it groups codes and takes no codings)
// and is written back so; every other code is written isCodable="true".
//
// The one thing the layout cannot carry is a field whose own text holds a
// blank line followed by a later label (say a definition containing
// "\n\nExample: "): on reading, the text from there on goes to that later
// field.
package refiqda
