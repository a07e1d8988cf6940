package project

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/toituavain/avain/codebooks"
)

// BenchmarkExportQDPX writes the demo project's .qdpx (ten documents,
// their turns and the avain/ entries) to nowhere; its B/op is what an
// export allocates beyond the project it holds. For a whole research
// project, export one made by `avain-bench gen` under /usr/bin/time.
func BenchmarkExportQDPX(b *testing.B) {
	ctx := context.Background()
	p, _, err := CreateWithCodebook(ctx, filepath.Join(b.TempDir(), "a.avain"), codebooks.Default, "aino")
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	if _, err := p.ImportDemo(ctx, "aino"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := p.writeQDPX(ctx, io.Discard, "fi"); err != nil {
			b.Fatal(err)
		}
	}
}
