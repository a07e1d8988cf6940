// Package codebooks holds avain's embedded YAML codebooks and reads and
// writes codebook files: Load and Parse turn a file into a Book of
// coding.Code values, WriteYAML writes a Book back in the same format, and
// WriteMarkdown writes a readable codebook for a methods appendix.
//
// It imports only coding, go.yaml.in/yaml/v3 and the standard library.
//
// # The file format
//
// A codebook file is one YAML document, a mapping with three fields:
//
//	codebook: ToituAvain          # the codebook's name (optional)
//	description: >-               # what it is for (optional)
//	  Codes for interviews with ...
//	codes:                        # the top-level codes (themes), in order
//	  - id: 4d8dfebf-3a2f-4339-894d-5a18d299057c
//	    name_fi: Byrokratialoukut
//	    name_en: Bureaucracy traps
//	    color: "#c0392b"
//	    shortcut: "1"
//	    codable: false            # only for a category (see below)
//	    short_definition: One line for lists and tooltips.
//	    definition: What the code means.
//	    when_to_use: The rule for applying it.
//	    when_not_to_use: Where similar passages go instead.
//	    example: An invented quote.
//	    children:                 # its child codes, to any depth
//	      - id: ...
//
// Each code needs an id (a UUID, stored in lowercase; it stays the same in
// every project made from the file), name_fi and name_en. color is optional
// and must be "#rrggbb" (quote it: an unquoted # starts a comment).
// shortcut is optional, one character, and unique in the whole codebook.
// codable: false marks a category, a code that groups codes and takes no
// codings of its own (REFI-QDA's isCodable="false"); a code without it is
// codable, and WriteYAML writes it only for categories.
// The text fields are optional; leading and trailing white space is
// dropped. Sibling codes may not share a name, in either language and
// regardless of case.
//
// Instead of nesting under children, an entry may name its parent's id in
// a parent field, so a flat list of codes works too; the order of siblings
// is their order in the file. Unknown fields, wrong types and every other
// problem are reported together, each with its file and line (see Error).
package codebooks
