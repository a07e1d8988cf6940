package transcript

import "testing"

func TestDetectLang(t *testing.T) {
	tests := []struct{ text, want string }{
		{"H: Miten asiointi Kelan kanssa on sujunut?\nV: No ei se oikein, että joo, kyllä mä sitten hain uudestaan.", "fi"},
		{"Toimeentulotukipäätös tuli myöhässä ja kunnan sosiaalityöntekijä ei tiennyt siitä.", "fi"},
		{"I: How did you find the application process?\nR: It was slow, and I had to call them twice.", "en"},
		{"有關vTaiwan跟Join平臺在機制設計上", "en"},
		{"", "en"},
		{"Jääskeläinen Öhman Hämäläinen", "fi"},
	}
	for _, tt := range tests {
		if got := DetectLang(tt.text); got != tt.want {
			t.Errorf("DetectLang(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
