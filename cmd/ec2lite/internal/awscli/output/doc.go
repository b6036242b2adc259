// Package output prints results as the AWS CLI v1 prints them with
// --output json, text and table (awscli/formatter.py, text.py, table.py),
// byte for byte, and compiles and applies --query ([CompileQuery],
// [Query.Search]). It imports nothing of ec2lite but package awscli, whose
// value tree it prints, and package jmespath, the engine --query runs on.
//
// The writers print what the AWS CLI v1 prints for --output json, text and
// table (awscli/formatter.py, text.py, table.py), byte for byte. They take a
// generic value tree, so that the same code prints a decoded response and the
// result of a --query expression:
//
//	nil                 JSON null, text/table "None"
//	string              any bytes; JSON replaces invalid UTF-8 with U+FFFD
//	bool                JSON true/false, text/table "True"/"False"
//	int64 (or int)      printed in decimal
//	*big.Int            an integer of any size (from --query's sum()), in decimal
//	float64             printed as Python's repr(float): 1.5, 1e+20, 1e-05, -0.0;
//	                    NaN and the infinities as JSON NaN, Infinity, -Infinity
//	                    and text/table nan, inf, -inf
//	[]any               a list, in order
//	*awscli.Object      a JSON object that keeps its keys in insertion order
//	*jmespath.Expref    an expression reference a --query returned ("&Username"):
//	                    text/table print its Python str(); JSON fails with
//	                    "Circular reference detected" as the AWS CLI does
//
// Build a tree with [awscli.Object.Set]; the zero Object is an empty object:
//
//	conn := &awscli.Object{}
//	conn.Set("ConnectionId", "cvpn-connection-1")
//	conn.Set("PostureComplianceStatuses", []any{"compliant"})
//	root := &awscli.Object{}
//	root.Set("Connections", []any{conn})
//
// The writers:
//
//	WriteJSON(w, v)                         json.dumps(v, indent=4, ensure_ascii=False) + "\n";
//	                                        an empty *Object prints nothing, as the AWS CLI does.
//	WriteText(w, v)                         the text format, for ONE response or page: the AWS CLI
//	                                        formats (and applies --query to) each page separately.
//	WriteTable(w, title, v, width)          the boxed table; title is the operation name
//	                                        ("DescribeClientVpnConnections"), width the terminal's
//	                                        columns (80 when stdout is not a terminal; the AWS CLI
//	                                        asks the terminal with TIOCGWINSZ and ignores COLUMNS).
//	WriteTableColor(w, title, v, width, c)  the same with the AWS CLI's ANSI colours: c is ColorOff
//	                                        (--color off, or auto when stdout is not a terminal),
//	                                        ColorOn (--color on, not a terminal) or ColorTerminal
//	                                        (--color on or auto, stdout a terminal).
//
// Each writer formats into memory and writes to w once. Where the AWS CLI
// raises a Python exception on a shape it cannot print (text: a list mixing
// objects and other values; table: rows of different lengths, a list mixing
// objects and other values), the writer returns a *formatError whose message
// is the exception's text ("Row should have 2 elements, instead it has 1");
// the AWS CLI prints it as "\n"+message+"\n" on stderr and exits 255. As in
// the AWS CLI, WriteText has by then written the lines before the failure
// and WriteTable nothing (but ColorTerminal's final reset). A value of a
// type outside the tree is a *formatError too.
//
// --query: [CompileQuery] compiles the expression with package jmespath, a
// port of jmespath.py 1.1.0 (the AWS CLI's); its error, a *QueryError, is
// worded as the AWS CLI prints it before its exit 252. [Query.Search]
// searches the tree as it is, so its result is a tree too, with the keys of
// objects in the order Python's dicts would have them; its error is a
// *jmespath.Error, jmespath.py's exception text (exit 255).
package output
