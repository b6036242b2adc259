package ec2xml

import (
	"testing"
	"unicode/utf8"
)

// TestCharacterTables checks the literal tables of tables.go against the
// definitions of their character classes, so that no table is built at
// start-up and none can drift from its definition.
func TestCharacterTables(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		var name, stop uint8
		switch {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', b == '_':
			name = ncStart | ncChar
		case '0' <= b && b <= '9', b == '-', b == '.':
			name = ncChar
		}
		if b < 0x20 && b != '\t' && b != '\n' || b >= utf8.RuneSelf || b == '<' || b == '&' || b == '\r' {
			stop = 1
		}
		textWant := stop
		if b == ']' {
			textWant = 1
		}
		if nameTab[c] != name || textStop[c] != textWant || attrStop[c] != stop {
			t.Errorf("byte %#02x: nameTab %d textStop %d attrStop %d; want %d %d %d",
				c, nameTab[c], textStop[c], attrStop[c], name, textWant, stop)
		}
	}
}
