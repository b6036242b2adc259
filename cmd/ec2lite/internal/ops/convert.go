package ops

import (
	"reflect"
	"strconv"

	"github.com/ec2lite/ec2lite/clientvpn"
	"github.com/ec2lite/ec2lite/cmd/ec2lite/internal/awscli"
)

// From a decoded clientvpn output to the value tree the writers print
// (modelTree).

// modelField reports whether a field of a clientvpn output type is a model
// member (not the Empty presence set, not the RequestID).
func modelField(f reflect.StructField) bool {
	return f.IsExported() && f.Name != "Empty" && f.Name != "RequestID"
}

// modelTree converts a decoded clientvpn value into the printers' tree:
// members in model order, an absent element omitted (Has), an empty one ""
// or [] or {}, strings as EC2 sent them, booleans and integers typed. The
// request id is dropped, as the AWS CLI drops ResponseMetadata.
func modelTree(v any) any {
	return treeOf(reflect.ValueOf(v))
}

func treeOf(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer:
		return treeOf(v.Elem())
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Slice:
		l := make([]any, v.Len())
		for i := range l {
			l[i] = treeOf(v.Index(i))
		}
		return l
	case reflect.Struct:
		// A decoded clientvpn struct (one with an Empty presence set)
		// omits its absent members (clientvpn.Has).
		_, tracked := v.Type().FieldByName("Empty")
		iv := v.Interface()
		o := &awscli.Object{}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !modelField(f) || tracked && !clientvpn.Has(iv, f.Name) {
				continue
			}
			o.Set(f.Name, treeOf(v.Field(i)))
		}
		return o
	}
	panic("modelTree: no conversion for " + v.Type().String())
}

// outputSkeleton is --generate-cli-skeleton output: a value of output type
// t as botocore's ArgumentGenerator(use_member_names=True) makes it from
// the model: a string member holds its own name, a list one element (a
// list of strings ["String"], the shape's name), an integer 0, a boolean
// true, a structure every member.
func outputSkeleton(t reflect.Type) any {
	return skeletonOf(t, "")
}

// listMemberShapes names the member shape of the model's lists of strings
// whose member is not the shape String (SecurityGroupIdStringList's is
// SecurityGroupId): the skeleton shows the shape's name.
var listMemberShapes = map[string]string{"SecurityGroupIds": "SecurityGroupId"}

func skeletonOf(t reflect.Type, name string) any {
	switch t.Kind() {
	case reflect.Pointer:
		return skeletonOf(t.Elem(), name)
	case reflect.String, reflect.Uint64: // counters are strings in the model
		return name
	case reflect.Bool:
		return true
	case reflect.Int, reflect.Int32, reflect.Int64:
		return int64(0)
	case reflect.Slice:
		if k := t.Elem().Kind(); k == reflect.String {
			if shape, ok := listMemberShapes[name]; ok {
				return []any{shape}
			}
			return []any{"String"}
		}
		return []any{skeletonOf(t.Elem(), "")}
	case reflect.Struct:
		o := &awscli.Object{}
		for i := range t.NumField() {
			if f := t.Field(i); modelField(f) {
				o.Set(f.Name, skeletonOf(f.Type, f.Name))
			}
		}
		return o
	}
	panic("outputSkeleton: no skeleton for " + t.String())
}
