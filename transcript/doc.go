// Package transcript turns interview transcript files into coding
// documents: it decodes and normalises their text and splits it into
// speaker turns.
//
// It reads plain text (.txt), Markdown (.md), Word (.docx), OpenDocument
// (.odt), WebVTT (.vtt) and SubRip (.srt) files, and CSV sidecars of
// document attributes (ReadMeta). It may import only coding,
// golang.org/x/text and the standard library; it knows nothing of storage
// or the terminal.
//
// # Text
//
// Text files are UTF-16 with a byte-order mark, UTF-8 with or without one,
// or else Windows-1252 (which covers ISO-8859-1). A file of UTF-8 lines and
// lines that are not UTF-8 is read line by line, the latter as
// Windows-1252, and Read says which lines those were. Document.Text has "\n"
// line ends, is in NFC, and has no leading byte-order mark and no trailing
// white space. Word and OpenDocument paragraphs are joined with blank lines.
// Turn offsets are code points into Document.Text, never bytes.
//
// # Speaker turns in text, Markdown, Word and OpenDocument files
//
// A label at the start of a line (after any indentation) names the
// speaker of the text that follows:
//
//	H: …   V2: …   Haastattelija: …   MODERATOR: …   Maija Mäkinen: …
//	### Yu-shan Tseng:   **M:** …   **Name**: …   [id1] …   ### 問：
//
// A name is one to four capitalised words of at most 40 characters
// (particles such as "van" and a final number allowed), so that "Sitten
// hän sanoi: …" is not a label. A name in a script without capitals (問,
// 呂家華) is one word of at most eight characters. Role labels (a capital
// letter with an optional number such as H, V, H1, I, Q; Haastattelija,
// Haastateltava, Vastaaja, Interviewer, Moderator, Participant, Assistant,
// User, AI, 問, 答 …) and bracketed ids (one to four letters and one to
// four digits: [id1], [P3]) are labels wherever they stand; any other name
// must label at least two lines, so a header field such as
// "Päivämäärä: 12.3.2024" is not a speaker. Notation such as "(.)",
// "[naurahtaa]", "xxx" and "[nimi poistettu]" is text. An ASCII colon must
// be followed by white space; a full-width colon (：) need not be.
//
// A timestamp ([00:12:34], (00:12:34), 00:12:34, [12:34]) just before or
// just after a label gives the turn its time and is not part of it. A
// turn's span is its utterance without label or timestamp, trimmed of
// white space; Speaker is the label without markup and colon.
//
// A turn goes on until the next label, with these limits:
//
//   - A label alone on its line (block style, as "### Name:") starts a
//     turn that runs over the following paragraphs up to the next label.
//   - A label followed by text (inline style, "H: …") starts a turn that
//     runs over the following lines and blank-line separated paragraphs,
//     unless the labels are sparse: when the paragraphs that would so
//     continue inline-labelled turns outnumber all label lines more than
//     three times (a think-aloud session where a MODERATOR interjects
//     between the participant's unlabelled paragraphs), each unlabelled
//     paragraph is a turn of its own without a speaker.
//   - Text before the first label (a title, "# Dialog", a header block)
//     and text without any labels is one turn per paragraph, with no
//     speaker.
//
// A turn of more than 50,000 characters (a text without line breaks) is cut
// into turns of the same speaker, after a sentence or else a word.
//
// Turns are numbered from 1, in order, do not overlap and are never empty.
//
// # Subtitles
//
// WebVTT and SubRip cues are read without the header, NOTE, STYLE and
// REGION blocks, cue ids and cue settings. HTML entities are decoded and
// tags removed; a <v Name> voice tag, or a `Name:` prefix at the start of a
// cue (by the label rules above), names the speaker, and a cue without one
// continues the previous speaker. Consecutive cues of one speaker form a
// turn, their lines joined with spaces; the text is rebuilt as
// "Speaker: words" per turn with blank lines between. A turn's span is the
// words without the label; Time is its first cue's start and TimeEnd its
// last cue's end.
//
// # Limits
//
// A file over coding.MaxDocumentBytes is refused by its size before it is
// read, and a text over coding.MaxDocumentChars as soon as it is known: what
// an archive expands to (ODT spaces and tabs, the unpacked bytes of its XML,
// the nesting of its elements, at most 256 deep) counts as it is read, so a
// small file that unpacks to gigabytes is refused quickly. The error wraps
// coding.ErrTooLarge and names the limit.
package transcript
