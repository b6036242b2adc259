package clientvpntest

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

const (
	actionDescribe = "DescribeClientVpnConnections"
	apiVersion     = "2016-11-15"

	// minMaxResults and maxMaxResults bound MaxResults (the model's range);
	// defaultPageSize is the page size when MaxResults is not given.
	minMaxResults   = 5
	maxMaxResults   = 1000
	defaultPageSize = 1000
)

// apiError is an EC2 error answer: HTTP status, code and message.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

// EC2's answers, with the wording EC2 uses where it is known (see the package
// documentation for sources and for the ones that are guesses).
func errMissingParameter(name string) *apiError {
	return &apiError{http.StatusBadRequest, "MissingParameter", "The request must contain the parameter " + name}
}

func errInvalidParameterValue(msg string) *apiError {
	return &apiError{http.StatusBadRequest, "InvalidParameterValue", msg}
}

func errAuthFailure() *apiError {
	return &apiError{http.StatusUnauthorized, "AuthFailure", "AWS was not able to validate the provided access credentials"}
}

func errSignatureDoesNotMatch(msg string) *apiError {
	if msg == "" {
		msg = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
	}
	return &apiError{http.StatusForbidden, "SignatureDoesNotMatch", msg}
}

func errIncompleteSignature(msg string) *apiError {
	return &apiError{http.StatusBadRequest, "IncompleteSignature", msg}
}

var (
	errRequestExpired   = &apiError{http.StatusBadRequest, "RequestExpired", "Request has expired."}
	errDryRun           = &apiError{http.StatusPreconditionFailed, "DryRunOperation", "Request would have succeeded, but DryRun flag is set."}
	errInvalidNextToken = &apiError{http.StatusBadRequest, "InvalidNextToken", "The token is invalid or has expired."}
)

// describeRequest is a parsed DescribeClientVpnConnections request.
type describeRequest struct {
	EndpointID string
	Filters    []filter
	MaxResults int // 0: not given
	NextToken  string
	DryRun     bool
}

type filter struct {
	Name   string
	Values []string
}

// authQueryParams are the presigned-URL parameters, which belong to authentication.
var authQueryParams = map[string]bool{
	"X-Amz-Algorithm": true, "X-Amz-Credential": true, "X-Amz-Date": true, "X-Amz-Expires": true,
	"X-Amz-SignedHeaders": true, "X-Amz-Signature": true, "X-Amz-Security-Token": true,
}

// The actions the server answers.
const (
	actionTerminate = "TerminateClientVpnConnections"
	actionEndpoints = "DescribeClientVpnEndpoints"
)

var actions = map[string]bool{actionDescribe: true, actionTerminate: true, actionEndpoints: true}

// checkAction checks the Action and Version of an EC2 Query request, as EC2
// answers a missing or unknown one, and returns the action.
func checkAction(form url.Values) (string, *apiError) {
	action, ok := first(form, "Action")
	if !ok || action == "" {
		return "", &apiError{http.StatusBadRequest, "MissingAction", "The request must contain the parameter Action"}
	}
	if !actions[action] {
		return "", &apiError{http.StatusBadRequest, "InvalidAction", fmt.Sprintf("The action %s is not valid for this web service.", action)}
	}
	version, ok := first(form, "Version")
	if !ok || version == "" {
		return "", errMissingParameter("Version")
	}
	if version != apiVersion {
		return "", &apiError{http.StatusBadRequest, "NoSuchVersion", fmt.Sprintf("The requested version (%s) of service AmazonEC2 does not exist", version)}
	}
	return action, nil
}

// paramSpec is the parameters of one action.
type paramSpec struct {
	action   string
	scalars  []string // plain string parameters (DryRun, MaxResults and NextToken are always known)
	paged    bool     // MaxResults and NextToken are parameters
	list     string   // a flattened string list, list.N; "" for none
	filters  []string // the valid filter names; nil: Filter.N is not a parameter
	required []string // scalars EC2 requires
}

// params is a parsed request.
type params struct {
	scalars    map[string]string
	list       []string
	filters    []filter
	maxResults int // 0: not given
	nextToken  string
	dryRun     bool
}

