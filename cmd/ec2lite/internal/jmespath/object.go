package jmespath

import "iter"

// Object is a JSON object that keeps its keys in the order they were first
// set, as a Python dict does. The zero value is an empty object ready to use.
// An Object is not safe for concurrent mutation; Search never modifies the
// objects it is given.
type Object struct {
	members []member
	index   map[string]int // built once the object has indexThreshold keys
}

type member struct {
	key   string
	value any
}

// indexThreshold is the number of keys from which an Object keeps a map
// from key to position; below it a linear scan is faster.
const indexThreshold = 24

// Set sets key to v. A new key goes last; an existing key keeps its place.
func (o *Object) Set(key string, v any) {
	if i, ok := o.find(key); ok {
		o.members[i].value = v
		return
	}
	o.members = append(o.members, member{key, v})
	if o.index != nil {
		o.index[key] = len(o.members) - 1
	} else if len(o.members) >= indexThreshold {
		o.index = make(map[string]int, len(o.members))
		for i, m := range o.members {
			o.index[m.key] = i
		}
	}
}

// Get returns the value of key and whether it is set.
func (o *Object) Get(key string) (any, bool) {
	if i, ok := o.find(key); ok {
		return o.members[i].value, true
	}
	return nil, false
}

// Delete removes key, if present; the other keys keep their order.
func (o *Object) Delete(key string) {
	i, ok := o.find(key)
	if !ok {
		return
	}
	o.members = append(o.members[:i], o.members[i+1:]...)
	if o.index != nil {
		delete(o.index, key)
		for j := i; j < len(o.members); j++ {
			o.index[o.members[j].key] = j
		}
	}
}

// Keys returns the keys in insertion order, in a new slice.
func (o *Object) Keys() []string {
	if o == nil {
		return []string{}
	}
	keys := make([]string, len(o.members))
	for i, m := range o.members {
		keys[i] = m.key
	}
	return keys
}

// Len returns the number of keys.
func (o *Object) Len() int {
	if o == nil {
		return 0
	}
	return len(o.members)
}

// All returns an iterator over the keys and values in insertion order. The
// object must not be changed during the iteration.
func (o *Object) All() iter.Seq2[string, any] {
	return func(yield func(string, any) bool) {
		if o == nil {
			return
		}
		for _, m := range o.members {
			if !yield(m.key, m.value) {
				return
			}
		}
	}
}

func (o *Object) find(key string) (int, bool) {
	if o == nil {
		return 0, false
	}
	if o.index != nil {
		i, ok := o.index[key]
		return i, ok
	}
	for i := range o.members {
		if o.members[i].key == key {
			return i, true
		}
	}
	return 0, false
}
