package credentials

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTypedErrors: the failures a program words its own way (the AWS
// CLI's messages) are found with errors.As, with what they name.
func TestTypedErrors(t *testing.T) {
	sts := newFakeSTS(t)
	getenv, _ := profileEnv(t, sts)
	ctx := context.Background()

	_, err := Env{Getenv: envMap("AWS_ACCESS_KEY_ID", "AKID")}.Retrieve(ctx)
	var pe *PartialCredentialsError
	if !errors.As(err, &pe) || *pe != (PartialCredentialsError{Present: "AWS_ACCESS_KEY_ID", Missing: "AWS_SECRET_ACCESS_KEY"}) {
		t.Errorf("partial environment keys: %v", err)
	}

	_, err = (&Profile{Name: "loop-a", Getenv: getenv, now: fixedClock(stsTime)}).Retrieve(ctx)
	var le *SourceProfileLoopError
	if !errors.As(err, &le) {
		t.Errorf("source_profile loop: %v", err)
	} else if diff := cmp.Diff(SourceProfileLoopError{Profile: "loop-a", Visited: []string{"loop-a", "loop-b"}}, *le); diff != "" {
		t.Errorf("source_profile loop (-want +got):\n%s", diff)
	}

	_, err = (&Profile{Name: "missing-source", Getenv: getenv, now: fixedClock(stsTime)}).Retrieve(ctx)
	var me *MissingSourceProfileError
	if !errors.As(err, &me) || me.Profile != "missing-source" || me.SourceProfile != "ghost" {
		t.Errorf("missing source_profile: %v", err)
	}

	script := writeFile(t, t.TempDir(), "fail.sh", "#!/bin/sh\necho 'token service unavailable' >&2\nexit 3\n")
	_, err = (&Process{Command: "/bin/sh " + script, Stderr: discard{}}).Retrieve(ctx)
	var xe *ProcessError
	if !errors.As(err, &xe) {
		t.Fatalf("failing credential_process: %v", err)
	}
	want := ProcessError{Command: "/bin/sh", Status: "exit status 3", Stderr: "token service unavailable\n"}
	if diff := cmp.Diff(want, *xe); diff != "" {
		t.Errorf("failing credential_process (-want +got):\n%s", diff)
	}
	if got := xe.Error(); got != "credential_process /bin/sh failed with exit status 3: token service unavailable" {
		t.Errorf("ProcessError.Error() = %q", got)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
