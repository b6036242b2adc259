package main

// `ec2lite completion bash|zsh|fish`: shell completion scripts for the
// commands and options, and the values of --output, --color and completion.

import (
	"io"
	"strings"

	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/cli"
)

func completion(r *cli.Env, a *cli.Args) int {
	if len(a.Extra) != 1 {
		cli.WriteUsageError(r.Stderr, cli.ProgramName+": error: completion takes one argument: bash, zsh or fish")
		return cli.ExitUsage
	}
	var script string
	switch a.Extra[0] {
	case "bash":
		script = bashCompletion()
	case "zsh":
		script = zshCompletion()
	case "fish":
		script = fishCompletion()
	default:
		cli.WriteUsageError(r.Stderr, cli.ProgramName+": error: argument shell: Invalid choice, valid choices are:\n\n"+awscli.ChoiceColumns([]string{"bash", "zsh", "fish"}))
		return cli.ExitUsage
	}
	io.WriteString(r.Stdout, script)
	return cli.ExitOK
}

func optionNames() []string {
	var names []string
	for _, s := range cli.OptSpecs {
		names = append(names, s.Name)
	}
	for _, o := range cli.ExtOpts {
		if !o.Hidden {
			names = append(names, o.Name)
		}
	}
	return names
}

func bashCompletion() string {
	return `# bash completion for ` + cli.ProgramName + `; load with: source <(` + cli.ProgramName + ` completion bash)
_` + cli.ProgramName + `() {
    local cur prev
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    case "$prev" in
        --output) COMPREPLY=($(compgen -W "` + strings.Join(cli.OutputChoices, " ") + `" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "on off auto" -- "$cur")); return ;;
        completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
        --cli-input-json|--ca-bundle|--data) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "` + strings.Join(commandNames(), " ") + ` ` + strings.Join(optionNames(), " ") + `" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -W "` + strings.Join(optionNames(), " ") + `" -- "$cur"))
}
complete -F _` + cli.ProgramName + ` ` + cli.ProgramName + `
`
}

func zshCompletion() string {
	var b strings.Builder
	b.WriteString("#compdef " + cli.ProgramName + "\n# zsh completion for " + cli.ProgramName + "; load with: source <(" + cli.ProgramName + " completion zsh)\n")
	b.WriteString("_" + cli.ProgramName + "() {\n  _arguments \\\n")
	b.WriteString("    '1:command:(" + strings.Join(commandNames(), " ") + ")' \\\n")
	for _, s := range cli.OptSpecs {
		help := strings.NewReplacer("'", "", "[", "(", "]", ")", ":", " ").Replace(s.Help)
		spec := "    '" + s.Name + "[" + help + "]"
		switch {
		case s.Name == "--output":
			spec += ":format:(" + strings.Join(cli.OutputChoices, " ") + ")"
		case s.Name == "--color":
			spec += ":color:(on off auto)"
		case s.Name == "--cli-input-json" || s.Name == "--ca-bundle" || s.Name == "--data":
			spec += ":file:_files"
		case s.Multi:
			spec += ":*:value: "
		case s.Value:
			spec += ":value: "
		}
		b.WriteString(spec + "' \\\n")
	}
	for _, o := range cli.ExtOpts {
		if o.Hidden {
			continue
		}
		spec := "    '" + o.Name + "[" + strings.NewReplacer("'", "", "[", "(", "]", ")", ":", " ").Replace(o.Help) + "]"
		if o.Value {
			spec += ":value: "
		}
		b.WriteString(spec + "' \\\n")
	}
	b.WriteString("    '*::arg:->args'\n}\n")
	b.WriteString("if [ \"$funcstack[1]\" = \"_" + cli.ProgramName + "\" ]; then _" + cli.ProgramName + " \"$@\"; else compdef _" + cli.ProgramName + " " + cli.ProgramName + "; fi\n")
	return b.String()
}

func fishCompletion() string {
	var b strings.Builder
	b.WriteString("# fish completion for " + cli.ProgramName + "; load with: " + cli.ProgramName + " completion fish | source\n")
	b.WriteString("complete -c " + cli.ProgramName + " -f\n")
	b.WriteString("complete -c " + cli.ProgramName + " -n __fish_use_subcommand -a '" + strings.Join(commandNames(), " ") + "'\n")
	b.WriteString("complete -c " + cli.ProgramName + " -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n")
	for _, s := range cli.OptSpecs {
		line := "complete -c " + cli.ProgramName + " -l " + strings.TrimPrefix(s.Name, "--")
		if s.Value {
			line += " -r"
		}
		switch s.Name {
		case "--output":
			line += " -a '" + strings.Join(cli.OutputChoices, " ") + "'"
		case "--color":
			line += " -a 'on off auto'"
		case "--cli-input-json", "--ca-bundle", "--data":
			line += " -F"
		}
		help := strings.ReplaceAll(s.Help, "'", "")
		line += " -d '" + help + "'"
		b.WriteString(line + "\n")
	}
	for _, o := range cli.ExtOpts {
		if o.Hidden {
			continue
		}
		line := "complete -c " + cli.ProgramName + " -l " + strings.TrimPrefix(o.Name, "--")
		if o.Value {
			line += " -r"
		}
		b.WriteString(line + " -d '" + strings.ReplaceAll(o.Help, "'", "") + "'\n")
	}
	return b.String()
}
