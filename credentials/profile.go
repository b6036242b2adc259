package credentials

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/ec2lite/ec2lite/internal/awsconfig"
)

// Profile is a Provider for a profile of the shared config and credentials files
// (~/.aws/config, ~/.aws/credentials). It reads the files on every call, so that a Cache
// around it picks up `aws configure` and `aws sso login` changes when it refreshes.
//
// Within the profile, the first of these that is configured supplies the credentials
// (botocore's order):
//
//   - role_arn with source_profile or credential_source (Environment, Ec2InstanceMetadata or
//     EcsContainer): STS AssumeRole, signed with the source credentials, with
//     role_session_name, external_id and duration_seconds. A source profile that has static
//     keys uses them (it may be the profile itself); one with its own role_arn is assumed
//     first (role chaining). A loop of source_profile references is an error.
//   - web_identity_token_file with role_arn: STS AssumeRoleWithWebIdentity.
//   - aws_access_key_id and aws_secret_access_key (and aws_session_token) in the
//     credentials file.
//   - credential_process: see [Process].
//   - aws_access_key_id and aws_secret_access_key in the config file.
//
// STS calls go to the regional endpoint of Region (else AWS_REGION, AWS_DEFAULT_REGION or the
// profile's region; the global endpoint when there is none, or when sts_regional_endpoints /
// AWS_STS_REGIONAL_ENDPOINTS is "legacy" and the region is one botocore sends to the global
// endpoint) unless AWS_ENDPOINT_URL_STS, the profile's services section, AWS_ENDPOINT_URL or
// endpoint_url names another.
//
// The files or the profile being absent is ErrNoCredentials (only when the profile is
// "default" and was not asked for explicitly); a profile that has keys of none of the kinds
// above is ErrNoCredentials too. Anything else wrong with the profile is an error naming the
// profile and file.
type Profile struct {
	// Name is the profile; empty means AWS_PROFILE, AWS_DEFAULT_PROFILE or "default".
	Name string
	// ConfigFile and CredentialsFile override AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE.
	ConfigFile, CredentialsFile string
	// Region overrides the region used for STS.
	Region string
	// Getenv reads environment variables; nil means os.Getenv.
	Getenv func(string) string
	// HTTPClient sends STS requests; nil means a client with the default
	// timeouts (60 s to connect, 60 s per read). No redirect is followed.
	HTTPClient *http.Client
	// MaxAttempts bounds the attempts of each STS call; zero means 3.
	MaxAttempts int
	// Stderr receives a credential_process's stderr; nil means os.Stderr.
	Stderr io.Writer

	now func() time.Time
}

func (p *Profile) options() awsconfig.Options {
	return awsconfig.Options{Profile: p.Name, ConfigFile: p.ConfigFile, CredentialsFile: p.CredentialsFile, Getenv: p.Getenv}
}

// Retrieve loads the files and returns the profile's credentials.
func (p *Profile) Retrieve(ctx context.Context) (Credentials, error) {
	cfg, err := awsconfig.Load(p.options())
	if err != nil {
		return Credentials{}, &Error{Provider: "Profile", Err: err}
	}
	prov, err := p.provider(cfg)
	if err != nil {
		return Credentials{}, err
	}
	return prov.Retrieve(ctx)
}

// provider builds the provider the current profile describes, without calling it.
func (p *Profile) provider(cfg *awsconfig.Config) (Provider, error) {
	name := cfg.ProfileName
	label := "Profile(" + name + ")"
	if cfg.Current() == nil {
		return nil, notConfigured(label, "no profile %s in %s or %s", name, cfg.ConfigFile, cfg.CredentialsFile)
	}
	r := resolver{p: p, cfg: cfg}
	return r.resolve(name, []string{name})
}

type resolver struct {
	p   *Profile
	cfg *awsconfig.Config
}

func hasStatic(pr *awsconfig.Profile) bool {
	return pr.Value("aws_access_key_id") != "" || pr.Value("aws_secret_access_key") != ""
}

func hasRole(pr *awsconfig.Profile) bool {
	_, web := pr.Get("web_identity_token_file")
	return pr.Value("role_arn") != "" && !web
}

