// Package ec2xml decodes the XML that EC2 (and the AWS Query protocol used by
// STS) sends back: a fast pull [Decoder] over a byte slice, and the error
// envelope as a typed [APIError].
//
// The decoder is a byte scanner written for speed: it uses no reflection and
// not encoding/xml, and on the hot path it allocates nothing. Text that needs
// no decoding is returned as a sub-slice of the input.
//
// It accepts the XML that AWS services send and rejects what they never send:
//
//   - elements, attributes, character data, CDATA sections, comments,
//     processing instructions, an XML declaration (version 1.0, encoding
//     UTF-8 if given, quoted with " or ') and a leading UTF-8 byte order mark;
//   - the five predefined entities (&amp; &lt; &gt; &quot; &apos;) and
//     decimal or hexadecimal character references (&#39; &#x27;) that name a
//     character allowed by XML 1.0;
//   - namespace prefixes: [Decoder.Name] is the local name and
//     [Decoder.Prefix] the prefix; prefixes are not resolved to namespaces;
//   - names are ASCII XML names with at most one colon.
//
// Document type declarations (<!DOCTYPE …>), any other entity reference,
// invalid UTF-8 and characters outside the XML 1.0 Char production are
// rejected with a [*SyntaxError] that carries the byte offset. Like
// encoding/xml, line ends (\r\n, \r) in text and attribute values are
// normalised to \n, attribute values are otherwise not normalised, and
// duplicate attribute names are not detected.
package ec2xml
