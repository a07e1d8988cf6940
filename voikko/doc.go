// Package voikko gives avain Finnish morphology (base forms, word classes,
// compound parts) from libvoikko, loaded at run time with purego: no cgo,
// and a binary that runs, with Voikko features turned off, where the library
// or its Finnish dictionary is not installed.
//
// It may import the standard library and github.com/ebitengine/purego only.
// Set AVAIN_NO_VOIKKO=1 to act as if Voikko were not installed.
package voikko
