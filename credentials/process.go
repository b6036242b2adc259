package credentials

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/ec2lite/ec2lite/internal/awsconfig"
)

// DefaultProcessTimeout is how long a credential_process may run when Process.Timeout is zero.
const DefaultProcessTimeout = time.Minute

// MaxProcessOutput bounds what is kept of a credential_process's stdout: far more than any
// credentials (botocore keeps all of it; a bound keeps a runaway command from exhausting
// memory). Larger output is an error.
const MaxProcessOutput = 64 << 20

// Process is a Provider that runs an external command and reads credentials from its stdout,
// as the credential_process setting does. The command line is split like a POSIX shell's
// words (botocore's shlex.split) and run directly, not through a shell. Its stdout must be
// JSON:
//
//	{"Version": 1, "AccessKeyId": "…", "SecretAccessKey": "…", "SessionToken": "…", "Expiration": "2026-01-02T15:04:05Z"}
//
// where SessionToken and Expiration (RFC 3339) are optional. Its stderr goes to Stderr, so
// that prompts and diagnostics reach the user, and its start is kept in the [ProcessError]
// of a non-zero exit status (botocore's error shows it; a program that shows it so sets
// Stderr to io.Discard). As botocore's communicate() does, Retrieve
// reads stdout to its end: a command that leaves a background process holding stdout is
// waited for until that process closes it too, within Timeout. A non-zero exit status, invalid JSON, a
// Version other than 1, missing keys or an Expiration in the past is an error; the error never
// quotes stdout, which holds the secret.
type Process struct {
	// Command is the command line, e.g. `aws configure export-credentials --format process`.
	Command string
	// Timeout bounds the run; zero means DefaultProcessTimeout.
	Timeout time.Duration
	// Stderr receives the command's stderr; nil means os.Stderr.
	Stderr io.Writer
	// Env, when non-nil, is the command's environment; nil means this process's.
	Env []string
	// Name labels errors and Source, e.g. "Profile(dev)/Process"; empty means "Process".
	Name string

	now func() time.Time
}

type processOutput struct {
	Version         *int
	AccessKeyID     string `json:"AccessKeyId"`
	SecretAccessKey string
	SessionToken    string
	Expiration      string
}

// Retrieve runs the command and parses its output.
func (p *Process) Retrieve(ctx context.Context) (Credentials, error) {
	name := p.Name
	if name == "" {
		name = "Process"
	}
	args, err := awsconfig.SplitCommand(p.Command)
	if err != nil {
		return Credentials{}, errorf(name, "credential_process: %v", err)
	}
	if len(args) == 0 {
		return Credentials{}, errorf(name, "credential_process is empty")
	}
	timeout := p.Timeout
	if timeout <= 0 {
		timeout = DefaultProcessTimeout
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	stderr := p.Stderr
	if stderr == nil {
		stderr = os.Stderr
	}
	// The start of stderr is kept for the error, as the AWS CLI shows it.
	errOut := &tailBuffer{max: MaxProcessStderr}
	cmd.Stderr = io.MultiWriter(stderr, errOut)
	cmd.Env = p.Env
	// stdout is a pipe of our own, read to its end (every holder closed it) or until ctx is
	// done: os/exec's copy would give up WaitDelay after the command exits.
	r, w, err := os.Pipe()
	if err != nil {
		return Credentials{}, errorf(name, "credential_process %s: %v", args[0], err)
	}
	cmd.Stdout = w
	// A stderr copied through a pipe (Stderr not a file) is abandoned one second after the
	// command exits, rather than waited for: only stdout carries the credentials.
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		r.Close()
		w.Close()
		if parent.Err() != nil {
			return Credentials{}, &Error{Provider: name, Err: parent.Err()}
		}
		return Credentials{}, errorf(name, "credential_process %s: %v", args[0], err)
	}
	w.Close()
	type result struct {
		out []byte
		err error
	}
	read := make(chan result, 1)
	go func() {
		out, err := io.ReadAll(io.LimitReader(r, MaxProcessOutput+1))
		read <- result{out, err}
	}()
	err = cmd.Wait()
	if errors.Is(err, exec.ErrWaitDelay) {
		err = nil // the command succeeded; only its stderr was still held open
	}
	var res result
	select {
	case res = <-read:
	case <-ctx.Done():
		r.Close() // unblocks the read
		res = <-read
	}
	r.Close()
	if parent.Err() != nil {
		return Credentials{}, &Error{Provider: name, Err: parent.Err()}
	}
	if ctx.Err() != nil {
		return Credentials{}, errorf(name, "credential_process %s did not finish within %v and was killed", args[0], timeout)
	}
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return Credentials{}, &Error{Provider: name, Err: &ProcessError{Command: args[0], Status: ee.ProcessState.String(), Stderr: errOut.String()}}
		}
		return Credentials{}, errorf(name, "credential_process %s: %v", args[0], err)
	}
	if res.err != nil {
		return Credentials{}, errorf(name, "credential_process %s: reading its output: %v", args[0], res.err)
	}
	if len(res.out) > MaxProcessOutput {
		return Credentials{}, errorf(name, "credential_process %s: output larger than %d bytes", args[0], MaxProcessOutput)
	}
	stdout := bytes.NewBuffer(res.out)
	c, err := parseProcessOutput(stdout.Bytes(), clock(p.now))
	if err != nil {
		return Credentials{}, errorf(name, "credential_process %s: %v", args[0], err)
	}
	c.Source = name
	return c, nil
}

