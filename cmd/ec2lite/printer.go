package main

// Printing results: --query, then the json, text or table writer.

import (
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli/output"
)

type printer struct {
	r      *runner
	output string
	expr   *output.Query // --query; nil: none
	color  string        // --color: on, off, auto ("" = auto)
	title  string        // the table title: the EC2 operation name ("" = DescribeClientVpnConnections)
}

// apply runs --query on v.
func (p *printer) apply(v any) (any, error) {
	if p.expr == nil {
		return v, nil
	}
	res, err := p.expr.Search(v)
	if err != nil {
		return nil, &configError{msg: err.Error(), exit: exitOther}
	}
	return res, nil
}

// print writes one response (or the merged pages) in the output format.
func (p *printer) print(v any) error {
	v, err := p.apply(v)
	if err != nil {
		return err
	}
	switch p.output {
	case "text":
		return output.WriteText(p.r.stdout, v)
	case "table":
		width, tty := p.r.terminalWidth()
		color := output.ColorOff
		switch p.color {
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
		title := p.title
		if title == "" {
			title = opAPIName
		}
		return output.WriteTableColor(p.r.stdout, title, v, width, color)
	}
	return output.WriteJSON(p.r.stdout, v)
}

// paginated runs the paginator and prints as the AWS CLI does: json and
// table merge the pages (the result key's items appended, the server's
// NextToken dropped, the resume token of --max-items added); text prints
// each page as it arrives, then the resume token as
// {"NextToken": {"NextToken": ...}}.
func (p *printer) paginated(pg *awscli.Paginator) error {
	key := pg.ResultKey
	if p.output == "text" {
		resume, err := pg.Run(p.r.ctx, func(page awscli.Page) error {
			cur := &awscli.Object{}
			if page.Has {
				cur.Set(key, page.Items)
			} else {
				cur.Set(key, nil)
			}
			return p.print(cur)
		})
		if err != nil {
			return err
		}
		if resume != "" {
			inner := &awscli.Object{}
			inner.Set("NextToken", resume)
			outer := &awscli.Object{}
			outer.Set("NextToken", inner)
			return p.print(outer)
		}
		return nil
	}
	var items []any
	has := false
	resume, err := pg.Run(p.r.ctx, func(page awscli.Page) error {
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
	return p.print(root)
}
