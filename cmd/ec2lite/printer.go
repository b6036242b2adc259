package main

// Printing results: --query, then the json, text or table writer.

import (
	"github.com/jmespath/go-jmespath"

	"github.com/ec2lite/ec2lite/clientvpn"
)

type printer struct {
	r      *runner
	output string
	expr   *jmespath.JMESPath
	order  []string // key-order hint for query results
	color  string   // --color: on, off, auto ("" = auto)
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
		return writeTableColor(p.r.stdout, opAPIName, v, width, color)
	}
	return writeJSON(p.r.stdout, v)
}

// paginated runs the paginator and prints as the AWS CLI does: json and
// table merge the pages (Connections appended, the server's NextToken
// dropped, the resume token of --max-items added); text prints each page as
// it arrives, then the resume token as {"NextToken": {"NextToken": ...}}.
func (p *printer) paginated(pg *paginator, in *clientvpn.DescribeClientVpnConnectionsInput) error {
	if p.output == "text" {
		resume, err := pg.run(p.r.ctx, in, func(page page) error {
			cur := &Object{}
			if page.hasConns {
				cur.Set("Connections", connectionsTree(page.conns))
			} else {
				cur.Set("Connections", nil)
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
	var conns []any
	has := false
	resume, err := pg.run(p.r.ctx, in, func(page page) error {
		if page.hasConns {
			has = true
			conns = append(conns, connectionsTree(page.conns)...)
		}
		return nil
	})
	if err != nil {
		return err
	}
	root := &Object{}
	if has {
		if conns == nil {
			conns = []any{}
		}
		root.Set("Connections", conns)
	}
	if resume != "" {
		root.Set("NextToken", resume)
	}
	return p.print(root)
}
