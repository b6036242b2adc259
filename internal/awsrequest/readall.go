package awsrequest

import (
	"fmt"
	"io"
	"math"

	"github.com/ec2lite/ec2lite/ec2xml"
)

// ErrTooLarge is matched (with errors.Is) by the error of a response body
// longer than the limit. It is ec2xml.ErrTooLarge, so that callers who
// matched that keep working.
var ErrTooLarge = ec2xml.ErrTooLarge

// readAll reads r until io.EOF into buf[:0], growing it as needed, and
// returns the filled slice. It reads at most limit bytes: a longer body is
// an error matching ErrTooLarge. The buffer grows by doubling with the bytes
// received, so a body costs about twice its size at most, whatever a
// Content-Length header claimed. The returned slice, which may have been
// reallocated, is returned with any error so that it can be put back in a
// pool.
func readAll(r io.Reader, limit int64, buf []byte) ([]byte, error) {
	readMax := limit + 1 // read one byte past the limit to detect a longer body
	if readMax <= 0 {
		readMax = math.MaxInt64
	}
	b := buf[:0]
	zeroReads := 0
	for {
		if len(b) == cap(b) {
			// Double the buffer (append grows large slices by only 1.25x,
			// which costs about six times the final size in copies), but
			// never beyond what may be read: a body over the limit then
			// costs at most about twice the limit.
			n := int64(max(2*cap(b), 512))
			if n > readMax/2 || n <= 0 {
				n = readMax // the last step: straight to the most that may be read
			}
			if n > math.MaxInt || n <= int64(len(b)) {
				b = append(b, 0)[:len(b)]
			} else {
				nb := make([]byte, len(b), int(n))
				copy(nb, b)
				b = nb
			}
		}
		room := b[len(b):cap(b)]
		if left := readMax - int64(len(b)); int64(len(room)) > left {
			room = room[:left]
		}
		n, err := r.Read(room)
		b = b[:len(b)+n]
		if int64(len(b)) > limit {
			return b, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
		}
		if err != nil {
			if err == io.EOF {
				return b, nil
			}
			return b, err
		}
		if n == 0 {
			if zeroReads++; zeroReads >= 100 {
				return b, io.ErrNoProgress
			}
		} else {
			zeroReads = 0
		}
	}
}
