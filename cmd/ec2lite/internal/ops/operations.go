package ops

// The operations ec2lite runs, described as data: each one's command name,
// EC2 name, members (model order, with their kinds) and paged list. One
// generic path serves them all: flags and --cli-input-json to botocore-style
// parameters (buildOpParams), botocore's validation into the typed input
// (bindInput), the call, and the decoded output into the printers' tree
// (modelTree). Adding an operation is one entry in Ops (with its call and
// skeleton), its name in cli.Operations and its options' commands in
// cli.OptSpecs (TestOpsMatchParser checks the two agree); the command table
// of package main picks it up from Ops.

import (
	"context"
	"reflect"
	"strconv"
	"strings"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/query"
)

// memberKind is how a member is given on the command line and validated.
type memberKind int

const (
	kindString     memberKind = iota // --name value
	kindStringList                   // --name v1 v2 ... (or a JSON list)
	kindFilters                      // --filters, shorthand or JSON
	kindInt                          // --name N (Python int())
	KindBool                         // --name / --no-name
)

// opMember is one input member of an operation.
type opMember struct {
	Name     string // model name, also the input struct's field name
	Kind     memberKind
	Required bool
	Min, Max int64 // kindInt: the model's range (max: ec2lite's own check)
	Help     string
}

// Flag is the member's option name: --client-vpn-endpoint-id.
func (m *opMember) Flag() string { return "--" + Kebab(m.Name) }

