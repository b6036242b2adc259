package ops

import (
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
	"github.com/ec2lite/ec2lite/query"
)

// From the command line to an operation's typed input: its options and
// --cli-input-json to botocore-style parameters (buildOpParams), then
// botocore's validation into the input struct (bindInput).

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
		for key, val := range in.All() {
			if _, set := params.Get(key); !set {
				params.Set(key, val)
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
	for key := range params.All() {
		if op.Member(key) == nil {
			v.Unknown("", key, names)
		}
	}
	for key, val := range params.All() {
		m := op.Member(key)
		if m == nil {
			continue
		}
		field := in.FieldByName(m.Name)
		switch m.Kind {
		case kindString:
			s, _ := v.Str(key, val)
			field.SetString(s)
		case kindStringList:
			l, ok := v.List(key, val)
			if !ok {
				continue
			}
			strs := make([]string, 0, len(l))
			for j, x := range l {
				s, _ := v.Str(key+"["+strconv.Itoa(j)+"]", x)
				strs = append(strs, s)
			}
			field.Set(reflect.ValueOf(strs))
		case kindInt:
			var n int64
			switch x := val.(type) {
			case int64:
				n = x
			case bool: // bool is an int in Python
				if x {
					n = 1
				}
			default:
				v.InvalidType(key, val, "<class 'int'>")
				continue
			}
			if n < m.Min {
				v.Reports = append(v.Reports, "Invalid value for parameter "+key+", value: "+awscli.PyStr(val)+", valid min value: "+strconv.FormatInt(m.Min, 10))
				continue
			}
			// botocore does not check the maximum: EC2 refuses it. A value
			// beyond the field (int32) is sent as EC2's largest, which EC2
			// refuses as it would the value itself.
			if field.OverflowInt(n) {
				n = math.MaxInt32
			}
			field.SetInt(n)
		case KindBool:
			b, ok := val.(bool)
			if !ok {
				v.InvalidType(key, val, "<class 'bool'>")
				continue
			}
			field.Set(reflect.ValueOf(query.BoolOf(b)))
		case kindFilters:
			field.Set(reflect.ValueOf(validateFilters(&v, key, val)))
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
		for key := range o.All() {
			if key != "Name" && key != "Values" {
				v.Unknown(name, key, []string{"Name", "Values"})
			}
		}
		for key, val := range o.All() {
			switch key {
			case "Name":
				f.Name, _ = v.Str(awscli.Join(name, "Name"), val)
			case "Values":
				vals, ok := v.List(awscli.Join(name, "Values"), val)
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
