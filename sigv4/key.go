package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding"
)

// keyID identifies a derived signing key.
type keyID struct {
	secret, region, service string
	date                    [8]byte // yyyymmdd
}

// derivedKey is a cached signing key, kept as the SHA-256 states after the
// HMAC inner and outer pad blocks, so that signing costs no key schedule.
type derivedKey struct {
	id           keyID
	inner, outer []byte // marshaled sha256 states
}

// derivedKey returns the signing key for the scope, from the cache when it
// is there.
func (s *Signer) derivedKey(secret string, date []byte, region, service string) *derivedKey {
	id := keyID{secret: secret, region: region, service: service}
	copy(id.date[:], date)
	if k := s.last.Load(); k != nil && k.id == id {
		return k
	}
	s.mu.RLock()
	k := s.keys[id]
	s.mu.RUnlock()
	if k == nil {
		k = newDerivedKey(id)
		s.mu.Lock()
		if old := s.keys[id]; old != nil {
			k = old
		} else {
			if s.keys == nil {
				s.keys = make(map[keyID]*derivedKey, maxCacheKeys)
			}
			for len(s.keys) >= maxCacheKeys {
				for victim := range s.keys { // an arbitrary entry
					delete(s.keys, victim)
					break
				}
			}
			s.keys[id] = k
		}
		s.mu.Unlock()
	}
	s.last.Store(k)
	return k
}

// cachedKeys returns the number of cached keys, for tests.
func (s *Signer) cachedKeys() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.keys)
}

func hmacSHA256(key, data []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(data)
	return m.Sum(nil)
}

// signingKey derives the SigV4 signing key:
// HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request").
func signingKey(id keyID) []byte {
	k := hmacSHA256([]byte("AWS4"+id.secret), id.date[:])
	k = hmacSHA256(k, []byte(id.region))
	k = hmacSHA256(k, []byte(id.service))
	return hmacSHA256(k, []byte(scopeTail))
}

func newDerivedKey(id keyID) *derivedKey {
	key := signingKey(id)
	var ipad, opad [sha256.BlockSize]byte
	copy(ipad[:], key)
	copy(opad[:], key)
	for i := range ipad {
		ipad[i] ^= 0x36
		opad[i] ^= 0x5c
	}
	return &derivedKey{id: id, inner: padState(ipad[:]), outer: padState(opad[:])}
}

func padState(pad []byte) []byte {
	h := sha256.New()
	h.Write(pad)
	st, err := h.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil {
		panic("sigv4: sha256 state: " + err.Error()) // cannot happen
	}
	return st
}

// appendSignature appends the hex HMAC-SHA256 of sts under key.
func (c *scratch) appendSignature(b []byte, key *derivedKey, sts []byte) []byte {
	if err := c.hu.UnmarshalBinary(key.inner); err != nil {
		panic("sigv4: sha256 state: " + err.Error()) // cannot happen
	}
	c.h.Write(sts)
	inner := c.h.Sum(c.sum[:0])
	if err := c.hu.UnmarshalBinary(key.outer); err != nil {
		panic("sigv4: sha256 state: " + err.Error()) // cannot happen
	}
	c.h.Write(inner)
	c.h.Sum(c.sum2[:0])
	return appendHex(b, &c.sum2)
}