// where names a profile and the file(s) defining it, for errors.
func (r *resolver) where(pr *awsconfig.Profile) string {
	switch {
	case pr.InConfig && pr.InCredentials:
		return fmt.Sprintf("profile %s (%s, %s)", pr.Name, r.cfg.ConfigFile, r.cfg.CredentialsFile)
	case pr.InCredentials:
		return fmt.Sprintf("profile %s (%s)", pr.Name, r.cfg.CredentialsFile)
	}
	return fmt.Sprintf("profile %s (%s)", pr.Name, r.cfg.ConfigFile)
}

// resolve returns the provider for profile name; chain is the source_profile path so far.
func (r *resolver) resolve(name string, chain []string) (Provider, error) {
	pr := r.cfg.Profile(name)
	label := "Profile(" + name + ")"
	if hasRole(pr) {
		return r.assumeRole(pr, label, chain)
	}
	return r.nonRole(pr, label)
}

func (r *resolver) assumeRole(pr *awsconfig.Profile, label string, chain []string) (Provider, error) {
	role := pr.Value("role_arn")
	src, cs := pr.Value("source_profile"), pr.Value("credential_source")
	if pr.Value("mfa_serial") != "" {
		return nil, errorf(label, "%s: mfa_serial is set; ec2lite cannot prompt for an MFA code (use credential_process, or the AWS CLI's cache)", r.where(pr))
	}
	var (
		source Provider
		err    error
	)
	switch {
	case src != "" && cs != "":
		return nil, errorf(label, "%s has both source_profile and credential_source; set only one", r.where(pr))
	case cs != "":
		getenv := r.p.Getenv
		switch cs {
		case "Environment":
			source = Env{Getenv: getenv}
		case "Ec2InstanceMetadata":
			opts := r.p.options()
			source = &IMDS{Getenv: getenv, config: &opts}
		case "EcsContainer":
			source = &Container{Getenv: getenv}
		default:
			return nil, errorf(label, "%s: credential_source %q is not one of Environment, Ec2InstanceMetadata, EcsContainer", r.where(pr), cs)
		}
	case src != "":
		source, err = r.source(pr.Name, src, chain)
		if err != nil {
			return nil, err
		}
	default:
		return nil, errorf(label, "%s has role_arn but neither source_profile nor credential_source", r.where(pr))
	}
	a := &AssumeRole{
		Source:          source,
		RoleARN:         role,
		RoleSessionName: pr.Value("role_session_name"),
		ExternalID:      pr.Value("external_id"),
		HTTPClient:      r.p.HTTPClient,
		MaxAttempts:     r.p.MaxAttempts,
		Name:            label + "/AssumeRole",
		now:             r.p.now,
	}
	if d := pr.Value("duration_seconds"); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n < 1 {
			return nil, errorf(label, "%s: duration_seconds must be a positive integer, got %q", r.where(pr), d)
		}
		a.Duration = time.Duration(n) * time.Second
	}
	a.Region, a.Endpoint, err = r.sts()
	if err != nil {
		return nil, err
	}
	return a, nil
}

// source returns the provider of the source_profile src of profile parent.
func (r *resolver) source(parent, src string, chain []string) (Provider, error) {
	label := "Profile(" + parent + ")"
	sp := r.cfg.Profile(src)
	if sp == nil {
		return nil, &Error{Provider: label, Err: &MissingSourceProfileError{Profile: parent, SourceProfile: src, ConfigFile: r.cfg.ConfigFile, CredentialsFile: r.cfg.CredentialsFile}}
	}
	for _, seen := range chain {
		if seen != src {
			continue
		}
		// A profile may name itself to take static keys from the same section;
		// any other repeat is a loop.
		if src != parent || !hasStatic(sp) {
			return nil, &Error{Provider: label, Err: &SourceProfileLoopError{Profile: src, Visited: append([]string(nil), chain...)}}
		}
	}
	if hasStatic(sp) || !hasRole(sp) {
		prov, err := r.nonRole(sp, "Profile("+src+")")
		if errors.Is(err, ErrNoCredentials) {
			return nil, errorf(label, "source_profile %s has no credentials (%s)", src, r.where(sp))
		}
		return prov, err
	}
	return r.resolve(src, append(chain, src))
}

