package awsconfig

import (
	"errors"
	"os"
	"testing"
	"time"
)

// TestLoadEndlessFile checks that a shared file that never ends is refused
// after MaxFileSize bytes, as a *FileError naming the file.
func TestLoadEndlessFile(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip(err)
	}
	for _, name := range []string{"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := Load(Options{Getenv: env(name, "/dev/zero", "HOME", t.TempDir())})
			var fe *FileError
			if !errors.As(err, &fe) || fe.Path != "/dev/zero" || !errors.Is(err, ErrFileTooLarge) {
				t.Errorf("got %v, want a *FileError for /dev/zero matching ErrFileTooLarge", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}
