package feeds

import "testing"

func openBenchStore(b *testing.B) Store { return openStore(b) }
