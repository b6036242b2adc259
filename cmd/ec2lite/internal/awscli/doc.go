// Package awscli is the AWS CLI compatibility kit: what ec2lite needs to
// read a command line, parameters and tokens as AWS CLI v1 (botocore
// 1.43) reads them, and to fail with its messages. It imports nothing of
// ec2lite; its writers are in package output.
//
//   - The value tree every command prints: [Object], a JSON object that
//     keeps its keys in insertion order (tree.go).
//   - Python's behaviour where the AWS CLI lets it show: str(), repr() and
//     float repr ([PyStr], [PyRepr], [PyFloat]), int() ([PyInt]), OSError
//     and bytes texts, isspace() (py.go), and json.loads with its error
//     messages ([ParsePyJSON], pyjson.go).
//   - argparse's rules: negative numbers, "Invalid choice" with difflib's
//     close matches and its two-column layout (argparse.go).
//   - The shorthand syntax of --filters ([ParseShorthand], shorthand.go).
//   - Parameters: file:// and fileb:// values ([ParamFiles], the one place
//     parameter files are read), --filters and --cli-input-json, and
//     botocore's parameter validation with its report ([Validator],
//     [ValidationError]) (params.go).
//   - Pagination as botocore's PageIterator: the loop over pages
//     ([Paginator]), --max-items, and the base64 tokens of
//     --starting-token ([DecodeStartingToken], [EncodeResumeToken])
//     (paginate.go).
//
// Where the AWS CLI's behaviour is only partly reproduced, the function's
// doc says which part.
package awscli
