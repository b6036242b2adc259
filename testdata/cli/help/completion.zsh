#compdef ec2lite
# zsh completion for ec2lite; load with: source <(ec2lite completion zsh)
_ec2lite() {
  _arguments \
    '1:command:(describe-client-vpn-connections terminate-client-vpn-connections describe-client-vpn-endpoints top metrics fake-endpoint completion version help)' \
    '--client-vpn-endpoint-id[The ID of the Client VPN endpoint (required).]:value: ' \
    '--connection-id[The ID of the connection to terminate.]:value: ' \
    '--username[Terminate the active connections of this user (at most five).]:value: ' \
    '--client-vpn-endpoint-ids[The IDs of the endpoints to describe (default  all).]:*:value: ' \
    '--filters[Filters  Name=connection-id|username,Values=v1,v2 (shorthand, several filters as separate arguments) or JSON.]:*:value: ' \
    '--max-results[The maximum number of results per request (5-1000); disables auto-pagination.]:value: ' \
    '--next-token[The token of the page to return; disables auto-pagination.]:value: ' \
    '--dry-run[Only check whether the call would be allowed (DryRunOperation).]' \
    '--no-dry-run[Send DryRun=false.]' \
    '--cli-input-json[The parameters as JSON, inline or file //path; other options override it.]:file:_files' \
    '--starting-token[Where to start paginating  a NextToken printed by --max-items, or a service token.]:value: ' \
    '--page-size[The page size of each request (MaxResults); output is still merged.]:value: ' \
    '--max-items[The total number of items to print; prints a NextToken to resume with.]:value: ' \
    '--generate-cli-skeleton[Print a JSON skeleton of the parameters for --cli-input-json and exit.]:value: ' \
    '--debug[Log every HTTP attempt to stderr (secrets redacted).]' \
    '--endpoint-url[Send requests to this URL instead of the regions EC2 endpoint.]:value: ' \
    '--no-verify-ssl[Do not verify TLS certificates (a warning is printed).]' \
    '--no-paginate[Make one request and print its NextToken.]' \
    '--output[Output format  json, text or table.]:format:(json text table)' \
    '--query[A JMESPath query applied to the result.]:value: ' \
    '--profile[Use this profile of the shared config and credentials files.]:value: ' \
    '--region[The AWS region.]:value: ' \
    '--version[Print the version and exit.]' \
    '--color[Table colours  on, off or auto.]:color:(on off auto)' \
    '--no-sign-request[Accepted; requests are always signed (EC2 refuses unsigned ones).]' \
    '--ca-bundle[A PEM file of CA certificates to verify TLS with.]:file:_files' \
    '--cli-read-timeout[Socket read timeout in seconds (0  none; default 60).]:value: ' \
    '--cli-connect-timeout[Socket connect timeout in seconds (0  none; default 60).]:value: ' \
    '--no-cli-pager[Accepted; ec2lite never pages its output.]' \
    '--cli-binary-format[Accepted (AWS CLI v2); this operation has no binary parameters.]:value: ' \
    '--cli-auto-prompt[Accepted (AWS CLI v2); ec2lite never prompts.]' \
    '--no-cli-auto-prompt[Accepted (AWS CLI v2).]' \
    '--demo[Run against an in-process fake EC2 endpoint with sample data (no AWS account, no network).]' \
    '--help[Print help and exit.]' \
    '--addr[fake-endpoint  the address to listen on (default 127.0.0.1 0, a free port).]:value: ' \
    '--listen[metrics  the address to listen on; fake-endpoint  the same as --addr.]:value: ' \
    '--data[fake-endpoint  a JSON data file (default  the built-in sample data).]:file:_files' \
    '--access-key[fake-endpoint  the access key ID it accepts (default AKIDEXAMPLE).]:value: ' \
    '--secret-key[fake-endpoint  the secret access key of --access-key.]:value: ' \
    '--all-endpoints[Every Client VPN endpoint of the region(s) (DescribeClientVpnEndpoints, then each endpoints connections).]' \
    '--regions[Comma-separated regions to sweep, e.g. us-east-1,eu-west-1 (implies --all-endpoints).]:value: ' \
    '--interval[top  the refresh interval (default 2s).]:value: ' \
    '--sort[top  the column to sort by (id, user, ip, status, age, in, out, total; a leading - reverses).]:value: ' \
    '--cache[metrics  scrapes within this interval reuse the last sample (default 15s; 0  sample on every scrape).]:value: ' \
    '*::arg:->args'
}
if [ "$funcstack[1]" = "_ec2lite" ]; then _ec2lite "$@"; else compdef _ec2lite ec2lite; fi
