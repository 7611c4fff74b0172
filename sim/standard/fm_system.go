package standard

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
	"github.com/wsrfc/wsrfc/sim/ddic"
)

// RFC infrastructure modules: pings, the error-taxonomy module, system
// information, function search, plus two modules that exist to be refused:
// FUNCTION_IMPORT_INTERFACE (not remote-enabled) and RFC_ABAP_INSTALL_AND_RUN
// (on the handler's default deny-list).

var (
	syIndexType = protocol.Int4().Named("SY-INDEX")
)

// rfcKernelReleases maps an SAP_BASIS release to the kernel it ships with.
var rfcKernelReleases = map[string]string{"750": "753", "752": "753", "754": "777", "755": "785", "756": "789", "757": "789", "758": "793"}

// rfcMaximalResources is the number of dialog work processes the simulator claims to have.
const rfcMaximalResources = 8

func installSystemModules(s *core.Server) {
	s.MustDefine(&core.Function{
		Name: "RFC_PING", Group: "SRFC", Description: "Check an RFC connection (no parameters)",
		Handler: func(c *core.Call) error { return nil },
	})
	s.MustDefine(&core.Function{
		Name: "RFC_PING_AND_WAIT", Group: "SRFC", Description: "Check an RFC connection and wait",
		Params: []protocol.Parameter{
			imp("SECONDS", "I", ddicTypeI, true, "0", "Seconds to wait"),
			imp("BUSY_WAITING", "FLAG", protocol.Char(1).Named("FLAG"), true, "SPACE", "Wait actively instead of sleeping"),
		},
		Handler: rfcPingAndWait,
	})
	s.MustDefine(&core.Function{
		Name: "RFC_RAISE_ERROR", Group: "SRFC", Description: "Raise errors of every kind, for tests of RFC clients",
		Params: []protocol.Parameter{
			imp("METHOD", "STRING", protocol.String(), true, "", "Which error: 0 message, 1/2 exception, 3/5/51 runtime error, 36 message from a caught error"),
			imp("MESSAGETYPE", "SY-MSGTY", protocol.Char(1).Named("SYMSGTY"), true, "'E'", "Message type of the messages sent"),
		},
		Exceptions: []protocol.Exception{{Name: "RAISE_EXCEPTION", Description: "Exception raised for METHOD 1 and 2"}},
		Handler:    rfcRaiseError,
	})
	s.MustDefine(&core.Function{
		Name: "RFC_SYSTEM_INFO", Group: "SRFC", Description: "Information about the system and its resources",
		Params: []protocol.Parameter{
			exp("CURRENT_RESOURCES", "SY-INDEX", syIndexType, "Free dialog work processes"),
			exp("MAXIMAL_RESOURCES", "SY-INDEX", syIndexType, "Dialog work processes available for RFC"),
			exp("RECOMMENDED_DELAY", "SY-INDEX", syIndexType, "Recommended delay before the next call"),
			exp("RFCSI_EXPORT", "RFCSI", ddic.Struct("RFCSI"), "System information"),
		},
		Handler: rfcSystemInfo,
	})
	s.MustDefine(&core.Function{
		Name: "RFC_FUNCTION_SEARCH", Group: "RFC1", Description: "Search for remote-enabled function modules",
		Params: []protocol.Parameter{
			imp("FUNCNAME", "RS38L-NAME", protocol.Char(30).Named("RS38L_FNAM"), false, "", "Function module name; * matches any characters"),
			imp("GROUPNAME", "RS38L-AREA", protocol.Char(26).Named("RS38L_AREA"), true, "SPACE", "Function group; * matches any characters"),
			imp("LANGUAGE", "SY-LANGU", ddicLang().Named("SYLANGU"), true, "SY-LANGU", "Language of the short texts"),
			tbl("FUNCTIONS", "RFCFUNC", ddic.Struct("RFCFUNC"), false, "Function modules found"),
		},
		Exceptions: []protocol.Exception{
			{Name: "NOTHING_SPECIFIED", Description: "Neither a function module nor a function group was given"},
			{Name: "NO_FUNCTION_FOUND", Description: "No function module matches"},
		},
		Handler: rfcFunctionSearch,
	})
	installFunctionInterfaceModule(s)
	progtab := protocol.Struct("PROGTAB", protocol.F("LINE", protocol.Char(72).Named("CHAR72")))
	listzeile := protocol.Struct("LISTZEILE", protocol.F("ZEILE", protocol.Char(256).Named("CHAR256")))
	s.MustDefine(&core.Function{
		Name: "RFC_ABAP_INSTALL_AND_RUN", Group: "SUTL", Description: "Generate and run an ABAP program sent by the caller",
		Params: []protocol.Parameter{
			exp("ERRORMESSAGE", "SY-MSGV1", protocol.Char(50).Named("SYMSGV"), "Why the program could not be run"),
			imp("MODE", "SY-MSGTY", protocol.Char(1).Named("SYMSGTY"), true, "'F'", "F: generate and run"),
			imp("PROGRAMNAME", "SY-REPID", protocol.Char(40).Named("SYREPID"), true, "'<<RFC1>>'", "Name of the temporary program"),
			tbl("PROGRAM", "PROGTAB", progtab, false, "Source code"),
			tbl("WRITES", "LISTZEILE", listzeile, false, "List output of the program"),
		},
		Handler: func(c *core.Call) error {
			// Only reachable when the deny-list is emptied: the simulator has no ABAP compiler.
			c.Set("ERRORMESSAGE", "Generation of "+rtTruncate(c.String("PROGRAMNAME"), 30)+" not supported")
			return nil
		},
	})
}

