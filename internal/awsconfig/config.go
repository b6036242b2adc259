// Package awsconfig reads the AWS shared configuration the way the AWS CLI does: the INI files
// ~/.aws/config and ~/.aws/credentials, the profile that applies, and the settings ec2lite
// needs from them and from the environment.
//
// # Files and profiles
//
// [Load] reads the config file (AWS_CONFIG_FILE, default ~/.aws/config) and the credentials
// file (AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials); a missing file counts as
// empty. In the config file a profile is the section [profile NAME] or, for the default
// profile only, [default]; other sections ([sso-session x], [services x], anything else) are
// not profiles. In the credentials file every section [NAME] is the profile NAME. When both
// files define a profile, the keys of the credentials file win. This is botocore's merge.
//
// The profile is [Options.Profile] when set (the CLI's --profile), else AWS_PROFILE, else
// AWS_DEFAULT_PROFILE (honoured by AWS CLI v1), else "default". A profile that was asked for
// and exists in neither file is an error ([*ProfileNotFoundError]); a missing "default" is not.
//
// # Settings
//
// The accessors of [Config] resolve one setting each, environment first, then the profile,
// as the AWS CLI v2 and the SDKs do:
//
//	Region          AWS_REGION, AWS_DEFAULT_REGION, profile region (error ErrNoRegion when none)
//	Output          AWS_DEFAULT_OUTPUT, profile output (default "json")
//	MaxAttempts     AWS_MAX_ATTEMPTS, profile max_attempts
//	RetryMode       AWS_RETRY_MODE, profile retry_mode
//	CABundle        AWS_CA_BUNDLE, profile ca_bundle
//	EndpointURL(id) AWS_ENDPOINT_URL_<ID>, the profile's services section "<id> = endpoint_url = …",
//	                AWS_ENDPOINT_URL, profile endpoint_url; none of them when
//	                AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or ignore_configured_endpoint_urls is true
//	UseFIPS         AWS_USE_FIPS_ENDPOINT, profile use_fips_endpoint
//	UseDualStack    AWS_USE_DUALSTACK_ENDPOINT, profile use_dualstack_endpoint
//	ReadTimeout     profile cli_read_timeout (seconds; the CLI flag --cli-read-timeout wins)
//	ConnectTimeout  profile cli_connect_timeout (seconds)
//	Setting(e, k)   any other setting: environment variable e, else profile key k
//
// [Profile.Get] reads any other key, [Profile.Sub] a nested sub-section such as
// "s3 =\n  addressing_style = path".
//
// Errors name the file and the profile, never a value: the files hold secret keys.
package awsconfig

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Options says where to look. The zero value reads the process environment and the usual files.
type Options struct {
	// Profile is the profile to use, as given by --profile; empty means AWS_PROFILE,
	// AWS_DEFAULT_PROFILE or "default".
	Profile string
	// ConfigFile and CredentialsFile override AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE.
	ConfigFile, CredentialsFile string
	// Getenv reads environment variables; nil means os.Getenv. Tests pass a map lookup.
	Getenv func(string) string
}

// Config is the loaded shared configuration and the environment it was loaded with.
// It is immutable after Load and safe for concurrent use.
type Config struct {
	// ProfileName is the profile in use and ProfileExplicit whether it came from
	// Options.Profile (the CLI drops environment credentials then).
	ProfileName     string
	ProfileExplicit bool
	// ConfigFile and CredentialsFile are the paths read (they need not exist).
	ConfigFile, CredentialsFile string

	getenv   func(string) string
	profiles map[string]*Profile
	services map[string]map[string]Value // [services NAME] sections
	sso      map[string]map[string]Value // [sso-session NAME] sections
}

// Profile is one profile: the merged keys of its config and credentials sections.
type Profile struct {
	Name   string
	values map[string]Value
	origin map[string]string // key -> file it came from
	// InConfig and InCredentials tell which files define the profile.
	InConfig, InCredentials bool
}

// Get returns the value of key (lower-case) and whether the profile sets it.
// A nested sub-section reads as "" with ok true; use Sub for its keys.
func (p *Profile) Get(key string) (string, bool) {
	if p == nil {
		return "", false
	}
	v, ok := p.values[key]
	if v.Sub != nil {
		return "", ok
	}
	return v.Text, ok
}