// Kebab turns a model name into its AWS CLI option name (without dashes).
func Kebab(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Op is one operation of the CLI.
type Op struct {
	Name    string // the AWS CLI command: describe-client-vpn-connections
	Api     string // the EC2 operation: DescribeClientVpnConnections
	Summary string // one line for the command list
	// description and examples are the help text (examples follow
	// "ec2lite COMMAND ").
	Description string
	Examples    []string
	Members     []opMember
	// resultKey is the paged list of a paginated operation ("Connections");
	// "" for an operation without pagination.
	ResultKey string
	// input is the zero input struct the parameters bind to.
	Input any
	// call makes the call with the bound input and returns the output
	// (a pointer to the clientvpn output struct).
	Call func(ctx context.Context, c *clientvpn.Client, in any) (any, error)
	// skeleton is --generate-cli-skeleton's output (AWS CLI v1 and v2 alike).
	Skeleton string
	// output is the zero value of the output type; its member names, in model
	// order, are the key-order hint of --query results (see outputKeyOrder).
	Output any
}

func (op *Op) Paginated() bool { return op.ResultKey != "" }

func (op *Op) MemberNames() []string {
	names := make([]string, len(op.Members))
	for i, m := range op.Members {
		names[i] = m.Name
	}
	return names
}

func (op *Op) Member(name string) *opMember {
	for i := range op.Members {
		if op.Members[i].Name == name {
			return &op.Members[i]
		}
	}
	return nil
}

var dryRunMember = opMember{Name: "DryRun", Kind: KindBool, Help: "Only check whether the call would be allowed (DryRunOperation)."}

// Ops are the operations, the first being ec2lite's original one.
var Ops = []*Op{
	{
		Name: cli.OpName, Api: cli.OpAPIName, Summary: "list the connections of a Client VPN endpoint",
		Description: "Describes the active client connections and the connections terminated within the\n" +
			"last 60 minutes of the specified Client VPN endpoint (EC2 DescribeClientVpnConnections).",
		Examples: []string{
			"--demo",
			"--client-vpn-endpoint-id cvpn-endpoint-123456789123abcde \\\n      --filters Name=username,Values=alice,bob --output table",
			"--client-vpn-endpoint-id cvpn-endpoint-123456789123abcde \\\n      --max-items 10 --query 'Connections[].[ConnectionId,Username,Status.Code]' --output text",
		},
		Members: []opMember{
			{Name: "ClientVpnEndpointId", Kind: kindString, Required: true, Help: "The ID of the Client VPN endpoint (required)."},
			{Name: "Filters", Kind: kindFilters, Help: "Filters: Name=connection-id|username,Values=v1,v2 (shorthand, several filters as separate arguments) or JSON."},
			{Name: "NextToken", Kind: kindString, Help: "The token of the page to return; disables auto-pagination."},
			{Name: "MaxResults", Kind: kindInt, Min: 5, Max: 1000, Help: "The maximum number of results per request (5-1000); disables auto-pagination."},
			dryRunMember,
		},
		ResultKey: "Connections",
		Input:     clientvpn.DescribeClientVpnConnectionsInput{},
		Call: func(ctx context.Context, c *clientvpn.Client, in any) (any, error) {
			x := in.(clientvpn.DescribeClientVpnConnectionsInput)
			return c.DescribeClientVpnConnections(ctx, &x)
		},
		Skeleton: inputSkeleton,
		Output:   clientvpn.DescribeClientVpnConnectionsOutput{},
	},
	{
		Name: "terminate-client-vpn-connections", Api: "TerminateClientVpnConnections",
		Summary: "terminate a connection, or the connections of a user",
		Description: "Terminates an active client connection of a Client VPN endpoint (--connection-id), or the\n" +
			"active connections of one user, up to five (--username) (EC2 TerminateClientVpnConnections).",
		Examples: []string{
			"--demo --username dave",
			"--client-vpn-endpoint-id cvpn-endpoint-123456789123abcde \\\n      --connection-id cvpn-connection-0123456789abcdef0",
			"--client-vpn-endpoint-id cvpn-endpoint-123456789123abcde --username alice --dry-run",
		},
		Members: []opMember{
			{Name: "ClientVpnEndpointId", Kind: kindString, Required: true, Help: "The ID of the Client VPN endpoint (required)."},
			{Name: "ConnectionId", Kind: kindString, Help: "The ID of the connection to terminate."},
			{Name: "Username", Kind: kindString, Help: "Terminate the active connections of this user (at most five)."},
			dryRunMember,
		},
		Input: clientvpn.TerminateClientVpnConnectionsInput{},
		Call: func(ctx context.Context, c *clientvpn.Client, in any) (any, error) {
			x := in.(clientvpn.TerminateClientVpnConnectionsInput)
			return c.TerminateClientVpnConnections(ctx, &x)
		},
		Skeleton: "{\n    \"ClientVpnEndpointId\": \"\",\n    \"ConnectionId\": \"\",\n    \"Username\": \"\",\n    \"DryRun\": true\n}\n",
		Output:   clientvpn.TerminateClientVpnConnectionsOutput{},
	},
	{
		Name: "describe-client-vpn-endpoints", Api: "DescribeClientVpnEndpoints",
		Summary: "list the Client VPN endpoints",
		Description: "Describes the Client VPN endpoints of the account in the region, or those given\n" +
			"(EC2 DescribeClientVpnEndpoints).",
		Examples: []string{
			"--demo",
			"--filters Name=transport-protocol,Values=udp --output table",
			"--query 'ClientVpnEndpoints[].[ClientVpnEndpointId,Status.Code,Description]' --output text",
		},
		Members: []opMember{
			{Name: "ClientVpnEndpointIds", Kind: kindStringList, Help: "The IDs of the endpoints to describe (default: all)."},
			{Name: "MaxResults", Kind: kindInt, Min: 5, Max: 1000, Help: "The maximum number of results per request (5-1000); disables auto-pagination."},
			{Name: "NextToken", Kind: kindString, Help: "The token of the page to return; disables auto-pagination."},
			{Name: "Filters", Kind: kindFilters, Help: "Filters: Name=endpoint-id|transport-protocol,Values=v1,v2 (shorthand) or JSON."},
			dryRunMember,
		},
		ResultKey: "ClientVpnEndpoints",
		Input:     clientvpn.DescribeClientVpnEndpointsInput{},
		Call: func(ctx context.Context, c *clientvpn.Client, in any) (any, error) {
			x := in.(clientvpn.DescribeClientVpnEndpointsInput)
			return c.DescribeClientVpnEndpoints(ctx, &x)
		},
		Skeleton: "{\n    \"ClientVpnEndpointIds\": [\n        \"\"\n    ],\n    \"MaxResults\": 0,\n    \"NextToken\": \"\",\n    \"Filters\": [\n        {\n            \"Name\": \"\",\n            \"Values\": [\n                \"\"\n            ]\n        }\n    ],\n    \"DryRun\": true\n}\n",
		Output:   clientvpn.DescribeClientVpnEndpointsOutput{},
	},
}

// Lookup returns the operation of a command name.
func Lookup(name string) *Op {
	for _, op := range Ops {
		if op.Name == name {
			return op
		}
	}
	return nil
}

// outputKeyOrder lists the member names of an output type and its nested
// types in an order that keeps every struct's members in model order (a
// topological order of their sequences, first seen first): the key-order
// hint of --query results, whose objects lose their order in go-jmespath.
func outputKeyOrder(t reflect.Type) []string {
	var seqs [][]string
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		var seq []string
		for i := range t.NumField() {
			if f := t.Field(i); modelField(f) {
				seq = append(seq, f.Name)
			}
		}
		seqs = append(seqs, seq)
		for i := range t.NumField() {
			if f := t.Field(i); modelField(f) {
				walk(f.Type)
			}
		}
	}
	walk(t)
	// Kahn's algorithm over "a comes before b in some struct", taking
	// names in first-seen order among those ready.
	var names []string
	index := map[string]int{}
	before := map[string]map[string]bool{}
	preds := map[string]int{}
	for _, seq := range seqs {
		for i, n := range seq {
			if _, ok := index[n]; !ok {
				index[n] = len(names)
				names = append(names, n)
			}
			if i > 0 {
				p := seq[i-1]
				if before[p] == nil {
					before[p] = map[string]bool{}
				}
				if !before[p][n] {
					before[p][n] = true
					preds[n]++
				}
			}
		}
	}
	var out []string
	done := map[string]bool{}
	for len(out) < len(names) {
		progress := false
		for _, n := range names {
			if done[n] || preds[n] > 0 {
				continue
			}
			done[n] = true
			out = append(out, n)
			for m := range before[n] {
				preds[m]--
			}
			progress = true
			break
		}
		if !progress { // a cycle: the rest in first-seen order
			for _, n := range names {
				if !done[n] {
					done[n] = true
					out = append(out, n)
				}
			}
		}
	}
	return out
}