// rfcPingAndWait sleeps like WAIT UP TO n SECONDS. A running ABAP module cannot
// be aborted by its caller, so a client-side timeout or cancellation does not
// end it; only the end of the session does.
func rfcPingAndWait(c *core.Call) error {
	d := time.Duration(c.Int("SECONDS")) * time.Second
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-c.Session.Context().Done():
	}
	return nil
}

// rfcSyntaxErrorProgram is the program whose syntax error METHOD 5 reports, padded as SAP pads it.
var rfcSyntaxErrorProgram = fmt.Sprintf("%-40s", "RSXERROR")

// rfcNotSupported is the short text of message SR 006; it has no placeholder,
// so the variables a module passes with it stay in the message fields only.
const rfcNotSupported = "Function not supported"

// rfcRaiseError plays RFC_RAISE_ERROR through the wsrfc handler, which catches
// E and A messages (ERROR_MESSAGE) so the session survives them; runtime errors
// and type X messages end the session. S, I and W messages are not errors.
func rfcRaiseError(c *core.Call) error {
	method, _ := strconv.Atoi(strings.TrimSpace(c.String("METHOD")))
	typ := strings.ToUpper(c.String("MESSAGETYPE"))
	if typ == "" {
		typ = "E"
	}
	const zeroDivide = "Division by 0 (type I or INT8)"
	// The handler renders a message's text with MESSAGE ... INTO, so an
	// exception carries the T100 text of SR 006, not the "ID:SR Type:E
	// Number:006 Method = 1" that SAP's RFC SDK composes from the message
	// fields on the client; a plain RAISE (method 2) has no message, and the
	// handler names the exception instead of the SDK's " Number:000".
	switch method {
	case 1:
		return core.Raise("RAISE_EXCEPTION", core.T100("E", "SR", "006", rfcNotSupported, "Method = 1"))
	case 2:
		return core.Raise("RAISE_EXCEPTION")
	case 3:
		return core.Dump("COMPUTE_INT_ZERODIVIDE", zeroDivide)
	case 5:
		return core.Dump("SYNTAX_ERROR", "Syntax error in program "+rfcSyntaxErrorProgram+".")
	case 36:
		return rfcMessage(typ, core.Message{Type: typ, ID: "SR", Number: "000", V1: zeroDivide, Text: zeroDivide})
	case 51:
		return core.Dump("BLOCKED_COMMIT", "A database commit was blocked by the application.")
	}
	return rfcMessage(typ, core.T100(typ, "SR", "006", rfcNotSupported, "STRING"))
}

// rfcMessage is what MESSAGE ... TYPE typ does inside a module called through the handler.
func rfcMessage(typ string, m core.Message) error {
	switch typ {
	case "E", "A":
		return core.ErrorMessage(m)
	case "X":
		return core.Dump("MESSAGE_TYPE_X", "The current application has triggered a termination with a short dump.")
	}
	return nil // S, I and W messages do not interrupt a module called by RFC
}

