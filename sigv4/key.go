package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding"
	"unsafe"
)

// keyID identifies a derived signing key. It holds the SHA-256 of the
// secret access key, never the key itself, so that the cache of a Signer
// cannot give a secret away.
type keyID struct {
	secret          [sha256.Size]byte // SHA-256 of the secret access key
	region, service string
	date            [8]byte // yyyymmdd
}

// derivedKey is a cached signing key, kept as the SHA-256 states after the
// HMAC inner and outer pad blocks, so that signing costs no key schedule.
type derivedKey struct {
	id           keyID
	inner, outer []byte // marshaled sha256 states

	// secretData and secretLen identify the string the secret came in by
	// its address, not its content: the same string (as a cached
	// Credentials value passes on every call) finds its key without hashing
	// the secret again. Strings are immutable, so equal address and length
	// mean equal secrets.
	secretData *byte
	secretLen  int
}

// derivedKey returns the signing key for the scope, from the cache when it
// is there.
func (s *Signer) derivedKey(secret string, date []byte, region, service string) *derivedKey {
	if k := s.last.Load(); k != nil && k.secretData == unsafe.StringData(secret) && k.secretLen == len(secret) &&
		k.id.region == region && k.id.service == service && string(k.id.date[:]) == string(date) {
		return k
	}
	id := keyID{secret: hashSecret(secret), region: region, service: service}
	copy(id.date[:], date)
	s.mu.RLock()
	k := s.keys[id]
	s.mu.RUnlock()
	if k == nil {
		k = newDerivedKey(id, secret)
		k.secretData, k.secretLen = unsafe.StringData(secret), len(secret)
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

// hashSecret returns the SHA-256 of secret, without allocating for secrets
// of up to 64 bytes (AWS secret access keys have 40).
func hashSecret(secret string) [sha256.Size]byte {
	var buf [64]byte
	if len(secret) <= len(buf) {
		n := copy(buf[:], secret)
		return sha256.Sum256(buf[:n])
	}
	return sha256.Sum256([]byte(secret))
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
func signingKey(id keyID, secret string) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), id.date[:])
	k = hmacSHA256(k, []byte(id.region))
	k = hmacSHA256(k, []byte(id.service))
	return hmacSHA256(k, []byte(scopeTail))
}

func newDerivedKey(id keyID, secret string) *derivedKey {
	key := signingKey(id, secret)
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