// parseParams checks Action and Version and parses the parameters of spec,
// answering as EC2 does for missing, unknown and invalid ones: in the sorted
// order of the parameter names, then the required ones, then the filters.
// Parameter names are case-sensitive; of a repeated parameter the first value
// counts. It never panics.
func parseParams(form url.Values, spec *paramSpec) (params, *apiError) {
	p := params{scalars: map[string]string{}}
	action, aerr := checkAction(form)
	if aerr != nil {
		return p, aerr
	}
	if action != spec.action {
		return p, &apiError{http.StatusBadRequest, "InvalidAction", fmt.Sprintf("The action %s is not valid for this web service.", action)}
	}
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	type filterParts struct {
		name    string
		hasName bool
		values  map[int]string
	}
	filters := make(map[int]*filterParts)
	list := make(map[int]string)
	unknown := func(k string) *apiError {
		return &apiError{http.StatusBadRequest, "UnknownParameter", fmt.Sprintf("The parameter %s is not recognized", k)}
	}
keys:
	for _, k := range keys {
		v := form[k][0]
		switch {
		case k == "Action" || k == "Version" || authQueryParams[k]:
			continue
		case k == "DryRun":
			switch strings.ToLower(v) {
			case "true":
				p.dryRun = true
			case "false":
			default:
				return p, errInvalidParameterValue(fmt.Sprintf("Value (%s) for parameter DryRun is invalid. Expecting a boolean.", v))
			}
			continue
		case spec.paged && k == "NextToken":
			p.nextToken = v
			continue
		case spec.paged && k == "MaxResults":
			n, err := strconv.Atoi(strings.TrimSpace(v))
			switch {
			case err != nil || n < minMaxResults:
				return p, errInvalidParameterValue(fmt.Sprintf("Value ( %s ) for parameter maxResults is invalid. Expecting a value greater than %d.", v, minMaxResults))
			case n > maxMaxResults:
				return p, errInvalidParameterValue(fmt.Sprintf("Value ( %s ) for parameter maxResults is invalid. Expecting a value less than %d.", v, maxMaxResults))
			}
			p.maxResults = n
			continue
		}
		for _, name := range spec.scalars {
			if k == name {
				p.scalars[k] = v
				continue keys
			}
		}
		if spec.list != "" {
			if n, rest, ok := indexed(k, spec.list+"."); ok {
				if rest != "" {
					return p, unknown(k)
				}
				list[n] = v
				continue
			}
		}
		if spec.filters == nil {
			return p, unknown(k)
		}
		n, rest, ok := indexed(k, "Filter.")
		if !ok {
			return p, unknown(k)
		}
		fp := filters[n]
		if fp == nil {
			fp = &filterParts{values: make(map[int]string)}
			filters[n] = fp
		}
		if rest == "Name" {
			fp.name, fp.hasName = v, true
			continue
		}
		m, tail, ok := indexed(rest, "Value.")
		if !ok || tail != "" {
			return p, unknown(k)
		}
		fp.values[m] = v
	}
	for _, name := range spec.required {
		if p.scalars[name] == "" {
			return p, errMissingParameter(name)
		}
	}
	for _, n := range sortedKeys(list) {
		p.list = append(p.list, list[n])
	}
	for _, n := range sortedKeys(filters) {
		fp := filters[n]
		if !fp.hasName {
			return p, errMissingParameter(fmt.Sprintf("Filter.%d.Name", n))
		}
		valid := false
		for _, name := range spec.filters {
			valid = valid || fp.name == name
		}
		if !valid {
			return p, errInvalidParameterValue(fmt.Sprintf("The filter '%s' is invalid", fp.name))
		}
		if len(fp.values) == 0 {
			return p, errMissingParameter(fmt.Sprintf("Filter.%d.Value", n))
		}
		f := filter{Name: fp.name}
		for _, m := range sortedKeys(fp.values) {
			f.Values = append(f.Values, fp.values[m])
		}
		p.filters = append(p.filters, f)
	}
	return p, nil
}

func sortedKeys[V any](m map[int]V) []int {
	ns := make([]int, 0, len(m))
	for n := range m {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	return ns
}

var describeSpec = paramSpec{
	action:   actionDescribe,
	scalars:  []string{"ClientVpnEndpointId"},
	paged:    true,
	filters:  []string{"connection-id", "username"},
	required: []string{"ClientVpnEndpointId"},
}

// parseDescribeRequest parses a DescribeClientVpnConnections request (see
// parseParams).
func parseDescribeRequest(form url.Values) (describeRequest, *apiError) {
	p, aerr := parseParams(form, &describeSpec)
	if aerr != nil {
		return describeRequest{}, aerr
	}
	return describeRequest{
		EndpointID: p.scalars["ClientVpnEndpointId"],
		Filters:    p.filters,
		MaxResults: p.maxResults,
		NextToken:  p.nextToken,
		DryRun:     p.dryRun,
	}, nil
}

func first(form url.Values, key string) (string, bool) {
	v, ok := form[key]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// indexed splits "Prefix.N.rest" into N (a positive decimal without sign or
// leading zeros, at most 1,000,000) and rest ("" when the key ends after N).
func indexed(key, prefix string) (n int, rest string, ok bool) {
	if !strings.HasPrefix(key, prefix) {
		return 0, "", false
	}
	s := key[len(prefix):]
	digits, rest, _ := strings.Cut(s, ".")
	if digits == "" || len(digits) > 7 || digits[0] == '0' {
		return 0, "", false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, "", false
		}
	}
	n, _ = strconv.Atoi(digits)
	if n > 1000000 {
		return 0, "", false
	}
	if rest == "" && strings.HasSuffix(s, ".") {
		return 0, "", false
	}
	return n, rest, true
}

// matches reports whether c passes every filter (filters AND-ed, values OR-ed,
// exact case-sensitive comparison).
func (req *describeRequest) matches(c *Connection) bool {
	for _, f := range req.Filters {
		var field string
		switch f.Name {
		case "connection-id":
			field = c.ID
		case "username":
			field = c.Username
		}
		ok := false
		for _, v := range f.Values {
			if v == field {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}