// parseProcessOutput decodes the credential_process JSON. Its errors describe the problem
// without quoting the input.
func parseProcessOutput(out []byte, now time.Time) (Credentials, error) {
	var po processOutput
	dec := json.NewDecoder(bytes.NewReader(out))
	if err := dec.Decode(&po); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return Credentials{}, fmt.Errorf("output is not valid JSON (syntax error at byte %d)", se.Offset)
		case errors.As(err, &te):
			return Credentials{}, fmt.Errorf("output field %s must be a JSON %s, not %s", te.Field, jsonKind(te.Type.Kind().String()), te.Value)
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return Credentials{}, errors.New("output is empty or truncated JSON")
		}
		return Credentials{}, errors.New("output is not valid JSON")
	}
	switch {
	case po.Version == nil:
		return Credentials{}, errors.New("output has no Version (want 1)")
	case *po.Version != 1:
		return Credentials{}, fmt.Errorf("unsupported Version %d (want 1)", *po.Version)
	case po.AccessKeyID == "":
		return Credentials{}, errors.New("output has no AccessKeyId")
	case po.SecretAccessKey == "":
		return Credentials{}, errors.New("output has no SecretAccessKey")
	}
	c := Credentials{AccessKeyID: po.AccessKeyID, SecretAccessKey: po.SecretAccessKey, SessionToken: po.SessionToken}
	return withExpiration(c, po.Expiration, "output Expiration", now)
}

// withExpiration sets c.Expires from exp, an RFC 3339 time (none when empty),
// and refuses credentials that have expired already. The value is never
// quoted in an error, since the answer it comes from holds secrets; what
// names it instead.
func withExpiration(c Credentials, exp, what string, now time.Time) (Credentials, error) {
	if exp == "" {
		return c, nil
	}
	t, err := parseTime(exp)
	if err != nil {
		return Credentials{}, errors.New(what + " is not an RFC 3339 time")
	}
	c.Expires = t
	if c.Expired(now) {
		return Credentials{}, fmt.Errorf("returned credentials for access key %s that expired at %s", c.AccessKeyID, t.UTC().Format(time.RFC3339))
	}
	return c, nil
}

func jsonKind(k string) string {
	if strings.HasPrefix(k, "int") {
		return "number"
	}
	return k
}

// parseTime parses the timestamps AWS credential sources use: RFC 3339 with or without
// fractional seconds, and the same without a zone (taken as UTC).
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time", s)
}
