package awscli

import "github.com/ec2lite/ec2lite/cmd/ec2lite/internal/jmespath"

// Object is a JSON object that keeps its keys in the order they were first
// set, as a Python dict does. It is the JMESPath engine's object, so that
// --query searches the tree the CLI builds and prints as it is, in its
// order. The zero value is an empty object ready to use. An Object is not
// safe for concurrent mutation.
type Object = jmespath.Object
