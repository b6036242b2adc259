package clientvpn

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/ec2lite/ec2lite/ec2xml"
)

// The generic decoder of EC2 XML answers, used by every operation except
// DescribeClientVpnConnections (whose hand-written decoder, in connections.go, keeps
// one string arena per connection for speed). It is driven by the ec2 struct
// tags of the output types:
//
//	ClientVpnEndpointId string `ec2:"clientVpnEndpointId"`
//
// names the element a field is read from. Fields are declared in model
// order, and field i is bit i of the struct's Empty ([Members]): when a
// member is present but decodes to its zero value ("", false, 0, an empty
// list, an empty structure), its bit is set, so Has tells it from an absent
// one. A tag with ",meta" (RequestID) is read but is not a model member.
//
// As in botocore: a list takes every child element, whatever its name;
// a boolean is true only for the text "true"; an integer is Python's int()
// of the text (so an empty one is an error); unknown elements are skipped at
// any depth; the root element's name is not checked; a repeated element
// replaces the earlier one.

// decodeInto decodes the answer body of operation op into *out, a zero
// output struct. out does not retain body.
func decodeInto[Out any](op string, body []byte, out *Out) error {
	return decodeBody(op, body, func(r *responseDecoder) error { return decodeRoot(&r.d, reflect.ValueOf(out).Elem()) })
}

// decoderPool keeps responseDecoders, with their buffers, between calls.
var decoderPool = sync.Pool{New: func() any { return new(responseDecoder) }}

// decodeBody runs decode on body with a pooled responseDecoder; an error
// becomes a *DecodeError of operation op.
func decodeBody(op string, body []byte, decode func(r *responseDecoder) error) error {
	r := decoderPool.Get().(*responseDecoder)
	defer decoderPool.Put(r)
	r.d.Reset(body)
	r.body = body
	err := decode(r)
	off := int(r.d.Offset())
	r.d.Reset(nil) // keep the buffers, not the body
	r.body = nil
	if err == nil {
		return nil
	}
	var se *ec2xml.SyntaxError
	if errors.As(err, &se) && se.Offset >= 0 && se.Offset <= int64(len(body)) {
		off = int(se.Offset) // where the problem is, not where the reader stopped
	}
	off = min(max(off, 0), len(body))
	near := body[max(off-snapshotRadius, 0):min(off+snapshotRadius, len(body))]
	return &DecodeError{Operation: op, Offset: int64(off), Near: string(near), Err: err}
}

// findRoot reads up to the root element's start.
func findRoot(d *ec2xml.Decoder) error {
	for {
		k, err := d.Next()
		if err == io.EOF {
			return errNoRoot
		}
		if err != nil {
			return err
		}
		switch k {
		case ec2xml.StartElement:
			return nil
		case ec2xml.EndElement:
			return errNoRoot
		}
	}
}

// nextChild reads up to the start of the current element's next child
// (true) or to the current element's end (false). io.EOF before the end is
// io.ErrUnexpectedEOF.
func nextChild(d *ec2xml.Decoder) (bool, error) {
	for {
		k, err := d.Next()
		if err == io.EOF {
			return false, io.ErrUnexpectedEOF
		}
		if err != nil {
			return false, err
		}
		switch k {
		case ec2xml.StartElement:
			return true, nil
		case ec2xml.EndElement:
			return false, nil
		}
	}
}

// endRoot checks that only the end of input follows the root element.
func endRoot(d *ec2xml.Decoder) error {
	if _, err := d.Next(); err != io.EOF {
		if err == nil {
			err = errors.New("content after the root element")
		}
		return err
	}
	return nil
}

func decodeRoot(d *ec2xml.Decoder, v reflect.Value) error {
	if err := findRoot(d); err != nil {
		return err
	}
	if err := decodeStruct(d, v); err != nil {
		return err
	}
	return endRoot(d)
}

// structInfo is what the decoder knows of a struct type.
type structInfo struct {
	elems   map[string]int // element name -> field index
	names   map[string]int // model member name -> field index
	members int            // the number of leading fields that are model members
	empty   int            // the index of the Empty field, -1 if none
}

var structInfos sync.Map // reflect.Type -> *structInfo

func infoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{elems: map[string]int{}, names: map[string]int{}, empty: -1}
	counting := true
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Name == "Empty" && f.Type == reflect.TypeOf(Members(0)) {
			si.empty = i
		}
		tag, ok := f.Tag.Lookup("ec2")
		if !ok {
			counting = false
			continue
		}
		name, opt, _ := strings.Cut(tag, ",")
		si.elems[name] = i
		if opt == "meta" {
			counting = false
		} else if counting {
			si.members = i + 1
			si.names[f.Name] = i
		}
	}
	structInfos.Store(t, si)
	return si
}

// decodeStruct decodes the children of the current element into v (a
// struct), through the element's end.
func decodeStruct(d *ec2xml.Decoder, v reflect.Value) error {
	si := infoOf(v.Type())
	var present Members
	for {
		child, err := nextChild(d)
		if err != nil {
			return err
		}
		if !child {
			break
		}
		i, ok := si.elems[string(d.Name())]
		if !ok {
			if err := d.Skip(); err != nil {
				return err
			}
			continue
		}
		if err := decodeValue(d, v.Field(i)); err != nil {
			return err
		}
		if i < si.members {
			present |= 1 << uint(i)
		}
	}
	if si.empty >= 0 {
		var empty Members
		for i := range si.members {
			if present.has(i) && v.Field(i).IsZero() {
				empty |= 1 << uint(i)
			}
		}
		v.Field(si.empty).SetUint(uint64(empty))
	}
	return nil
}

// decodeValue decodes the current element into v, through its end.
func decodeValue(d *ec2xml.Decoder, v reflect.Value) error {
	switch v.Kind() {
	case reflect.String:
		text, err := d.ReadText()
		if err != nil {
			return err
		}
		v.SetString(string(text))
	case reflect.Bool:
		text, err := d.ReadText()
		if err != nil {
			return err
		}
		v.SetBool(string(text) == "true")
	case reflect.Int32, reflect.Int64:
		text, err := d.ReadText()
		if err != nil {
			return err
		}
		n, err := strconv.ParseInt(pyIntText(text), 10, v.Type().Bits())
		if err != nil {
			return fmt.Errorf("integer element %q: %w", text, err)
		}
		v.SetInt(n)
	case reflect.Struct:
		v.SetZero()
		return decodeStruct(d, v)
	case reflect.Slice:
		v.SetZero() // a repeated list replaces the earlier one
		for {
			child, err := nextChild(d)
			if err != nil || !child {
				return err
			}
			v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
			if err := decodeValue(d, v.Index(v.Len()-1)); err != nil {
				return err
			}
		}
	default:
		panic("clientvpn: no decoding for " + v.Type().String())
	}
	return nil
}

// pyIntText trims the whitespace Python's int() accepts.
func pyIntText(b []byte) string { return strings.TrimSpace(string(b)) }
