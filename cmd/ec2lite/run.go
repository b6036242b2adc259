package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"reflect"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/clientvpn/clientvpntest"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli/output"
	"github.com/ec2lite/ec2lite/credentials"
	"github.com/ec2lite/ec2lite/internal/awsconfig"
	"github.com/ec2lite/ec2lite/internal/awsrequest"
	"github.com/ec2lite/ec2lite/internal/version"
)

// runner holds one invocation's environment. Tests build it in-process.
type runner struct {
	ctx            context.Context
	env            map[string]string
	stdin          io.Reader
	stdout, stderr io.Writer
	now            func() time.Time
	dir            string // resolves relative file:// paths; "" = the working directory
}

func (r *runner) getenv(k string) string { return r.env[k] }

// run runs ec2lite with args (without the program name), the environment
// env ("KEY=value" entries, as os.Environ returns) and the given streams,
// and returns the exit code. It never calls os.Exit, reads os.Args or the
// process environment (except for HTTP proxies), so tests call it directly.
func run(ctx context.Context, args []string, env []string, stdin io.Reader, stdout, stderr io.Writer) int {
	r := &runner{ctx: ctx, env: map[string]string{}, stdin: stdin, stdout: stdout, stderr: stderr, now: time.Now}
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			r.env[k] = v
		}
	}
	return r.run(args)
}

func (r *runner) run(argv []string) int {
	if code, ok := r.runExtra(argv); ok {
		return code // top, metrics, the fleet sweep (extra.go)
	}
	a, err := parseArgs(argv)
	if err != nil {
		writeUsageError(r.stderr, programName+": error: "+err.Error())
		return exitUsage
	}
	if a.version {
		io.WriteString(r.stdout, version.UserAgent()+"\n")
		return exitOK
	}
	if a.command == "ec2" && len(a.extra) > 0 {
		// `ec2lite ec2 describe-client-vpn-connections ...`, as typed for `aws`.
		a.command, a.extra = a.extra[0], a.extra[1:]
	}
	switch a.command {
	case "":
		if a.help {
			io.WriteString(r.stdout, topHelp())
			return exitOK
		}
		writeUsageError(r.stderr, programName+": error: the following arguments are required: command")
		return exitUsage
	case "help":
		switch {
		case len(a.extra) > 0 && lookupOp(a.extra[0]) != nil:
			io.WriteString(r.stdout, opHelp(lookupOp(a.extra[0])))
		case len(a.extra) > 0 && a.extra[0] == "fake-endpoint":
			io.WriteString(r.stdout, fakeEndpointHelp)
		default:
			io.WriteString(r.stdout, topHelp())
		}
		return exitOK
	case "version":
		io.WriteString(r.stdout, version.UserAgent()+"\n")
		return exitOK
	case "completion":
		return r.completion(a)
	case "fake-endpoint":
		return r.fakeEndpoint(a)
	}
	if op := lookupOp(a.command); op != nil {
		if a.help || contains(a.extra, "help") {
			io.WriteString(r.stdout, opHelp(op))
			return exitOK
		}
		return r.operation(a, op)
	}
	writeUsageError(r.stderr, programName+": error: argument command: "+awscli.InvalidChoice(a.command, commands))
	return exitUsage
}

// fail prints an error and returns its exit code.
func (r *runner) fail(err error) int {
	var (
		ue *usageError
		pe *awscli.ParamError
		ve *awscli.ValidationError
		ce *configError
		pg *awscli.PaginationError
		qe *output.QueryError
	)
	switch {
	case errors.As(err, &ue):
		writeUsageError(r.stderr, programName+": error: "+ue.msg)
		return exitUsage
	case errors.As(err, &pe), errors.As(err, &ve):
		writeError(r.stderr, err.Error())
		return exitUsage
	case errors.As(err, &ce):
		writeError(r.stderr, ce.msg)
		return ce.exit
	case errors.As(err, &qe):
		writeError(r.stderr, qe.Error())
		return exitUsage
	case errors.As(err, &pg):
		writeError(r.stderr, pg.Error())
		return pg.Exit
	}
	writeError(r.stderr, err.Error())
	return exitOther
}