func rfcSystemInfo(c *core.Call) error {
	cfg := c.Session.Server().Config()
	kernel := rfcKernelReleases[cfg.Release]
	if kernel == "" {
		kernel = "793"
	}
	c.Set("RFCSI_EXPORT", map[string]any{
		"RFCPROTO": "011", "RFCCHARTYP": "4103", "RFCINTTYP": "LIT", "RFCFLOTYP": "IE3",
		"RFCDEST": rtTruncate(cfg.Host+"_"+cfg.SystemID+"_00", 32), "RFCHOST": rtTruncate(cfg.Host, 8),
		"RFCSYSID": cfg.SystemID, "RFCDATABS": cfg.SystemID, "RFCDBHOST": rtTruncate(cfg.Host, 32), "RFCDBSYS": "HDB",
		"RFCSAPRL": cfg.Release, "RFCMACH": "  390", "RFCOPSYS": "Linux", "RFCTZONE": "     0", "RFCDAYST": "",
		"RFCIPADDR": "127.0.0.1", "RFCKERNRL": kernel, "RFCHOST2": rtTruncate(cfg.Host, 32), "RFCIPV6ADDR": "127.0.0.1",
	})
	c.Set("MAXIMAL_RESOURCES", rfcMaximalResources)
	c.Set("CURRENT_RESOURCES", max(0, rfcMaximalResources-len(c.Session.Server().Sessions())))
	c.Set("RECOMMENDED_DELAY", 0)
	return nil
}

// rfcFunctionSearch lists the remote-enabled modules matching a name and group
// pattern, reading the registry at call time so that modules defined later
// (for instance by a script) are found too.
func rfcFunctionSearch(c *core.Call) error {
	name, group := c.String("FUNCNAME"), c.String("GROUPNAME")
	if name == "" && group == "" {
		return core.Raise("NOTHING_SPECIFIED")
	}
	if name == "" {
		name = "*"
	}
	if group == "" {
		group = "*"
	}
	lang := c.String("LANGUAGE")
	var found []any
	for _, f := range c.Session.Server().Functions() {
		if f.NotRemote || !core.WildcardMatch(name, f.Name) || !core.WildcardMatch(group, f.Group) {
			continue
		}
		text := ""
		if lang == "" || lang == "E" {
			text = rtTruncate(f.Description, 74) // short texts exist in English only
		}
		found = append(found, map[string]any{"FUNCNAME": f.Name, "GROUPNAME": f.Group, "APPL": "S", "STEXT": text})
	}
	if len(found) == 0 {
		return core.Raise("NO_FUNCTION_FOUND")
	}
	c.Set("FUNCTIONS", found)
	return nil
}

