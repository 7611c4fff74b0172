// Package sim is a faithful SAP stand-in: a ZADT_VSP push-channel server with
// users, authorizations, a database and function modules with SAP's interfaces
// and semantics, in either the wsrfc handler's profile or the old handler's.
//
// It assembles the simulator from its parts: the server (sim/core), the
// standard modules and demo tables (sim/standard, over the dictionary and rows
// of sim/ddic), the debug domain (sim/debug) and the old handler's dialect
// (sim/legacy). The types of
// sim/core are used through the names declared here.
package sim

import (
	"github.com/wsrfc/wsrfc/sim/core"
	"github.com/wsrfc/wsrfc/sim/debug"
	"github.com/wsrfc/wsrfc/sim/legacy"
	"github.com/wsrfc/wsrfc/sim/standard"
)

// New creates a simulator with the demo user, the demo tables, the standard
// function modules and the debug domain, playing the handler cfg.Profile names.
func New(cfg Config) *Server {
	s := core.New(cfg)
	standard.Install(s)
	debug.Install(s)
	if s.Config().Profile == ProfileLegacy {
		legacy.New(s)
	}
	return s
}

// The simulator's types, defined in sim/core.
type (
	Server           = core.Server
	Listener         = core.Listener
	Config           = core.Config
	Profile          = core.Profile
	User             = core.User
	Session          = core.Session
	Function         = core.Function
	Call             = core.Call
	Message          = core.Message
	ABAPError        = core.ABAPError
	ErrorKind        = core.ErrorKind
	DB               = core.DB
	Table            = core.Table
	Tx               = core.Tx
	DomainHandler    = core.DomainHandler
	FeatureAnnouncer = core.FeatureAnnouncer
)

// Profiles.
const (
	ProfileWsrfc      = core.ProfileWsrfc
	ProfileLegacy     = core.ProfileLegacy
	ProfileNoDebugger = core.ProfileNoDebugger
)

// ProfileNames are the names ConfigForProfile accepts.
var ProfileNames = core.ProfileNames

// ConfigForProfile returns the configuration a profile name stands for; "" is wsrfc.
func ConfigForProfile(name string) (Config, error) { return core.ConfigForProfile(name) }

// Demo logon, as on SAP's ABAP trial systems.
const (
	DemoClient   = core.DemoClient
	DemoUser     = core.DemoUser
	DemoPassword = core.DemoPassword
	DemoSystemID = core.DemoSystemID
)

// HandlerVersion is the version the wsrfc profile announces; LegacyVersion the old handler's.
const (
	HandlerVersion = core.HandlerVersion
	LegacyVersion  = core.LegacyVersion
)

// Defaults of Config (see sim/core).
const (
	DefaultMaxRequestBytes  = core.DefaultMaxRequestBytes
	DefaultMaxFrameBytes    = core.DefaultMaxFrameBytes
	DefaultMaxReplyBytes    = core.DefaultMaxReplyBytes
	DefaultMaxDepth         = core.DefaultMaxDepth
	DefaultIdleTimeout      = core.DefaultIdleTimeout
	DefaultFrameTimeout     = core.DefaultFrameTimeout
	DefaultMaxLargeRequests = core.DefaultMaxLargeRequests
	DefaultVolumeRows       = standard.DefaultVolumeRows
	DefaultDebuggeeTimeout  = debug.DefaultDebuggeeTimeout
)

// FlightBaseDate is the first flight date of the demo flight data.
const FlightBaseDate = standard.FlightBaseDate

// How an ABAPError ends a call.
const (
	KindException = core.KindException
	KindMessage   = core.KindMessage
	KindClass     = core.KindClass
	KindDump      = core.KindDump
)

// Raise returns a classic exception, optionally with the message it was raised with.
func Raise(key string, msg ...Message) *ABAPError { return core.Raise(key, msg...) }

// ErrorMessage returns a MESSAGE TYPE E (or A) without RAISING.
func ErrorMessage(msg Message) *ABAPError { return core.ErrorMessage(msg) }

// ClassException returns a class-based exception.
func ClassException(class, text string) *ABAPError { return core.ClassException(class, text) }

// Dump returns a runtime error: the APC session ends and the connection closes.
func Dump(name, text string) *ABAPError { return core.Dump(name, text) }

// T100 renders message text from a template with & placeholders, as SAP does.
func T100(typ, id, number, template string, vars ...string) Message {
	return core.T100(typ, id, number, template, vars...)
}

// AlphaInput is CONVERSION_EXIT_ALPHA_INPUT (see standard.AlphaInput).
func AlphaInput(in string, length int) string { return standard.AlphaInput(in, length) }

// AlphaOutput is CONVERSION_EXIT_ALPHA_OUTPUT (see standard.AlphaOutput).
func AlphaOutput(in string) string { return standard.AlphaOutput(in) }
