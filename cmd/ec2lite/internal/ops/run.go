package ops

import (
	"context"
	"errors"
	"io"
	"reflect"
	"strings"

	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/session"
)

// pagingMode reports whether the AWS CLI would auto-paginate: not with
// --no-paginate, --max-results or --next-token, and then --starting-token,
// --page-size and --max-items (when truthy, as Python tests them) are errors.
func pagingMode(a *cli.Args, op *Op) (bool, error) {
	if !op.Paginated() {
		return false, nil
	}
	if !a.NoPaginate && a.NextToken == nil && a.MaxResults == nil {
		return true, nil
	}
	var used []string
	if a.StartingToken != nil && *a.StartingToken != "" {
		used = append(used, "--starting-token")
	}
	if a.PageSize != nil {
		if n, _ := awscli.PyInt(*a.PageSize); n != 0 {
			used = append(used, "--page-size")
		}
	}
	if a.MaxItems != nil {
		if n, _ := awscli.PyInt(*a.MaxItems); n != 0 {
			used = append(used, "--max-items")
		}
	}
	if len(used) > 0 {
		return false, &awscli.PaginationError{Msg: "Cannot specify --no-paginate along with pagination arguments: " + strings.Join(used, ", "), Exit: cli.ExitUsage}
	}
	return false, nil
}

// inputSkeleton is what `aws ec2 describe-client-vpn-connections
// --generate-cli-skeleton` prints (v1 and v2 alike).
const inputSkeleton = `{
    "ClientVpnEndpointId": "",
    "Filters": [
        {
            "Name": "",
            "Values": [
                ""
            ]
        }
    ],
    "NextToken": "",
    "MaxResults": 0,
    "DryRun": true
}
`

// Run runs one operation: the generic path of every command of cliOps.
func Run(r *cli.Env, a *cli.Args, op *Op) int {
	if a.Skeleton != nil {
		// The input skeletons need no argument; output goes on as a call
		// (required arguments, validation, configuration) and prints the
		// skeleton in place of the answer.
		switch *a.Skeleton {
		case "", "input":
			io.WriteString(r.Stdout, op.Skeleton)
			return cli.ExitOK
		case "yaml-input":
			io.WriteString(r.Stdout, op.YAMLSkeleton)
			return cli.ExitOK
		}
	}
	if a.CliInputJSON == nil && !a.Demo {
		var missing []string
		for _, m := range op.Members {
			if _, given := opValues(a, &m); m.Required && !given {
				missing = append(missing, m.Flag())
			}
		}
		if len(missing) > 0 {
			cli.WriteUsageError(r.Stderr, cli.ProgramName+": error: the following arguments are required: "+strings.Join(missing, ", "))
			return cli.ExitUsage
		}
	}
	if len(a.Extra) > 0 || len(a.Unknown) > 0 {
		cli.WriteUsageError(r.Stderr, "Unknown options: "+strings.Join(append(append([]string{}, a.Unknown...), a.Extra...), ", "))
		return cli.ExitUsage
	}

	cfg, err := r.LoadConfig(a)
	if err != nil {
		return r.Fail(err)
	}
	format, expr, err := cli.OutputAndQuery(a, cfg)
	if err != nil {
		return r.Fail(err)
	}

	paginate, err := pagingMode(a, op)
	if err != nil {
		return r.Fail(err)
	}

	// Parameters.
	params, err := buildOpParams(a, awscli.ParamFiles{Dir: r.Dir, Home: r.Getenv("HOME"), Ctx: r.Ctx}, op)
	if err != nil {
		return r.Fail(err)
	}
	if a.Demo && op.Member("ClientVpnEndpointId") != nil {
		if _, ok := params.Get("ClientVpnEndpointId"); !ok {
			params.Set("ClientVpnEndpointId", clientvpntest.SampleEndpointID)
		}
	}

	// Client configuration.
	sess, err := session.Open(r, a, cfg, format)
	if sess != nil {
		defer sess.Close()
	}
	if err != nil {
		return r.Fail(err)
	}

	var maxItems *int64
	var start *awscli.StartingToken
	if paginate {
		if a.MaxItems != nil {
			n, _ := awscli.PyInt(*a.MaxItems)
			maxItems = &n // AWS CLI v2 has no warning for n <= 0 (v1 has)
		}
		if a.StartingToken != nil {
			start, err = awscli.DecodeStartingToken(*a.StartingToken)
			if err != nil {
				return r.Fail(err)
			}
			for key, val := range start.Keys.All() {
				if s, ok := val.(string); val != nil && !(ok && s == "None") {
					params.Set(key, val)
				} else {
					params.Delete(key)
				}
			}
		}
		if a.PageSize != nil {
			n, _ := awscli.PyInt(*a.PageSize)
			params.Set("MaxResults", n)
		}
	}
	in, err := bindInput(params, op)
	if err != nil {
		return r.Fail(err)
	}
	if a.Skeleton != nil { // output
		// AWS CLI v2 answers the call itself (before-call), with no
		// request and no credentials, and prints it as it would the answer.
		pr := &cli.Printer{Env: r, Output: format, Expr: expr, Title: op.Api}
		if a.Color != nil {
			pr.Color = *a.Color
		}
		if err := pr.Print(outputSkeleton(reflect.TypeOf(op.Output)).(*awscli.Object)); err != nil {
			return r.Fail(err)
		}
		return cli.ExitOK
	}
	client, err := sess.Connect(r, a, format)
	if err != nil {
		if r.Ctx.Err() != nil {
			io.WriteString(r.Stdout, "\n")
			return cli.ExitInterrupt
		}
		return r.Fail(err)
	}
	// call makes one call with in, NextToken replaced by *token when set,
	// and returns the output's tree.
	call := func(ctx context.Context, token *string) (*awscli.Object, error) {
		sess.BeginCall()
		req := in
		if token != nil {
			v := reflect.New(reflect.TypeOf(in)).Elem()
			v.Set(reflect.ValueOf(in))
			v.FieldByName("NextToken").SetString(*token)
			req = v.Interface()
		}
		out, err := op.Call(ctx, client, req)
		if err != nil {
			msg, code := sess.CallError(ctx, op.Api, err)
			return nil, &callError{Msg: msg, Exit: code}
		}
		return modelTree(out).(*awscli.Object), nil
	}
	pr := &cli.Printer{Env: r, Output: format, Expr: expr, Title: op.Api}
	if a.Color != nil {
		pr.Color = *a.Color
	}
	if paginate {
		err = pr.Paginated(&awscli.Paginator{Call: call, ResultKey: op.ResultKey, MaxItems: maxItems, Start: start})
	} else {
		var out *awscli.Object
		out, err = call(r.Ctx, nil)
		if err == nil {
			err = pr.Print(out)
		}
	}
	if err != nil {
		var ce *callError
		if errors.As(err, &ce) {
			if ce.Exit == cli.ExitInterrupt {
				io.WriteString(r.Stdout, "\n")
				return cli.ExitInterrupt
			}
			cli.WriteError(r.Stderr, ce.Msg)
			return ce.Exit
		}
		if r.Ctx.Err() != nil {
			io.WriteString(r.Stdout, "\n")
			return cli.ExitInterrupt
		}
		return r.Fail(err)
	}
	return cli.ExitOK
}

// callError is a failed call, already worded.
type callError struct {
	Msg  string
	Exit int
}

func (e *callError) Error() string { return e.Msg }
