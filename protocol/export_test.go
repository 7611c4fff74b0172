package protocol

// DecodeFrameJSON is DecodeFrame by encoding/json alone, the reference the
// fast decoder is fuzzed against.
var DecodeFrameJSON = decodeFrameJSON
