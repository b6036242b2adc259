package credentials

import (
	"context"
	"errors"
	"io"
	"os"
)

// maxTokenFile bounds a token file (AWS_WEB_IDENTITY_TOKEN_FILE,
// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE): STS takes web identity tokens
// of at most 20,000 characters, and a container token is shorter still.
const maxTokenFile = 1 << 20

// errTokenFileTooLarge is the error of a token file over maxTokenFile.
var errTokenFileTooLarge = errors.New("file larger than 1 MiB")

// readTokenFile reads a token file, at most maxTokenFile bytes, and gives
// up with ctx's error when ctx is done first: opening a FIFO without a
// writer blocks, and nothing can cancel an open, so the read runs in a
// goroutine of its own (which ends when the open or the read does).
func readTokenFile(ctx context.Context, path string) ([]byte, error) {
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			done <- result{nil, err}
			return
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxTokenFile+1))
		if err == nil && len(b) > maxTokenFile {
			b, err = nil, errTokenFileTooLarge
		}
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		return r.b, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
