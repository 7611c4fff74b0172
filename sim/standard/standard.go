// Package standard is what every simulated system holds: the standard function
// modules with SAP's interfaces and semantics (STFC, RFC_READ_TABLE, the DDIC
// and interface readers, the user, flight and sales order BAPIs, the data-type
// test modules) and the demo tables they read, installed into a core.Server.
package standard

import (
	"fmt"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
	"github.com/wsrfc/wsrfc/sim/ddic"
)

// Install defines the demo tables and registers the modules every
// simulator has. Each family lives in its own file (fm_*.go); interfaces follow
// SE37: parameter names, kinds, typings, optional flags, defaults, texts and
// exceptions. Parameters are listed as SAP's metadata returns them: by kind
// (CHANGING, EXPORTING, IMPORTING, TABLES), and in SE37 order within a kind.
func Install(s *core.Server) {
	installTables(s)
	installSTFC(s)
	installLUW(s)
	installSystemModules(s)
	installReadTable(s)
	installFunctionInterfaceRFC(s)
	installDDIC(s)
	installUserBAPIs(s)
	installUserListBAPI(s)
	installFlightBAPIs(s)
	installMemoryDemo(s)
	installDataTypeModules(s)
	installSalesOrderBAPIs(s)
}

// Data elements used across modules.
var (
	syLisel = protocol.Char(255).Named("SY-LISEL")
)

// Param helpers keep interface declarations one line each.
func imp(name, typing string, t *protocol.Type, optional bool, def, text string) protocol.Parameter {
	return protocol.Parameter{Name: name, Kind: protocol.Importing, Type: typing, Optional: optional, Default: def, Description: text, DataType: t}
}

func exp(name, typing string, t *protocol.Type, text string) protocol.Parameter {
	return protocol.Parameter{Name: name, Kind: protocol.Exporting, Type: typing, Optional: true, Description: text, DataType: t}
}

func chg(name, typing string, t *protocol.Type, optional bool, text string) protocol.Parameter {
	return protocol.Parameter{Name: name, Kind: protocol.Changing, Type: typing, Optional: optional, Description: text, DataType: t}
}

func tbl(name, typing string, line *protocol.Type, optional bool, text string) protocol.Parameter {
	t := line
	if line.Kind != protocol.KindTable {
		t = protocol.TableOf("", line)
	}
	return protocol.Parameter{Name: name, Kind: protocol.Tables, Type: typing, Optional: optional, Description: text, DataType: t}
}

// bapiReturn builds a BAPIRET2 row from a T100 message, as BALW_BAPIRETURN_GET2 does.
func bapiReturn(s *core.Session, m core.Message, parameter string) map[string]any {
	return map[string]any{
		"TYPE": m.Type, "ID": m.ID, "NUMBER": m.Number, "MESSAGE": m.Text,
		"MESSAGE_V1": m.V1, "MESSAGE_V2": m.V2, "MESSAGE_V3": m.V3, "MESSAGE_V4": m.V4,
		"PARAMETER": parameter, "SYSTEM": s.Server().Config().SystemID + "CLNT" + s.Client,
	}
}

// respText is the banner STFC modules answer with.
func respText(s *core.Session, withLogon bool) string {
	now := s.Server().Config().Now()
	t := fmt.Sprintf("SAP R/3 Rel. %-4s  Sysid: %-8s Date: %s   Time: %s", s.Server().Config().Release, s.Server().Config().SystemID,
		now.Format("20060102"), now.Format("150405"))
	if withLogon {
		t += fmt.Sprintf("   Logon_Data: %s/%s/%s", s.Client, s.User.Name, s.Language)
	}
	return t
}

func installSTFC(s *core.Server) {
	s.MustDefine(&core.Function{
		Name: "STFC_CONNECTION", Group: "STFC", Description: "RFC test: echo a text and identify the system",
		Params: []protocol.Parameter{
			exp("ECHOTEXT", "SY-LISEL", syLisel, "Echo of the importing text"),
			exp("RESPTEXT", "SY-LISEL", syLisel, "Response text with system and logon data"),
			imp("REQUTEXT", "SY-LISEL", syLisel, false, "", "Request text"),
		},
		Handler: func(c *core.Call) error {
			c.Set("ECHOTEXT", c.String("REQUTEXT"))
			c.Set("RESPTEXT", respText(c.Session, true))
			return nil
		},
	})
	installSTFCModules(s)
}

func installLUW(s *core.Server) {
	s.MustDefine(&core.Function{
		Name: "BAPI_TRANSACTION_COMMIT", Group: "BAPT", Description: "Execute external commit when using BAPIs",
		Params: []protocol.Parameter{
			exp("RETURN", "BAPIRET2", ddic.Struct("BAPIRET2"), "Confirmations"),
			imp("WAIT", "BAPITA-WAIT", protocol.Char(1).Named("BAPIWAIT"), true, "SPACE", "Use of command COMMIT AND WAIT"),
		},
		Handler: func(c *core.Call) error {
			if c.String("WAIT") != "" {
				// COMMIT WORK AND WAIT is illegal in a stateful APC session; the wsrfc
				// handler refuses the call before it runs (see core.Server.Invoke), the old
				// handler lets it run into this runtime error.
				return core.Dump("APC_ILLEGAL_STATEMENT", "Statement COMMIT WORK AND WAIT is not allowed in a stateful ABAP Push Channel session")
			}
			c.Session.Commit()
			return nil
		},
	})
	s.MustDefine(&core.Function{
		Name: "BAPI_TRANSACTION_ROLLBACK", Group: "BAPT", Description: "Execute external rollback when using BAPIs",
		Params: []protocol.Parameter{
			exp("RETURN", "BAPIRET2", ddic.Struct("BAPIRET2"), "Confirmations"),
		},
		Handler: func(c *core.Call) error {
			c.Session.Rollback()
			return nil
		},
	})
}