// Value returns the value of key, "" when unset.
func (p *Profile) Value(key string) string {
	v, _ := p.Get(key)
	return v
}

// Sub returns the nested sub-section key ("s3 =\n  k = v"), nil when the key is unset or flat.
func (p *Profile) Sub(key string) map[string]string {
	if p == nil {
		return nil
	}
	return p.values[key].Sub
}

// Origin returns the path of the file that set key, "" when unset.
func (p *Profile) Origin(key string) string {
	if p == nil {
		return ""
	}
	return p.origin[key]
}

// ProfileNotFoundError reports a profile that was asked for but exists in neither file.
type ProfileNotFoundError struct {
	Profile                     string
	ConfigFile, CredentialsFile string
}

func (e *ProfileNotFoundError) Error() string {
	return fmt.Sprintf("awsconfig: the config profile (%s) could not be found in %s or %s", e.Profile, e.ConfigFile, e.CredentialsFile)
}

// FileError reports a config or credentials file that cannot be read or parsed.
// Err is a *SyntaxError for a malformed file.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return fmt.Sprintf("awsconfig: %s: %v", e.Path, e.Err) }
func (e *FileError) Unwrap() error { return e.Err }

// ErrNoRegion is returned by [Config.Region] when no region is configured.
var ErrNoRegion = errors.New("awsconfig: no region configured: set AWS_REGION or AWS_DEFAULT_REGION, pass --region, or set region in the profile (aws configure)")

// Load reads the shared config and credentials files and selects the profile.
func Load(o Options) (*Config, error) {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	c := &Config{
		getenv:          getenv,
		profiles:        map[string]*Profile{},
		services:        map[string]map[string]Value{},
		sso:             map[string]map[string]Value{},
		ConfigFile:      o.ConfigFile,
		CredentialsFile: o.CredentialsFile,
	}
	if c.ConfigFile == "" {
		c.ConfigFile = getenv("AWS_CONFIG_FILE")
	}
	if c.ConfigFile == "" {
		c.ConfigFile = filepath.Join("~", ".aws", "config")
	}
	if c.CredentialsFile == "" {
		c.CredentialsFile = getenv("AWS_SHARED_CREDENTIALS_FILE")
	}
	if c.CredentialsFile == "" {
		c.CredentialsFile = filepath.Join("~", ".aws", "credentials")
	}
	c.ConfigFile = expandPath(c.ConfigFile, getenv)
	c.CredentialsFile = expandPath(c.CredentialsFile, getenv)

	switch {
	case o.Profile != "":
		c.ProfileName, c.ProfileExplicit = o.Profile, true
	case getenv("AWS_PROFILE") != "":
		c.ProfileName = getenv("AWS_PROFILE")
	case getenv("AWS_DEFAULT_PROFILE") != "":
		c.ProfileName = getenv("AWS_DEFAULT_PROFILE")
	default:
		c.ProfileName = "default"
	}

	cfg, err := readFile(c.ConfigFile)
	if err != nil {
		return nil, err
	}
	for _, s := range cfg.Sections {
		kind, name, ok := classify(s.Name)
		if !ok {
			continue
		}
		switch kind {
		case "profile":
			p := &Profile{Name: name, values: map[string]Value{}, origin: map[string]string{}, InConfig: true}
			for k, v := range s.Values {
				p.values[k] = v
				p.origin[k] = c.ConfigFile
			}
			c.profiles[name] = p // a later section wins, as in botocore's dict update
		case "services":
			c.services[name] = s.Values
		case "sso-session":
			c.sso[name] = s.Values
		}
	}
	creds, err := readFile(c.CredentialsFile)
	if err != nil {
		return nil, err
	}
	for _, s := range creds.Sections {
		p := c.profiles[s.Name]
		if p == nil {
			p = &Profile{Name: s.Name, values: map[string]Value{}, origin: map[string]string{}}
			c.profiles[s.Name] = p
		}
		p.InCredentials = true
		for k, v := range s.Values {
			p.values[k] = v
			p.origin[k] = c.CredentialsFile
		}
	}
	if c.ProfileName != "default" && c.profiles[c.ProfileName] == nil {
		return nil, &ProfileNotFoundError{Profile: c.ProfileName, ConfigFile: c.ConfigFile, CredentialsFile: c.CredentialsFile}
	}
	return c, nil
}

