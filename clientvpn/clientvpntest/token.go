package clientvpntest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
)

// Pagination tokens are opaque to clients, like EC2's: 64 characters of standard
// base64 that always contain '+' and '/' and end in '=', so that a client that
// forgets to percent-encode them fails visibly. Inside (47 bytes): a 3-byte magic
// (base64 "+/Ey"), 28 masked bytes (version, page offset, a fingerprint of the query
// so that a token only continues the listing it came from, filler) and a 16-byte MAC.
// The key is fixed, so tokens are the same on every run and across servers.

var tokenKey = []byte("clientvpntest pagination token key v1")

var tokenMagic = [3]byte{0xFB, 0xF1, 0x32} // base64 "+/Ey"

const (
	tokenVersion = 1
	tokenBodyLen = 28
	tokenMACLen  = 16
	tokenLen     = len(tokenMagic) + tokenBodyLen + tokenMACLen // 47 bytes, 64 base64 chars
)

// queryFingerprint identifies the listing a token belongs to: the endpoint and the filters.
func queryFingerprint(req *describeRequest) [8]byte {
	h := sha256.New()
	h.Write([]byte(req.EndpointID))
	for _, f := range req.Filters {
		h.Write([]byte{0})
		h.Write([]byte(f.Name))
		for _, v := range f.Values {
			h.Write([]byte{1})
			h.Write([]byte(v))
		}
	}
	var fp [8]byte
	copy(fp[:], h.Sum(nil))
	return fp
}

func tokenMAC(body []byte) []byte {
	m := hmac.New(sha256.New, tokenKey)
	m.Write(body)
	return m.Sum(nil)[:tokenMACLen]
}

func tokenMask(mac []byte) []byte {
	m := hmac.New(sha256.New, tokenKey)
	m.Write([]byte("mask"))
	m.Write(mac)
	return m.Sum(nil)[:tokenBodyLen]
}

// encodeToken returns the token that continues the listing of req at offset.
func encodeToken(req *describeRequest, offset int) string {
	var body [tokenBodyLen]byte
	body[0] = tokenVersion
	binary.BigEndian.PutUint32(body[1:5], uint32(offset))
	fp := queryFingerprint(req)
	copy(body[5:13], fp[:])
	filler := sha256.Sum256(body[:13])
	copy(body[13:], filler[:])
	mac := tokenMAC(body[:])
	mask := tokenMask(mac)
	raw := make([]byte, 0, tokenLen)
	raw = append(raw, tokenMagic[:]...)
	for i := range body {
		raw = append(raw, body[i]^mask[i])
	}
	raw = append(raw, mac...)
	return base64.StdEncoding.EncodeToString(raw)
}

// decodeToken returns the offset a token of req stands for, or false when the
// token is malformed, forged, or belongs to another listing.
func decodeToken(req *describeRequest, tok string) (int, bool) {
	raw, err := base64.StdEncoding.Strict().DecodeString(tok)
	if err != nil || len(raw) != tokenLen || [3]byte(raw[:3]) != tokenMagic {
		return 0, false
	}
	mac := raw[3+tokenBodyLen:]
	mask := tokenMask(mac)
	var body [tokenBodyLen]byte
	for i := range body {
		body[i] = raw[3+i] ^ mask[i]
	}
	if !hmac.Equal(mac, tokenMAC(body[:])) || body[0] != tokenVersion {
		return 0, false
	}
	fp := queryFingerprint(req)
	if [8]byte(body[5:13]) != fp {
		return 0, false
	}
	off := binary.BigEndian.Uint32(body[1:5])
	if off > 1<<24 {
		return 0, false
	}
	return int(off), true
}