// loadConfig reads the shared config and credentials files for the profile,
// with the AWS CLI's messages for a missing profile and a malformed file.
// With --demo, which ignores the user's configuration entirely, it reads
// nothing and returns nil.
func (r *runner) loadConfig(a *args) (*awsconfig.Config, error) {
	if a.demo {
		return nil, nil
	}
	profile := ""
	if a.profile != nil {
		profile = *a.profile
	}
	cfg, err := awsconfig.Load(awsconfig.Options{Profile: profile, Getenv: r.getenv})
	var fe *awsconfig.FileError
	var pnf *awsconfig.ProfileNotFoundError
	switch {
	case errors.As(err, &pnf):
		return nil, &configError{msg: "The config profile (" + pnf.Profile + ") could not be found", exit: exitOther}
	case errors.As(err, &fe):
		return nil, &configError{msg: "Unable to parse config file: " + fe.Path, exit: exitOther}
	}
	return cfg, err
}

// outputAndQuery resolves --output (or the profile's output, cfg nil: none)
// and --query.
func outputAndQuery(a *args, cfg *awsconfig.Config) (string, *output.Query, error) {
	format := "json"
	if cfg != nil {
		format = cfg.Output()
	}
	if a.output != nil {
		format = *a.output
	}
	if !contains(outputChoices, format) {
		return "", nil, &configError{msg: "Unknown output type: " + format, exit: exitOther}
	}
	if a.query == nil {
		return format, nil, nil
	}
	q, err := output.CompileQuery(*a.query)
	if err != nil {
		return "", nil, err
	}
	return format, q, nil
}

// pagingMode reports whether the AWS CLI would auto-paginate: not with
// --no-paginate, --max-results or --next-token, and then --starting-token,
// --page-size and --max-items (when truthy, as Python tests them) are errors.
func pagingMode(a *args, op *cliOp) (bool, error) {
	if !op.paginated() {
		return false, nil
	}
	if !a.noPaginate && a.nextToken == nil && a.maxResults == nil {
		return true, nil
	}
	var used []string
	if a.startingToken != nil && *a.startingToken != "" {
		used = append(used, "--starting-token")
	}
	if a.pageSize != nil {
		if n, _ := awscli.PyInt(*a.pageSize); n != 0 {
			used = append(used, "--page-size")
		}
	}
	if a.maxItems != nil {
		if n, _ := awscli.PyInt(*a.maxItems); n != 0 {
			used = append(used, "--max-items")
		}
	}
	if len(used) > 0 {
		return false, &awscli.PaginationError{Msg: "Cannot specify --no-paginate along with pagination arguments: " + strings.Join(used, ", "), Exit: exitUsage}
	}
	return false, nil
}

