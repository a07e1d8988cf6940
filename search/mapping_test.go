package search

import (
	"testing"

	"github.com/toituavain/avain/coding"
)

func TestTurnTexts(t *testing.T) {
	d := &coding.Document{Text: "H: äiti\nV: 日本語 ok\nloppu"}
	d.Turns = []coding.Turn{{N: 1, Start: 3, End: 7}, {N: 2, Start: 11, End: 17}, {N: 3, Start: 18, End: 23}, {N: 4, Start: 0, End: 1}}
	seen := 0
	err := eachTurnText(d, func(i int, got string) error {
		if want := d.TurnText(d.Turns[i]); got != want {
			t.Errorf("turn %d: %q, want %q", i+1, got, want)
		}
		seen++
		return nil
	})
	if err != nil || seen != len(d.Turns) {
		t.Errorf("%d turns of %d: %v", seen, len(d.Turns), err)
	}
}

func TestAttrField(t *testing.T) {
	for k, want := range map[string]string{"region": "region", " Model ": "model", "kind": "", "Text": "", "_id": "", "": "", "code": ""} {
		if got := attrField(k); got != want {
			t.Errorf("attrField(%q) = %q, want %q", k, got, want)
		}
	}
}