// installFunctionInterfaceModule defines FUNCTION_IMPORT_INTERFACE, which SAP does not
// release for RFC: the handler must refuse it with NOT_REMOTE_ENABLED.
func installFunctionInterfaceModule(s *core.Server) {
	name := protocol.Char(30).Named("RS38L_PAR_")
	typing := protocol.Char(132).Named("RS38L_TYP")
	dbfield := protocol.Char(132).Named("RS38L_DBF")
	flag := protocol.Char(1).Named("RS38L_OPTI")
	rsimp := protocol.Struct("RSIMP", protocol.F("PARAMETER", name), protocol.F("DBFIELD", dbfield),
		protocol.F("DEFAULT", protocol.Char(21).Named("RS38L_DEFO")), protocol.F("OPTIONAL", flag), protocol.F("TYP", typing))
	rsexp := protocol.Struct("RSEXP", protocol.F("PARAMETER", name), protocol.F("DBFIELD", dbfield), protocol.F("TYP", typing))
	rscha := protocol.Struct("RSCHA", protocol.F("PARAMETER", name), protocol.F("DBFIELD", dbfield),
		protocol.F("DEFAULT", protocol.Char(21).Named("RS38L_DEFO")), protocol.F("OPTIONAL", flag), protocol.F("TYP", typing))
	rstbl := protocol.Struct("RSTBL", protocol.F("PARAMETER", name), protocol.F("DBSTRUCT", dbfield),
		protocol.F("OPTIONAL", flag), protocol.F("TYP", typing))
	rsexc := protocol.Struct("RSEXC", protocol.F("EXCEPTION", protocol.Char(30).Named("RS38L_EXCE")))
	char1 := protocol.Char(1).Named("CHAR1")
	s.MustDefine(&core.Function{
		Name: "FUNCTION_IMPORT_INTERFACE", Group: "FUNC", NotRemote: true, Description: "Read the interface of a function module",
		Params: []protocol.Parameter{
			exp("GLOBAL_FLAG", "RS38L-GLOBAL", char1, "Global interface"),
			exp("REMOTE_CALL", "RS38L-REMOTE", char1, "Remote-enabled"),
			exp("UPDATE_TASK", "RS38L-UTASK", char1, "Update module"),
			exp("EXCEPTION_CLASSES", "RS38L-EXCEPTION_CLASSES", char1, "Uses exception classes"),
			exp("REMOTE_BASXML_SUPPORTED", "RS38L-BASXML_ENABLED", char1, "basXML-enabled"),
			imp("FUNCNAME", "RS38L-NAME", protocol.Char(30).Named("RS38L_FNAM"), false, "", "Function module name"),
			imp("WITH_ENHANCEMENTS", "CHAR1", char1, true, "'X'", "Include enhancement parameters"),
			imp("IGNORE_SWITCHES", "CHAR1", char1, true, "SPACE", "Ignore switch settings"),
			tbl("EXCEPTION_LIST", "RSEXC", rsexc, false, "Exceptions"),
			tbl("EXPORT_PARAMETER", "RSEXP", rsexp, false, "Exporting parameters"),
			tbl("IMPORT_PARAMETER", "RSIMP", rsimp, false, "Importing parameters"),
			tbl("CHANGING_PARAMETER", "RSCHA", rscha, true, "Changing parameters"),
			tbl("TABLES_PARAMETER", "RSTBL", rstbl, false, "Tables parameters"),
		},
		Exceptions: []protocol.Exception{
			{Name: "ERROR_MESSAGE", Description: "Error message"},
			{Name: "FUNCTION_NOT_FOUND", Description: "Function module does not exist"},
			{Name: "INVALID_NAME", Description: "Invalid function module name"},
		},
		Handler: functionImportInterface,
	})
}

func functionImportInterface(c *core.Call) error {
	name := protocol.NormalizeName(c.String("FUNCNAME"))
	if name == "" {
		return core.Raise("INVALID_NAME")
	}
	f, ok := c.Session.Server().Function(name)
	if !ok {
		return core.Raise("FUNCTION_NOT_FOUND", core.T100("E", "FL", "046", "Function module & does not exist", name))
	}
	// LIKE typings name a dictionary field (TABLE-FIELD); TYPE typings a type.
	typing := func(p protocol.Parameter) (dbfield, typ string) {
		if strings.Contains(p.Type, "-") {
			return p.Type, ""
		}
		return "", p.Type
	}
	optional := func(p protocol.Parameter) string {
		if p.Optional {
			return "X"
		}
		return ""
	}
	var imps, exps, chgs, tbls, excs []any
	for _, p := range f.Params {
		db, typ := typing(p)
		switch p.Kind {
		case protocol.Importing:
			imps = append(imps, map[string]any{"PARAMETER": p.Name, "DBFIELD": db, "DEFAULT": p.Default, "OPTIONAL": optional(p), "TYP": typ})
		case protocol.Exporting:
			exps = append(exps, map[string]any{"PARAMETER": p.Name, "DBFIELD": db, "TYP": typ})
		case protocol.Changing:
			chgs = append(chgs, map[string]any{"PARAMETER": p.Name, "DBFIELD": db, "DEFAULT": p.Default, "OPTIONAL": optional(p), "TYP": typ})
		case protocol.Tables:
			tbls = append(tbls, map[string]any{"PARAMETER": p.Name, "DBSTRUCT": p.Type, "OPTIONAL": optional(p)})
		}
	}
	for _, e := range f.Exceptions {
		excs = append(excs, map[string]any{"EXCEPTION": e.Name})
	}
	c.Set("IMPORT_PARAMETER", imps)
	c.Set("EXPORT_PARAMETER", exps)
	c.Set("CHANGING_PARAMETER", chgs)
	c.Set("TABLES_PARAMETER", tbls)
	c.Set("EXCEPTION_LIST", excs)
	if !f.NotRemote {
		c.Set("REMOTE_CALL", "R")
	}
	c.Set("GLOBAL_FLAG", "X")
	return nil
}