// nonRole handles everything but role_arn, in botocore's order.
func (r *resolver) nonRole(pr *awsconfig.Profile, label string) (Provider, error) {
	if tf, ok := pr.Get("web_identity_token_file"); ok {
		role := pr.Value("role_arn")
		if role == "" {
			return nil, errorf(label, "%s has web_identity_token_file but no role_arn", r.where(pr))
		}
		region, endpoint, err := r.sts()
		if err != nil {
			return nil, err
		}
		return &WebIdentity{TokenFile: tf, RoleARN: role, RoleSessionName: pr.Value("role_session_name"), Region: region, Endpoint: endpoint, HTTPClient: r.p.HTTPClient, MaxAttempts: r.p.MaxAttempts, Name: label + "/WebIdentity", now: r.p.now}, nil
	}
	static := func() (Provider, error) {
		id, secret := pr.Value("aws_access_key_id"), pr.Value("aws_secret_access_key")
		switch {
		case id == "":
			return nil, errorf(label, "%s has aws_secret_access_key but no aws_access_key_id", r.where(pr))
		case secret == "":
			return nil, errorf(label, "%s has aws_access_key_id but no aws_secret_access_key", r.where(pr))
		}
		return Static{Credentials: Credentials{AccessKeyID: id, SecretAccessKey: secret, SessionToken: pr.Value("aws_session_token"), Source: label}}, nil
	}
	keyOrigin := pr.Origin("aws_access_key_id")
	if keyOrigin == "" {
		keyOrigin = pr.Origin("aws_secret_access_key")
	}
	if hasStatic(pr) && keyOrigin == r.cfg.CredentialsFile {
		return static()
	}
	if cmd := pr.Value("credential_process"); cmd != "" {
		return &Process{Command: cmd, Stderr: r.p.Stderr, Name: label + "/Process", now: r.p.now}, nil
	}
	if hasStatic(pr) {
		return static()
	}
	if pr.Value("sso_session") != "" || pr.Value("sso_start_url") != "" || pr.Value("sso_account_id") != "" {
		return nil, errorf(label, "%s is an SSO profile; ec2lite reads SSO credentials through credential_process: add a profile with "+
			"credential_process = aws configure export-credentials --profile %s --format process", r.where(pr), pr.Name)
	}
	return nil, notConfigured(label, "%s has no credentials", r.where(pr))
}

// sts returns the region and endpoint override for STS calls.
func (r *resolver) sts() (region, endpoint string, err error) {
	region = r.p.Region
	if region == "" {
		region, _ = r.cfg.Region()
	}
	region = stsRegion(r.cfg, region)
	endpoint = r.cfg.EndpointURL("STS")
	if endpoint != "" {
		if err := validEndpoint(endpoint); err != nil {
			return "", "", errorf("Profile("+r.cfg.ProfileName+")", "STS: %v", err)
		}
	}
	return region, endpoint, nil
}

// stsFromConfig resolves the STS region and endpoint for the web identity provider of the
// default chain, from the environment and the shared files (ignoring unreadable files: the
// Profile provider reports those).
func stsFromConfig(o awsconfig.Options, region string) func() (string, string) {
	return func() (string, string) {
		region := region
		cfg, err := awsconfig.Load(o)
		if err != nil {
			getenv := o.Getenv
			if getenv == nil {
				getenv = os.Getenv
			}
			if region == "" {
				region = firstNonEmpty(getenv("AWS_REGION"), getenv("AWS_DEFAULT_REGION"))
			}
			return region, firstNonEmpty(getenv("AWS_ENDPOINT_URL_STS"), getenv("AWS_ENDPOINT_URL"))
		}
		if region == "" {
			region, _ = cfg.Region()
		}
		return stsRegion(cfg, region), cfg.EndpointURL("STS")
	}
}

// legacyGlobalSTSRegion reports the regions whose STS calls go to the global endpoint when
// sts_regional_endpoints (AWS_STS_REGIONAL_ENDPOINTS) is "legacy" (botocore's list; the
// default, "regional", uses the regional endpoint everywhere).
func legacyGlobalSTSRegion(region string) bool {
	switch region {
	case "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
		"aws-global", "ca-central-1", "eu-central-1", "eu-north-1",
		"eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1",
		"us-east-1", "us-east-2", "us-west-1", "us-west-2":
		return true
	}
	return false
}

// stsRegion returns "" (the global endpoint) for a legacy-global region in legacy mode.
func stsRegion(cfg *awsconfig.Config, region string) string {
	if cfg.Setting("AWS_STS_REGIONAL_ENDPOINTS", "sts_regional_endpoints") == "legacy" && legacyGlobalSTSRegion(region) {
		return ""
	}
	return region
}
