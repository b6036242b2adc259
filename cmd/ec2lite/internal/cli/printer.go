package cli

// Printing results: --query, then the json, text or table writer.

import (
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli/output"
)

type Printer struct {
	Env    *Env
	Output string
	Expr   *output.Query // --query; nil: none
	Color  string        // --color: on, off, auto ("" = auto)
	Title  string        // the table title: the EC2 operation name ("" = DescribeClientVpnConnections)
}

// apply runs --query on v.
func (p *Printer) apply(v any) (any, error) {
	if p.Expr == nil {
		return v, nil
	}
	res, err := p.Expr.Search(v)
	if err != nil {
		return nil, &ConfigError{Msg: err.Error(), Exit: ExitOther}
	}
	return res, nil
}

// Print writes one response (or the merged pages) in the output format.
func (p *Printer) Print(v any) error {
	v, err := p.apply(v)
	if err != nil {
		return err
	}
	switch p.Output {
	case "text":
		return output.WriteText(p.Env.Stdout, v)
	case "table":
		width, tty := p.Env.TerminalWidth()
		color := output.ColorOff
		switch p.Color {
		case "on":
			color = output.ColorOn
			if tty {
				color = output.ColorTerminal
			}
		case "", "auto":
			if tty {
				color = output.ColorTerminal
			}
		}
		title := p.Title
		if title == "" {
			title = OpAPIName
		}
		return output.WriteTableColor(p.Env.Stdout, title, v, width, color)
	}
	return output.WriteJSON(p.Env.Stdout, v)
}

// Paginated runs the paginator and prints as the AWS CLI does: json and
// table merge the pages (the result key's items appended, the server's
// NextToken dropped, the resume token of --max-items added); text prints
// each page as it arrives, then the resume token as
// {"NextToken": {"NextToken": ...}}.
func (p *Printer) Paginated(pg *awscli.Paginator) error {
	key := pg.ResultKey
	if p.Output == "text" {
		resume, err := pg.Run(p.Env.Ctx, func(page awscli.Page) error {
			cur := &awscli.Object{}
			if page.Has {
				cur.Set(key, page.Items)
			} else {
				cur.Set(key, nil)
			}
			return p.Print(cur)
		})
		if err != nil {
			return err
		}
		if resume != "" {
			inner := &awscli.Object{}
			inner.Set("NextToken", resume)
			outer := &awscli.Object{}
			outer.Set("NextToken", inner)
			return p.Print(outer)
		}
		return nil
	}
	var items []any
	has := false
	resume, err := pg.Run(p.Env.Ctx, func(page awscli.Page) error {
		if page.Has {
			has = true
			items = append(items, page.Items...)
		}
		return nil
	})
	if err != nil {
		return err
	}
	root := &awscli.Object{}
	if has {
		if items == nil {
			items = []any{}
		}
		root.Set(key, items)
	}
	if resume != "" {
		root.Set("NextToken", resume)
	}
	return p.Print(root)
}