// modelField reports whether a field of a clientvpn output type is a model
// member (not the Empty presence set, not the RequestID).
func modelField(f reflect.StructField) bool {
	return f.IsExported() && f.Name != "Empty" && f.Name != "RequestID"
}

// presence is what every decoded clientvpn struct answers.
type presence interface{ Has(member string) bool }

// modelTree converts a decoded clientvpn value into the printers' tree:
// members in model order, an absent element omitted (Has), an empty one ""
// or [] or {}, strings as EC2 sent them, booleans and integers typed. The
// request id is dropped, as the AWS CLI drops ResponseMetadata.
func modelTree(v any) any {
	return treeOf(reflect.ValueOf(v))
}

func treeOf(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer:
		return treeOf(v.Elem())
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Slice:
		l := make([]any, v.Len())
		for i := range l {
			l[i] = treeOf(v.Index(i))
		}
		return l
	case reflect.Struct:
		has, _ := v.Interface().(presence)
		o := &awscli.Object{}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !modelField(f) || has != nil && !has.Has(f.Name) {
				continue
			}
			o.Set(f.Name, treeOf(v.Field(i)))
		}
		return o
	}
	panic("modelTree: no conversion for " + v.Type().String())
}

// opValues returns the command-line values of a member's option, and
// whether it was given.
func opValues(a *cli.Args, m *opMember) ([]string, bool) {
	switch m.Name {
	case "ClientVpnEndpointId":
		if a.EndpointID != nil {
			return []string{*a.EndpointID}, true
		}
		return nil, false
	case "Filters":
		return a.Filters, len(a.Filters) > 0
	case "NextToken":
		if a.NextToken != nil {
			return []string{*a.NextToken}, true
		}
		return nil, false
	case "MaxResults":
		if a.MaxResults != nil {
			return []string{*a.MaxResults}, true
		}
		return nil, false
	}
	v, ok := a.Values[m.Flag()]
	return v, ok
}

