package main

// Printing results: --query, then the json, text or table writer.

import (
	"github.com/jmespath/go-jmespath"
)

type printer struct {
	r      *runner
	output string
	expr   *jmespath.JMESPath
	order  []string // key-order hint for query results
	color  string   // --color: on, off, auto ("" = auto)
	title  string   // the table title: the EC2 operation name ("" = DescribeClientVpnConnections)
}

// apply runs --query on v.
func (p *printer) apply(v any) (any, error) {
	if p.expr == nil {
		return v, nil
	}
	res, err := p.expr.Search(toJMESPath(v))
	if err != nil {
		return nil, &configError{msg: err.Error(), exit: exitOther}
	}
	return fromJMESPath(res, p.order), nil
}

// print writes one response (or the merged pages) in the output format.
func (p *printer) print(v any) error {
	v, err := p.apply(v)
	if err != nil {
		return err
	}
	switch p.output {
	case "text":
		return writeText(p.r.stdout, v)
	case "table":
		width, tty := p.r.terminalWidth()
		color := colorOff
		switch p.color {
		case "on":
			color = colorOn
			if tty {
				color = colorTerminal
			}
		case "", "auto":
			if tty {
				color = colorTerminal
			}
		}
		title := p.title
		if title == "" {
			title = opAPIName
		}
		return writeTableColor(p.r.stdout, title, v, width, color)
	}
	return writeJSON(p.r.stdout, v)
}

// paginated runs the paginator and prints as the AWS CLI does: json and
// table merge the pages (the result key's items appended, the server's
// NextToken dropped, the resume token of --max-items added); text prints
// each page as it arrives, then the resume token as
// {"NextToken": {"NextToken": ...}}.
func (p *printer) paginated(pg *paginator) error {
	key := pg.resultKey
	if p.output == "text" {
		resume, err := pg.run(p.r.ctx, func(page page) error {
			cur := &Object{}
			if page.has {
				cur.Set(key, page.items)
			} else {
				cur.Set(key, nil)
			}
			return p.print(cur)
		})
		if err != nil {
			return err
		}
		if resume != "" {
			inner := &Object{}
			inner.Set("NextToken", resume)
			outer := &Object{}
			outer.Set("NextToken", inner)
			return p.print(outer)
		}
		return nil
	}
	var items []any
	has := false
	resume, err := pg.run(p.r.ctx, func(page page) error {
		if page.has {
			has = true
			items = append(items, page.items...)
		}
		return nil
	})
	if err != nil {
		return err
	}
	root := &Object{}
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
