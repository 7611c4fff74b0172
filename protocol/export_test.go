package protocol

// DecodeFrameValueJSON is DecodeFrameValue by encoding/json alone, the
// reference the fast decoder is fuzzed against.
var DecodeFrameValueJSON = decodeFrameValueJSON
