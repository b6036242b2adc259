package clientvpn

import "errors"

// Error codes of a dry run's answer.
const (
	// CodeDryRunOperation is EC2's answer (HTTP 412) to a dry run that would
	// have succeeded.
	CodeDryRunOperation = "DryRunOperation"
	// CodeUnauthorizedOperation is EC2's answer (HTTP 403) to a call, dry run
	// or not, that the credentials are not allowed to make.
	CodeUnauthorizedOperation = "UnauthorizedOperation"
)

// DryRunAllowed interprets the error of a call made with DryRun set: EC2
// never performs such a call, it answers whether the credentials may make it.
// DryRunAllowed returns (true, nil) for the DryRunOperation answer and
// (false, nil) for UnauthorizedOperation; any other error is returned as is,
// with allowed false. A nil err (the call was made, so DryRun was not set)
// means allowed.
func DryRunAllowed(err error) (allowed bool, _ error) {
	if err == nil {
		return true, nil
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		switch apiErr.Code {
		case CodeDryRunOperation:
			return true, nil
		case CodeUnauthorizedOperation:
			return false, nil
		}
	}
	return false, err
}