// classify maps a config-file section name to its kind the way botocore's build_profile_map
// does: names starting with "profile", "sso-session" or "services" are split like a shell
// command line and count only when that gives exactly two words; "default" is a profile.
func classify(section string) (kind, name string, ok bool) {
	for _, k := range []string{"profile", "sso-session", "services"} {
		if strings.HasPrefix(section, k) {
			words, err := SplitCommand(section)
			if err != nil || len(words) != 2 {
				return "", "", false
			}
			return k, words[1], true
		}
	}
	if section == "default" {
		return "profile", "default", true
	}
	return "", "", false
}

// MaxFileSize bounds the size of a shared config or credentials file. The
// files hold a few kilobytes; a bigger one (a path naming /dev/zero, a log
// file by mistake) is refused with [ErrFileTooLarge] instead of being read
// until memory runs out.
const MaxFileSize = 16 << 20

// ErrFileTooLarge is the Err of the [*FileError] of a file over
// [MaxFileSize].
var ErrFileTooLarge = errors.New("file larger than 16 MiB")

// readBounded reads the file at path, at most MaxFileSize bytes. Opening a
// FIFO without a writer blocks, and nothing here can cancel it: a program
// that must stay responsive reads its configuration where it can abandon
// the read.
func readBounded(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	if len(data) > MaxFileSize {
		return nil, ErrFileTooLarge
	}
	return data, nil
}

func readFile(path string) (*File, error) {
	data, err := readBounded(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &File{}, nil
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &FileError{Path: path, Err: err}
	}
	f, err := Parse(data)
	if err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	return f, nil
}

// expandPath expands a leading ~ and $VAR/${VAR} references to set variables, as botocore's
// os.path.expanduser(os.path.expandvars(path)) does; unset variables are left as written.
func expandPath(p string, getenv func(string) string) string {
	p = os.Expand(p, func(name string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return "${" + name + "}"
	})
	if p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, "~"+string(filepath.Separator)) {
		home := getenv("HOME")
		if home == "" {
			home, _ = os.UserHomeDir()
		}
		if home != "" {
			p = filepath.Join(home, p[1:])
		}
	}
	return p
}

// Profile returns the named profile, or nil when neither file defines it.
func (c *Config) Profile(name string) *Profile { return c.profiles[name] }

// Current returns the profile in use; nil when it is "default" and no file defines it.
func (c *Config) Current() *Profile { return c.profiles[c.ProfileName] }

// Getenv reads an environment variable through the Options.Getenv the Config was loaded with.
func (c *Config) Getenv(key string) string { return c.getenv(key) }

// Setting returns the environment variable env when set, else the profile's key, else "".
// It is how every setting of the AWS CLI without an accessor of its own resolves
// (e.g. Setting("AWS_STS_REGIONAL_ENDPOINTS", "sts_regional_endpoints")).
func (c *Config) Setting(env, key string) string {
	v, _ := c.setting(env, key)
	return v
}

// setting returns the first non-empty of the environment variable env and the profile key,
// and where it came from.
func (c *Config) setting(env, key string) (value, source string) {
	if env != "" {
		if v := c.getenv(env); v != "" {
			return v, env
		}
	}
	if v := c.Current().Value(key); v != "" {
		return v, fmt.Sprintf("%s (profile %s)", c.Current().Origin(key), c.ProfileName)
	}
	return "", ""
}

// Region returns the region: AWS_REGION, AWS_DEFAULT_REGION or the profile's region.
func (c *Config) Region() (string, error) {
	if v := c.getenv("AWS_REGION"); v != "" {
		return v, nil
	}
	if v, _ := c.setting("AWS_DEFAULT_REGION", "region"); v != "" {
		return v, nil
	}
	return "", ErrNoRegion
}

// Output returns the output format: AWS_DEFAULT_OUTPUT, the profile's output, or "json".
func (c *Config) Output() string {
	if v, _ := c.setting("AWS_DEFAULT_OUTPUT", "output"); v != "" {
		return v
	}
	return "json"
}