// settings is what an operation resolved from flags, environment and config.
type settings struct {
	output      string
	region      string
	endpoint    string
	maxAttempts int
	useFIPS     bool
	useDual     bool
	creds       credentials.Provider
	credSource  string
	transport   transportOptions
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

// operation runs one operation: the generic path of every command of cliOps.
func (r *runner) operation(a *args, op *cliOp) int {
	if a.skeleton != nil && (*a.skeleton == "" || *a.skeleton == "input") {
		io.WriteString(r.stdout, op.skeleton)
		return exitOK
	}
	if a.cliInputJSON == nil && !a.demo {
		var missing []string
		for _, m := range op.members {
			if _, given := a.opValues(&m); m.required && !given {
				missing = append(missing, m.flag())
			}
		}
		if len(missing) > 0 {
			writeUsageError(r.stderr, programName+": error: the following arguments are required: "+strings.Join(missing, ", "))
			return exitUsage
		}
	}
	if len(a.extra) > 0 || len(a.unknown) > 0 {
		writeUsageError(r.stderr, "Unknown options: "+strings.Join(append(append([]string{}, a.unknown...), a.extra...), ", "))
		return exitUsage
	}
	if a.skeleton != nil {
		writeUsageError(r.stderr, programName+": error: argument --generate-cli-skeleton: ec2lite prints input skeletons only")
		return exitUsage
	}

	cfg, err := r.loadConfig(a)
	if err != nil {
		return r.fail(err)
	}
	format, expr, err := outputAndQuery(a, cfg)
	if err != nil {
		return r.fail(err)
	}

	paginate, err := pagingMode(a, op)
	if err != nil {
		return r.fail(err)
	}

	// Parameters.
	params, err := buildOpParams(a, awscli.ParamFiles{Dir: r.dir, Home: r.getenv("HOME")}, op)
	if err != nil {
		return r.fail(err)
	}
	if a.demo && op.member("ClientVpnEndpointId") != nil {
		if _, ok := params.Get("ClientVpnEndpointId"); !ok {
			params.Set("ClientVpnEndpointId", clientvpntest.SampleEndpointID)
		}
	}

	// Client configuration.
	st, srv, err := r.settings(a, cfg, format)
	if srv != nil {
		defer srv.Close()
	}
	if err != nil {
		return r.fail(err)
	}

	var maxItems *int64
	var start *awscli.StartingToken
	if paginate {
		if a.maxItems != nil {
			n, _ := awscli.PyInt(*a.maxItems)
			maxItems = &n
			if n <= 0 {
				io.WriteString(r.stderr, "warning: Non-positive values for --max-items may result in undefined behavior.\n")
			}
		}
		if a.startingToken != nil {
			start, err = awscli.DecodeStartingToken(*a.startingToken)
			if err != nil {
				return r.fail(err)
			}
			for _, m := range start.Keys.Members() {
				if s, ok := m.Value.(string); m.Value != nil && !(ok && s == "None") {
					params.Set(m.Key, m.Value)
				} else {
					params.Delete(m.Key)
				}
			}
		}
		if a.pageSize != nil {
			n, _ := awscli.PyInt(*a.pageSize)
			params.Set("MaxResults", n)
		}
	}
	in, err := bindInput(params, op)
	if err != nil {
		return r.fail(err)
	}
	if err := r.credentials(a, st); err != nil {
		if r.ctx.Err() != nil {
			io.WriteString(r.stdout, "\n")
			return exitInterrupt
		}
		return r.fail(err)
	}

	tr, err := newTransport(st.transport)
	if err != nil {
		return r.fail(err)
	}
	log := &attemptLog{base: tr, maxAttempts: st.maxAttempts, now: r.now}
	if a.debug {
		log.debug = r.stderr
		max := st.maxAttempts
		if max == 0 {
			max = awsrequest.DefaultMaxAttempts
		}
		log.logf("region %s, endpoint %q (empty: the region's), max attempts %d, credentials from %s, output %s",
			st.region, st.endpoint, max, st.credSource, format)
	}
	if a.noVerifySSL {
		warned := map[string]bool{}
		log.warn = func(host string) {
			if !warned[host] {
				warned[host] = true
				io.WriteString(r.stderr, insecureWarning(host))
			}
		}
	}
	client := &clientvpn.Client{
		Region:       st.region,
		Credentials:  st.creds,
		Endpoint:     st.endpoint,
		UseFIPS:      st.useFIPS,
		UseDualStack: st.useDual,
		HTTPClient:   &http.Client{Transport: log},
		MaxAttempts:  st.maxAttempts,
		Now:          r.now,
	}
	// call makes one call with in, NextToken replaced by *token when set,
	// and returns the output's tree.
	call := func(ctx context.Context, token *string) (*awscli.Object, error) {
		log.beginCall()
		req := in
		if token != nil {
			v := reflect.New(reflect.TypeOf(in)).Elem()
			v.Set(reflect.ValueOf(in))
			v.FieldByName("NextToken").SetString(*token)
			req = v.Interface()
		}
		out, err := op.call(ctx, client, req)
		if err != nil {
			log.mu.Lock()
			cs := callState{api: op.api, attempts: log.attempts, maxAttempts: st.maxAttempts, url: log.lastURL, status: log.lastStatus, body: log.lastBody}
			log.mu.Unlock()
			msg, code := describeError(ctx, err, cs)
			return nil, &callError{msg: msg, exit: code}
		}
		return modelTree(out).(*awscli.Object), nil
	}
	pr := &printer{r: r, output: format, expr: expr, title: op.api}
	if a.color != nil {
		pr.color = *a.color
	}
	if expr != nil {
		expr.AddKeyOrder(outputKeyOrder(reflect.TypeOf(op.output)))
	}
	if paginate {
		err = pr.paginated(&awscli.Paginator{Call: call, ResultKey: op.resultKey, MaxItems: maxItems, Start: start})
	} else {
		var out *awscli.Object
		out, err = call(r.ctx, nil)
		if err == nil {
			err = pr.print(out)
		}
	}
	if err != nil {
		var ce *callError
		if errors.As(err, &ce) {
			if ce.exit == exitInterrupt {
				io.WriteString(r.stdout, "\n")
				return exitInterrupt
			}
			writeError(r.stderr, ce.msg)
			return ce.exit
		}
		if r.ctx.Err() != nil {
			io.WriteString(r.stdout, "\n")
			return exitInterrupt
		}
		return r.fail(err)
	}
	return exitOK
}

// callError is a failed call, already worded.
type callError struct {
	msg  string
	exit int
}

func (e *callError) Error() string { return e.msg }

// demoCredentials are the keys --demo signs with: the fake endpoint's.
var demoCredentials = credentials.Static{Credentials: credentials.Credentials{
	AccessKeyID: clientvpntest.DefaultAccessKeyID, SecretAccessKey: clientvpntest.DefaultSecretAccessKey, Source: "demo"}}

// settings resolves region, endpoint, credentials, retries and transport.
// In demo mode it starts the in-process fake endpoint and returns it.
func (r *runner) settings(a *args, cfg *awsconfig.Config, output string) (*settings, *clientvpntest.Server, error) {
	st := &settings{output: output}
	st.transport = transportOptions{connectTimeout: 60 * time.Second, readTimeout: 60 * time.Second, noVerify: a.noVerifySSL}
	var err error
	if st.transport.connectTimeout, err = timeoutArg(a.connectTimeout, cfg, "cli_connect_timeout"); err != nil {
		return nil, nil, err
	}
	if st.transport.readTimeout, err = timeoutArg(a.readTimeout, cfg, "cli_read_timeout"); err != nil {
		return nil, nil, err
	}
	if a.demo {
		srv := clientvpntest.NewServer()
		st.region = srv.Region()
		st.endpoint = srv.URL
		st.creds = demoCredentials
		st.credSource = "demo (the documented example keys)"
		return st, srv, nil
	}
	if a.region != nil && *a.region != "" {
		st.region = *a.region
	} else if st.region, err = cfg.Region(); err != nil {
		return nil, nil, &configError{msg: msgNoRegion, exit: exitConfig}
	}
	if !clientvpn.ValidRegion(st.region) {
		return nil, nil, &configError{msg: "Provided region_name '" + st.region + "' doesn't match a supported format.", exit: exitOther}
	}
	if a.endpointURL != nil {
		st.endpoint = *a.endpointURL
	} else {
		st.endpoint = cfg.EndpointURL("EC2")
	}
	if st.endpoint != "" && !strings.HasPrefix(st.endpoint, "http://") && !strings.HasPrefix(st.endpoint, "https://") {
		return nil, nil, &configError{msg: "Bad value for --endpoint-url \"" + st.endpoint + "\": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/", exit: exitOther}
	}
	if st.endpoint == "" {
		if st.useFIPS, err = cfg.UseFIPS(); err != nil {
			return nil, nil, &configError{msg: strings.TrimPrefix(err.Error(), "awsconfig: "), exit: exitOther}
		}
		if st.useDual, err = cfg.UseDualStack(); err != nil {
			return nil, nil, &configError{msg: strings.TrimPrefix(err.Error(), "awsconfig: "), exit: exitOther}
		}
	}
	if n, ok, err := cfg.MaxAttempts(); err != nil {
		return nil, nil, &configError{msg: strings.TrimPrefix(err.Error(), "awsconfig: "), exit: exitOther}
	} else if ok {
		st.maxAttempts = n
	}
	if a.caBundle != nil {
		st.transport.caBundle = *a.caBundle
	} else {
		st.transport.caBundle = cfg.CABundle()
	}
	return st, nil, nil
}

// credentials resolves the AWS CLI's credential chain, once. As in botocore,
// this comes after parameter validation: a missing key is reported only for
// a request that would be sent.
func (r *runner) credentials(a *args, st *settings) error {
	if st.creds != nil {
		return nil // --demo
	}
	profile := ""
	if a.profile != nil {
		profile = *a.profile
	}
	chain := credentials.NewDefaultChain(credentials.ChainOptions{
		Profile: profile, Region: st.region, Getenv: r.getenv, Stderr: r.stderr,
	})
	creds, err := chain.Retrieve(r.ctx)
	if err != nil {
		if r.ctx.Err() != nil {
			return r.ctx.Err()
		}
		if errors.Is(err, credentials.ErrNoCredentials) {
			return &configError{msg: msgNoCredentials, exit: exitConfig}
		}
		return &configError{msg: redactText(strings.TrimPrefix(err.Error(), "credentials: ")), exit: exitOther}
	}
	st.creds = credentials.Static{Credentials: creds}
	st.credSource = creds.Source
	return nil
}

// timeoutArg reads --cli-*-timeout (Python int(), seconds; 0 = none) or the
// profile's setting, defaulting to 60 s.
func timeoutArg(flag *string, cfg *awsconfig.Config, key string) (time.Duration, error) {
	if flag != nil {
		n, ok := awscli.PyInt(*flag)
		if !ok {
			return 0, awscli.IntLiteralError(*flag)
		}
		if n < 0 {
			n = 0
		}
		return time.Duration(n) * time.Second, nil
	}
	if cfg != nil {
		var d time.Duration
		var ok bool
		var err error
		if key == "cli_read_timeout" {
			d, ok, err = cfg.ReadTimeout()
		} else {
			d, ok, err = cfg.ConnectTimeout()
		}
		if err != nil {
			return 0, &configError{msg: strings.TrimPrefix(err.Error(), "awsconfig: "), exit: exitOther}
		}
		if ok {
			return d, nil
		}
	}
	return 60 * time.Second, nil
}

// insecureWarning is what AWS CLI v1 prints (through Python's warnings, once
// per host) for an unverified HTTPS request; the AWS CLI's line starts with
// the absolute path of its urllib3 module, ec2lite's with "urllib3/".
func insecureWarning(host string) string {
	return "urllib3/connectionpool.py:1110: InsecureRequestWarning: Unverified HTTPS request is being made to host '" + host +
		"'. Adding certificate verification is strongly advised. See: https://urllib3.readthedocs.io/en/latest/advanced-usage.html#tls-warnings\n" +
		"  warnings.warn(\n"
}

// terminalWidth returns stdout's width when it is a terminal.
func (r *runner) terminalWidth() (int, bool) {
	f, ok := r.stdout.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 80, false
	}
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil || w <= 0 {
		return 80, true
	}
	return w, true
}