// buildOpParams turns the operation's options into botocore-style
// parameters (an *Object in the AWS CLI's order: command-line options in
// model order, then the keys of --cli-input-json they do not override).
func buildOpParams(a *cli.Args, pf awscli.ParamFiles, op *Op) (*awscli.Object, error) {
	params := &awscli.Object{}
	for i := range op.Members {
		m := &op.Members[i]
		if m.Kind == KindBool {
			if m.Name == "DryRun" && a.DryRun != nil {
				params.Set(m.Name, *a.DryRun)
			}
			continue
		}
		vals, ok := opValues(a, m)
		if !ok {
			continue
		}
		switch m.Kind {
		case kindFilters:
			f, err := awscli.ParseFilters(vals, pf)
			if err != nil {
				return nil, err
			}
			params.Set(m.Name, f)
		case kindStringList:
			l, err := parseStringList(m.Flag(), vals, pf)
			if err != nil {
				return nil, err
			}
			if l != nil {
				params.Set(m.Name, l)
			}
		case kindInt:
			v, err := pf.Resolve(m.Flag(), vals[0])
			if err != nil {
				return nil, err
			}
			n, ok := awscli.PyInt(v)
			if !ok {
				return nil, awscli.IntLiteralError(v)
			}
			params.Set(m.Name, n)
		default:
			v, err := pf.Resolve(m.Flag(), vals[0])
			if err != nil {
				return nil, err
			}
			params.Set(m.Name, v)
		}
	}
	if a.CliInputJSON != nil {
		in, err := awscli.ParseCLIInputJSON(*a.CliInputJSON, pf)
		if err != nil {
			return nil, err
		}
		for _, m := range in.Members() {
			if _, set := params.Get(m.Key); !set {
				params.Set(m.Key, m.Value)
			}
		}
	}
	return params, nil
}

// parseStringList parses the values of a list-of-strings option as
// awscli/argprocess.py does: one value starting with '[' is a JSON list,
// otherwise each value is one string (file:// values are read). No value
// at all is an empty list, which sends nothing (nil).
func parseStringList(flag string, values []string, pf awscli.ParamFiles) (any, error) {
	if len(values) == 0 {
		return nil, nil
	}
	resolved := make([]string, len(values))
	for i, v := range values {
		r, err := pf.Resolve(flag, v)
		if err != nil {
			return nil, err
		}
		resolved[i] = r
	}
	if len(resolved) == 1 && strings.HasPrefix(strings.TrimFunc(resolved[0], awscli.PyIsSpace), "[") {
		v, err := awscli.ParsePyJSON(resolved[0])
		if err != nil {
			return nil, &awscli.ParamError{Name: flag, Msg: "Invalid JSON: " + err.Error() + "\nJSON received: " + resolved[0]}
		}
		return v, nil
	}
	l := make([]any, len(resolved))
	for i, r := range resolved {
		l[i] = r
	}
	return l, nil
}

