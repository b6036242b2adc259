package awscli

// Object is a JSON object that keeps its keys in the order they were first
// set. The zero value is an empty object ready to use. An Object is not safe
// for concurrent mutation.
type Object struct {
	members []Member
}

// Member is one key of an [Object] and its value.
type Member struct {
	Key   string
	Value any
}

// Set sets key to v. A new key goes last; an existing key keeps its place.
func (o *Object) Set(key string, v any) {
	for i := range o.members {
		if o.members[i].Key == key {
			o.members[i].Value = v
			return
		}
	}
	o.members = append(o.members, Member{key, v})
}

// Get returns the value of key and whether it is set.
func (o *Object) Get(key string) (any, bool) {
	for i := range o.members {
		if o.members[i].Key == key {
			return o.members[i].Value, true
		}
	}
	return nil, false
}

// Keys returns the keys in insertion order, in a new slice.
func (o *Object) Keys() []string {
	keys := make([]string, len(o.members))
	for i, m := range o.members {
		keys[i] = m.Key
	}
	return keys
}

// Len returns the number of keys.
func (o *Object) Len() int { return len(o.members) }

// Members returns the members in insertion order. The slice is the Object's
// own: the caller must not modify it.
func (o *Object) Members() []Member { return o.members }

// Delete removes key, if present; the other keys keep their order.
func (o *Object) Delete(key string) {
	for i, m := range o.members {
		if m.Key == key {
			o.members = append(o.members[:i], o.members[i+1:]...)
			return
		}
	}
}
