package protocol

import (
	"slices"
	"strings"
)

// ProtocolVersion is the version of the wsrfc extensions this package speaks. The
// old handler sends no "protocol" member, which reads as 0.
const ProtocolVersion = 2

// Features a wsrfc-profile server announces in its welcome message. A client uses
// an extension only when the server lists it, so it can still talk to old handlers.
const (
	FeatureTyped      = "rfc.typed"      // typed, nested values for every parameter kind
	FeatureExceptions = "rfc.exceptions" // named ABAP exceptions and message fields as errors
	FeatureMetadata   = "rfc.metadata"   // field-level type descriptors in getMetadata
	FeatureSearch     = "rfc.search"     // search with descriptions, caller-chosen max, truncation flag
	FeatureLUW        = "rfc.luw"        // rfc.commit / rfc.rollback actions
	FeatureChunked    = "frames.chunked" // replies split across frames (Response.More)
	FeaturePush       = "push"           // unsolicited event frames
)

// AllFeatures is what the wsrfc handler (and the simulator's wsrfc profile) announce.
var AllFeatures = []string{FeatureTyped, FeatureExceptions, FeatureMetadata, FeatureSearch, FeatureLUW, FeatureChunked, FeaturePush}

// Welcome is the data of the welcome frame.
type Welcome struct {
	Session  string      `json:"session"`
	Version  string      `json:"version"`
	Domains  []string    `json:"domains"`
	Protocol int         `json:"protocol,omitempty"`
	Features []string    `json:"features,omitempty"`
	System   *SystemInfo `json:"system,omitempty"`
	Limits   *Limits     `json:"limits,omitempty"`
}

// SystemInfo says where the session landed, so a client can show it without a call.
type SystemInfo struct {
	SystemID string `json:"sysid"`
	Client   string `json:"client"`
	User     string `json:"user"`
	Language string `json:"language"`
	Release  string `json:"release,omitempty"`
	Host     string `json:"host,omitempty"`
}

// Limits are the server's size bounds; a client refuses to send a request larger
// than MaxRequestBytes instead of having the server drop it.
type Limits struct {
	MaxRequestBytes int `json:"maxRequestBytes,omitempty"`
	MaxFrameBytes   int `json:"maxFrameBytes,omitempty"`
	MaxReplyBytes   int `json:"maxReplyBytes,omitempty"`
	// MaxDepth is how deeply the JSON of a request may nest, its envelope
	// included (the root object is level 1).
	MaxDepth int `json:"maxDepth,omitempty"`
}

// Legacy reports whether the server runs the old handler (no protocol member).
func (w *Welcome) Legacy() bool { return w.Protocol == 0 }

// Has reports whether the server announced a feature.
func (w *Welcome) Has(feature string) bool { return slices.Contains(w.Features, feature) }

// HasDomain reports whether the server announced a domain. The old handler omits
// "system" from its list although it serves it, so system always counts.
func (w *Welcome) HasDomain(domain string) bool {
	return domain == "system" || slices.Contains(w.Domains, domain)
}

// FeatureDebugPrefix starts the feature of each debug action a server serves:
// "debug.setBreakpoint" and so on. A handler announces only the actions its
// debug service can carry on that system, so a client can refuse the others
// before sending instead of failing at the first breakpoint.
const FeatureDebugPrefix = "debug."

// DebugActions are the actions of the debug domain (docs/debugging.md).
var DebugActions = []string{"setBreakpoint", "getBreakpoints", "deleteBreakpoint", "listen", "getDebuggees",
	"attach", "step", "getStack", "getVariables", "getSource", "detach", "getStatus"}

// DebugFeatures returns the features that announce the given debug actions.
func DebugFeatures(actions ...string) []string {
	out := make([]string, 0, len(actions))
	for _, a := range actions {
		out = append(out, FeatureDebugPrefix+a)
	}
	return out
}

// ServesDebugAction reports whether a call of a debug action can be carried.
// The old handler announces nothing and is taken at its word (its domain list);
// a protocol-2 server must announce each action it serves. Actions outside
// DebugActions are left to the server to answer.
func (w *Welcome) ServesDebugAction(action string) bool {
	if w.Legacy() || !slices.Contains(DebugActions, action) {
		return true
	}
	return w.Has(FeatureDebugPrefix + action)
}

// DebugActionsServed lists the debug actions a protocol-2 server announces.
func (w *Welcome) DebugActionsServed() []string {
	var out []string
	for _, f := range w.Features {
		if a, ok := strings.CutPrefix(f, FeatureDebugPrefix); ok {
			out = append(out, a)
		}
	}
	return out
}