// bindInput validates params as botocore's ParamValidator does and binds
// them to a new input of op (a value of op.input's type).
func bindInput(params *awscli.Object, op *Op) (any, error) {
	var v awscli.Validator
	in := reflect.New(reflect.TypeOf(op.Input)).Elem()
	var required []string
	for _, m := range op.Members {
		if m.Required {
			required = append(required, m.Name)
		}
	}
	names := op.MemberNames()
	v.Structure("", params, names, required)
	// As botocore: the unknown parameters first, then each known one.
	for _, pm := range params.Members() {
		if op.Member(pm.Key) == nil {
			v.Unknown("", pm.Key, names)
		}
	}
	for _, pm := range params.Members() {
		m := op.Member(pm.Key)
		if m == nil {
			continue
		}
		field := in.FieldByName(m.Name)
		switch m.Kind {
		case kindString:
			s, _ := v.Str(pm.Key, pm.Value)
			field.SetString(s)
		case kindStringList:
			l, ok := v.List(pm.Key, pm.Value)
			if !ok {
				continue
			}
			strs := make([]string, 0, len(l))
			for j, x := range l {
				s, _ := v.Str(pm.Key+"["+strconv.Itoa(j)+"]", x)
				strs = append(strs, s)
			}
			field.Set(reflect.ValueOf(strs))
		case kindInt:
			var n int64
			switch x := pm.Value.(type) {
			case int64:
				n = x
			case bool: // bool is an int in Python
				if x {
					n = 1
				}
			default:
				v.InvalidType(pm.Key, pm.Value, "<class 'int'>")
				continue
			}
			if n < m.Min {
				v.Reports = append(v.Reports, "Invalid value for parameter "+pm.Key+", value: "+awscli.PyStr(pm.Value)+", valid min value: "+strconv.FormatInt(m.Min, 10))
				continue
			}
			if m.Max != 0 && n > m.Max {
				// botocore does not check the maximum (EC2 refuses it); the
				// clientvpn client does, before sending.
				v.Reports = append(v.Reports, "Invalid value for parameter "+pm.Key+", value: "+awscli.PyStr(pm.Value)+", valid max value: "+strconv.FormatInt(m.Max, 10))
				continue
			}
			field.SetInt(n)
		case KindBool:
			b, ok := pm.Value.(bool)
			if !ok {
				v.InvalidType(pm.Key, pm.Value, "<class 'bool'>")
				continue
			}
			field.Set(reflect.ValueOf(query.BoolOf(b)))
		case kindFilters:
			field.Set(reflect.ValueOf(validateFilters(&v, pm.Key, pm.Value)))
		}
	}
	if len(v.Reports) > 0 {
		return nil, &awscli.ValidationError{Reports: v.Reports}
	}
	return in.Interface(), nil
}

// filters validates a list of Filter structures.
func validateFilters(v *awscli.Validator, key string, value any) []clientvpn.Filter {
	l, ok := v.List(key, value)
	if !ok {
		return nil
	}
	var out []clientvpn.Filter
	for i, e := range l {
		name := key + "[" + strconv.Itoa(i) + "]"
		o, ok := v.Structure(name, e, []string{"Name", "Values"}, nil)
		if !ok {
			continue
		}
		var f clientvpn.Filter
		for _, fm := range o.Members() {
			if fm.Key != "Name" && fm.Key != "Values" {
				v.Unknown(name, fm.Key, []string{"Name", "Values"})
			}
		}
		for _, fm := range o.Members() {
			switch fm.Key {
			case "Name":
				f.Name, _ = v.Str(awscli.Join(name, "Name"), fm.Value)
			case "Values":
				vals, ok := v.List(awscli.Join(name, "Values"), fm.Value)
				if !ok {
					continue
				}
				f.Values = []string{}
				for j, x := range vals {
					s, _ := v.Str(awscli.Join(name, "Values")+"["+strconv.Itoa(j)+"]", x)
					f.Values = append(f.Values, s)
				}
			}
		}
		out = append(out, f)
	}
	return out
}

// BuildParams is buildOpParams for describe-client-vpn-connections.
func BuildParams(a *cli.Args, pf awscli.ParamFiles) (*awscli.Object, error) {
	return buildOpParams(a, pf, Ops[0])
}

// ToInput is bindInput for describe-client-vpn-connections.
func ToInput(params *awscli.Object) (*clientvpn.DescribeClientVpnConnectionsInput, error) {
	in, err := bindInput(params, Ops[0])
	if err != nil {
		return nil, err
	}
	x := in.(clientvpn.DescribeClientVpnConnectionsInput)
	return &x, nil
}
