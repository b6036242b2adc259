package credentials

import (
	"strings"
	"sync"
)

// The typed causes of a provider's [Error] (its Err), for programs that
// word them their own way; find them with errors.As.

// A PartialCredentialsError reports a source that gives one key of the
// pair without the other, such as AWS_ACCESS_KEY_ID without
// AWS_SECRET_ACCESS_KEY.
type PartialCredentialsError struct {
	Present, Missing string // the names of the given and the missing key
}

func (e *PartialCredentialsError) Error() string {
	return e.Present + " is set but " + e.Missing + " is not"
}

// A SourceProfileLoopError reports a chain of source_profile references
// that comes back to a profile already visited.
type SourceProfileLoopError struct {
	Profile string   // the profile visited again
	Visited []string // the profiles visited before it, in order
}

func (e *SourceProfileLoopError) Error() string {
	return "source_profile loop: " + strings.Join(e.Visited, " -> ") + " -> " + e.Profile
}

// A MissingSourceProfileError reports a source_profile that names no
// profile of the shared files.
type MissingSourceProfileError struct {
	Profile       string // the profile that names it
	SourceProfile string
	// ConfigFile and CredentialsFile are the files searched.
	ConfigFile, CredentialsFile string
}

func (e *MissingSourceProfileError) Error() string {
	return "source_profile " + e.SourceProfile + " does not exist in " + e.ConfigFile + " or " + e.CredentialsFile
}

// A ProcessError reports a credential_process command that failed: its
// exit status, and the start of what it wrote to its standard error (at
// most [MaxProcessStderr] bytes), which a program may show as the cause, as
// the AWS CLI does.
type ProcessError struct {
	Command string // the program run (the command's first word)
	Status  string // the exit status, as os.ProcessState words it: "exit status 3"
	Stderr  string
}

// MaxProcessStderr is the most bytes of a credential_process command's
// standard error kept in a [ProcessError].
const MaxProcessStderr = 64 << 10

func (e *ProcessError) Error() string {
	s := "credential_process " + e.Command + " failed with " + e.Status
	if msg := strings.TrimSpace(e.Stderr); msg != "" {
		s += ": " + firstLine(msg)
	}
	return s
}

// firstLine returns s up to its first newline.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// tailBuffer keeps the first max bytes written to it; it never fails. It
// is safe for concurrent use (os/exec may abandon its copy still running).
type tailBuffer struct {
	mu  sync.Mutex
	b   []byte
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if room := t.max - len(t.b); room > 0 {
		t.b = append(t.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}
