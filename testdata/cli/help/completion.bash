# bash completion for ec2lite; load with: source <(ec2lite completion bash)
_ec2lite() {
    local cur prev
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    case "$prev" in
        --output) COMPREPLY=($(compgen -W "json text table" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "on off auto" -- "$cur")); return ;;
        completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
        --cli-input-json|--ca-bundle|--data) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "describe-client-vpn-connections terminate-client-vpn-connections describe-client-vpn-endpoints top metrics fake-endpoint completion version help --client-vpn-endpoint-id --connection-id --username --client-vpn-endpoint-ids --filters --max-results --next-token --dry-run --no-dry-run --cli-input-json --starting-token --page-size --max-items --generate-cli-skeleton --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --no-cli-pager --cli-binary-format --cli-auto-prompt --no-cli-auto-prompt --demo --help --addr --listen --data --access-key --secret-key --all-endpoints --regions --interval --sort --cache" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -W "--client-vpn-endpoint-id --connection-id --username --client-vpn-endpoint-ids --filters --max-results --next-token --dry-run --no-dry-run --cli-input-json --starting-token --page-size --max-items --generate-cli-skeleton --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --no-cli-pager --cli-binary-format --cli-auto-prompt --no-cli-auto-prompt --demo --help --addr --listen --data --access-key --secret-key --all-endpoints --regions --interval --sort --cache" -- "$cur"))
}
complete -F _ec2lite ec2lite
