package main

import "github.com/toituavain/avain/voikko"

// voikkoOpens reports whether Voikko's Finnish dictionary opens here: the
// tests of the Voikko mode need it installed.
func voikkoOpens() bool {
	v, err := voikko.Open("fi")
	if err != nil {
		return false
	}
	_ = v.Close()
	return true
}
