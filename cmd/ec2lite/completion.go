package main

// `ec2lite completion bash|zsh|fish`: shell completion scripts for the
// commands and options, and the values of --output, --color and completion.

import (
	"io"
	"strings"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
)

func (r *runner) completion(a *args) int {
	if len(a.extra) != 1 {
		writeUsageError(r.stderr, programName+": error: completion takes one argument: bash, zsh or fish")
		return exitUsage
	}
	var script string
	switch a.extra[0] {
	case "bash":
		script = bashCompletion()
	case "zsh":
		script = zshCompletion()
	case "fish":
		script = fishCompletion()
	default:
		writeUsageError(r.stderr, programName+": error: argument shell: Invalid choice, valid choices are:\n\n"+awscli.ChoiceColumns([]string{"bash", "zsh", "fish"}))
		return exitUsage
	}
	io.WriteString(r.stdout, script)
	return exitOK
}

func optionNames() []string {
	var names []string
	for _, s := range optSpecs {
		names = append(names, s.name)
	}
	for _, o := range extOpts {
		if !o.hidden {
			names = append(names, o.name)
		}
	}
	return names
}

func bashCompletion() string {
	return `# bash completion for ` + programName + `; load with: source <(` + programName + ` completion bash)
_` + programName + `() {
    local cur prev
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    case "$prev" in
        --output) COMPREPLY=($(compgen -W "` + strings.Join(outputChoices, " ") + `" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "on off auto" -- "$cur")); return ;;
        completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
        --cli-input-json|--ca-bundle|--data) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "` + strings.Join(commands, " ") + ` ` + strings.Join(optionNames(), " ") + `" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -W "` + strings.Join(optionNames(), " ") + `" -- "$cur"))
}
complete -F _` + programName + ` ` + programName + `
`
}

func zshCompletion() string {
	var b strings.Builder
	b.WriteString("#compdef " + programName + "\n# zsh completion for " + programName + "; load with: source <(" + programName + " completion zsh)\n")
	b.WriteString("_" + programName + "() {\n  _arguments \\\n")
	b.WriteString("    '1:command:(" + strings.Join(commands, " ") + ")' \\\n")
	for _, s := range optSpecs {
		help := strings.NewReplacer("'", "", "[", "(", "]", ")", ":", " ").Replace(s.help)
		spec := "    '" + s.name + "[" + help + "]"
		switch {
		case s.name == "--output":
			spec += ":format:(" + strings.Join(outputChoices, " ") + ")"
		case s.name == "--color":
			spec += ":color:(on off auto)"
		case s.name == "--cli-input-json" || s.name == "--ca-bundle" || s.name == "--data":
			spec += ":file:_files"
		case s.multi:
			spec += ":*:value: "
		case s.value:
			spec += ":value: "
		}
		b.WriteString(spec + "' \\\n")
	}
	for _, o := range extOpts {
		if o.hidden {
			continue
		}
		spec := "    '" + o.name + "[" + strings.NewReplacer("'", "", "[", "(", "]", ")", ":", " ").Replace(o.help) + "]"
		if o.value {
			spec += ":value: "
		}
		b.WriteString(spec + "' \\\n")
	}
	b.WriteString("    '*::arg:->args'\n}\n")
	b.WriteString("if [ \"$funcstack[1]\" = \"_" + programName + "\" ]; then _" + programName + " \"$@\"; else compdef _" + programName + " " + programName + "; fi\n")
	return b.String()
}

func fishCompletion() string {
	var b strings.Builder
	b.WriteString("# fish completion for " + programName + "; load with: " + programName + " completion fish | source\n")
	b.WriteString("complete -c " + programName + " -f\n")
	b.WriteString("complete -c " + programName + " -n __fish_use_subcommand -a '" + strings.Join(commands, " ") + "'\n")
	b.WriteString("complete -c " + programName + " -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n")
	for _, s := range optSpecs {
		line := "complete -c " + programName + " -l " + strings.TrimPrefix(s.name, "--")
		if s.value {
			line += " -r"
		}
		switch s.name {
		case "--output":
			line += " -a '" + strings.Join(outputChoices, " ") + "'"
		case "--color":
			line += " -a 'on off auto'"
		case "--cli-input-json", "--ca-bundle", "--data":
			line += " -F"
		}
		help := strings.ReplaceAll(s.help, "'", "")
		line += " -d '" + help + "'"
		b.WriteString(line + "\n")
	}
	for _, o := range extOpts {
		if o.hidden {
			continue
		}
		line := "complete -c " + programName + " -l " + strings.TrimPrefix(o.name, "--")
		if o.value {
			line += " -r"
		}
		b.WriteString(line + " -d '" + strings.ReplaceAll(o.help, "'", "") + "'\n")
	}
	return b.String()
}