// MaxAttempts returns AWS_MAX_ATTEMPTS or the profile's max_attempts; ok is false when neither
// is set. A value that is not a positive integer is an error naming where it came from.
func (c *Config) MaxAttempts() (n int, ok bool, err error) {
	v, src := c.setting("AWS_MAX_ATTEMPTS", "max_attempts")
	if v == "" {
		return 0, false, nil
	}
	n, err = strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, false, &SettingError{Name: "max_attempts", Source: src, Value: v, Want: "a positive integer"}
	}
	return n, true, nil
}

// A SettingError reports a setting whose value is not one the setting
// takes.
type SettingError struct {
	Name   string // the profile's name for it: "max_attempts"
	Source string // where it came from: AWS_MAX_ATTEMPTS, or the file and profile
	Value  string
	Want   string // what it must be: "a positive integer"
}

func (e *SettingError) Error() string {
	return fmt.Sprintf("awsconfig: %s from %s must be %s, got %q", e.Name, e.Source, e.Want, e.Value)
}

// RetryMode returns AWS_RETRY_MODE or the profile's retry_mode ("" when unset).
func (c *Config) RetryMode() string {
	v, _ := c.setting("AWS_RETRY_MODE", "retry_mode")
	return v
}

// CABundle returns the path of the CA bundle: AWS_CA_BUNDLE or the profile's ca_bundle.
func (c *Config) CABundle() string {
	v, _ := c.setting("AWS_CA_BUNDLE", "ca_bundle")
	return expandPath(v, c.getenv)
}

// UseFIPS reports AWS_USE_FIPS_ENDPOINT or the profile's use_fips_endpoint.
func (c *Config) UseFIPS() (bool, error) {
	return c.boolSetting("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint")
}

// UseDualStack reports AWS_USE_DUALSTACK_ENDPOINT or the profile's use_dualstack_endpoint.
func (c *Config) UseDualStack() (bool, error) {
	return c.boolSetting("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint")
}

func (c *Config) boolSetting(env, key string) (bool, error) {
	v, src := c.setting(env, key)
	switch strings.ToLower(v) {
	case "":
		return false, nil
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("awsconfig: %s from %s must be true or false, got %q", key, src, v)
}

// ReadTimeout returns the profile's cli_read_timeout; ok is false when unset. 0 means no timeout.
func (c *Config) ReadTimeout() (d time.Duration, ok bool, err error) {
	return c.seconds("cli_read_timeout")
}

// ConnectTimeout returns the profile's cli_connect_timeout; ok is false when unset.
func (c *Config) ConnectTimeout() (d time.Duration, ok bool, err error) {
	return c.seconds("cli_connect_timeout")
}

func (c *Config) seconds(key string) (time.Duration, bool, error) {
	v, src := c.setting("", key)
	if v == "" {
		return 0, false, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || f > 1e9 {
		return 0, false, fmt.Errorf("awsconfig: %s from %s must be a number of seconds, got %q", key, src, v)
	}
	return time.Duration(f * float64(time.Second)), true, nil
}

// EndpointURL returns the configured endpoint URL for a service, "" when none. serviceID is the
// service's SDK ID ("EC2", "STS"): the environment variable is AWS_ENDPOINT_URL_ followed by
// the ID upper-cased with spaces as underscores, the services-section key is the ID
// lower-cased with spaces as underscores.
func (c *Config) EndpointURL(serviceID string) string {
	if ignore, _ := c.boolSetting("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls"); ignore {
		return ""
	}
	envName := "AWS_ENDPOINT_URL_" + strings.ToUpper(strings.ReplaceAll(serviceID, " ", "_"))
	if v := c.getenv(envName); v != "" {
		return v
	}
	if svc := c.Current().Value("services"); svc != "" {
		key := strings.ToLower(strings.ReplaceAll(serviceID, " ", "_"))
		if v := c.services[svc][key].Sub["endpoint_url"]; v != "" {
			return v
		}
	}
	v, _ := c.setting("AWS_ENDPOINT_URL", "endpoint_url")
	return v
}

// Services returns the [services name] section, nil when the config file has none.
func (c *Config) Services(name string) map[string]Value { return c.services[name] }

// SSOSession returns the [sso-session name] section, nil when the config file has none.
func (c *Config) SSOSession(name string) map[string]Value { return c.sso[name] }
