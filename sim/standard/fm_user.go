package standard

import (
	"fmt"
	"strings"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
	"github.com/wsrfc/wsrfc/sim/ddic"
)

// BAPI_USER_GET_DETAIL over the simulator's user store. SAP users carry far
// more than sim.User does; what the store lacks is derived the way a freshly
// created user looks (logon language E, user type A dialog, valid until
// 31.12.9999), and users allowed every RFC ("*") look like the trial systems'
// DEVELOPER: user group SUPER with the profiles SAP_ALL and SAP_NEW.

func installUserBAPIs(s *core.Server) {
	s.MustDefine(&core.Function{
		Name: "BAPI_USER_GET_DETAIL", Group: "SU_USER", Description: "Read user details",
		Params: []protocol.Parameter{
			exp("LOGONDATA", "BAPILOGOND", ddic.Struct("BAPILOGOND"), "Structure with logon data"),
			exp("DEFAULTS", "BAPIDEFAUL", ddic.Struct("BAPIDEFAUL"), "Structure with user defaults"),
			exp("ADDRESS", "BAPIADDR3", ddic.Struct("BAPIADDR3"), "Address data"),
			exp("COMPANY", "BAPIUSCOMP", ddic.Struct("BAPIUSCOMP"), "Company for company address"),
			exp("SNC", "BAPISNCU", ddic.Struct("BAPISNCU"), "Secure network communication data"),
			exp("REF_USER", "BAPIREFUS", ddic.Struct("BAPIREFUS"), "User name of the reference user"),
			exp("ALIAS", "BAPIALIAS", ddic.Struct("BAPIALIAS"), "User name alias"),
			exp("LASTMODIFIED", "BAPIMODDAT", ddic.Struct("BAPIMODDAT"), "User: last change (date and time)"),
			exp("ISLOCKED", "BAPISLOCKD", ddic.Struct("BAPISLOCKD"), "User lock"),
			imp("USERNAME", "BAPIBNAME-BAPIBNAME", protocol.Char(12).Named("XUBNAME"), false, "", "User name"),
			imp("CACHE_RESULTS", "BAPIFLAG-BAPIFLAG", protocol.Char(1).Named("BAPIFLAG"), true, "'X'", "Temporarily buffer results in work process"),
			tbl("PARAMETER", "BAPIPARAM", ddic.Struct("BAPIPARAM"), true, "Table with user parameters"),
			tbl("PROFILES", "BAPIPROF", ddic.Struct("BAPIPROF"), true, "Profiles"),
			tbl("ACTIVITYGROUPS", "BAPIAGR", ddic.Struct("BAPIAGR"), true, "Activity groups"),
			tbl("RETURN", "BAPIRET2", ddic.Struct("BAPIRET2"), false, "Return structure"),
			tbl("GROUPS", "BAPIGROUPS", ddic.Struct("BAPIGROUPS"), true, "Transfer structure for user groups"),
		},
		Handler: bapiUserGetDetail,
	})
}

func bapiUserGetDetail(c *core.Call) error {
	sess := c.Session
	name := protocol.NormalizeName(c.String("USERNAME"))
	u, ok := sess.Server().LookupUser(sess.Client, name)
	if !ok {
		c.Set("RETURN", []any{bapiReturn(sess, core.T100("E", "01", "124", "User &1 does not exist", name), "")})
		return nil
	}
	base := demoDate(FlightBaseDate)
	validFrom := base.AddDate(-1, 0, 0).Format("20060102")
	allRFC := false
	for _, a := range u.RFCAuth {
		allRFC = allRFC || a == "*"
	}
	class := ""
	if allRFC {
		class = "SUPER"
	}
	c.Set("LOGONDATA", map[string]any{"GLTGV": validFrom, "GLTGB": "99991231", "USTYP": "A", "CLASS": class,
		"TZONE": "UTC", "CODVN": "H"})
	c.Set("DEFAULTS", map[string]any{"SPLD": "LP01", "DATFM": "1", "DCPFM": "X", "LANGU": "E", "TIMEFM": "0"})
	initials := ""
	if first := []rune(u.FirstName); len(first) > 0 {
		initials = string(first[0]) + "."
	}
	c.Set("ADDRESS", map[string]any{
		"PERS_NO": userPersonNumber(sess.Server(), sess.Client, u.Name), "FIRSTNAME": u.FirstName, "LASTNAME": u.LastName,
		"INITIALS": initials, "LANGU_P": "E", "LANGUP_ISO": "EN", "LANGU": "E", "LANGU_ISO": "EN", "TIME_ZONE": "UTC",
		"FULLNAME": strings.TrimSpace(u.FirstName + " " + u.LastName),
	})
	lock := map[string]any{"LOCAL_LOCK": "U", "GLOB_LOCK": "U", "WRNG_LOGON": "U", "NO_USER_PW": "U"}
	if u.Locked {
		lock["LOCAL_LOCK"] = "L"
	}
	c.Set("ISLOCKED", lock)
	c.Set("LASTMODIFIED", map[string]any{"MODDATE": base.AddDate(0, 0, -30).Format("20060102"), "MODTIME": "120000"})
	if allRFC {
		c.Set("PROFILES", []any{
			map[string]any{"BAPIPROF": "SAP_ALL", "BAPIPTEXT": "All SAP System authorizations", "BAPITYPE": "C", "BAPIAKTPS": "A"},
			map[string]any{"BAPIPROF": "SAP_NEW", "BAPIPTEXT": "New authorization checks", "BAPITYPE": "C", "BAPIAKTPS": "A"},
		})
		c.Set("GROUPS", []any{map[string]any{"USERGROUP": "SUPER"}})
	} else {
		text := "RFC access: " + strings.Join(u.RFCAuth, ", ")
		c.Set("ACTIVITYGROUPS", []any{map[string]any{"AGR_NAME": "Z_WSR_RFC_" + u.Name, "FROM_DAT": validFrom,
			"TO_DAT": "99991231", "AGR_TEXT": rtTruncate(text, 80)}})
	}
	return nil
}

// userPersonNumber numbers a client's users in name order, as the address
// management would have when they were created.
func userPersonNumber(srv *core.Server, client, name string) string {
	for i, u := range srv.Users(client) {
		if u.Name == name {
			return fmt.Sprintf("%010d", i+1)
		}
	}
	return ""
}

func installUserListBAPI(s *core.Server) {
	s.MustDefine(&core.Function{
		Name: "BAPI_USER_GETLIST", Group: "SU_USER", Description: "Search for Users",
		Params: []protocol.Parameter{
			exp("ROWS", "BAPIUSMISC-BAPIROWS", protocol.Int4().Named("BAPIROWS"), "No. of users selected"),
			imp("MAX_ROWS", "BAPIUSMISC-BAPIMAXROW", protocol.Int4().Named("BAPIMAXROW"), true, "0", "Maximum Number of Lines of Hits"),
			imp("WITH_USERNAME", "BAPIUSMISC-WITH_NAME", protocol.Char(1).Named("BAPIUSNAMF"), true, "SPACE", "Read User with Name"),
			tbl("RETURN", "BAPIRET2", ddic.Struct("BAPIRET2"), true, "Return Parameter"),
			tbl("SELECTION_EXP", "BAPIUSSEXP", ddic.Struct("BAPIUSSEXP"), true, "Search for Users with Free Selections"),
			tbl("SELECTION_RANGE", "BAPIUSSRGE", ddic.Struct("BAPIUSSRGE"), true, "Search for Users with a Ranges Table"),
			tbl("USERLIST", "BAPIUSNAME", ddic.Struct("BAPIUSNAME"), true, "User List"),
		},
		Handler: bapiUserGetList,
	})
}

// userAttribute is the value of a selection criterion (PARAMETER, FIELD) for
// a user, as BAPI_USER_GET_DETAIL shows it; false for the criteria the
// simulator does not keep, which then leave every user in.
func userAttribute(u *core.User, parameter, field string) (string, bool) {
	switch parameter + "-" + field {
	case "USERNAME-", "USERNAME-USERNAME", "USERNAME-BAPIBNAME":
		return u.Name, true
	case "ADDRESS-FIRSTNAME":
		return u.FirstName, true
	case "ADDRESS-LASTNAME":
		return u.LastName, true
	case "ADDRESS-FULLNAME":
		return strings.TrimSpace(u.FirstName + " " + u.LastName), true
	case "LOGONDATA-USTYP":
		return "A", true
	case "ISLOCKED-LOCAL_LOCK":
		if u.Locked {
			return "L", true
		}
		return "U", true
	}
	return "", false
}

// bapiUserGetList lists the client's users in name order that match every
// criterion of SELECTION_RANGE (rows of one PARAMETER and FIELD form one
// range); SELECTION_EXP is not evaluated by the simulator.
func bapiUserGetList(c *core.Call) error {
	sess := c.Session
	criteria := map[string][]any{}
	var order []string
	for _, row := range c.Table("SELECTION_RANGE") {
		r, _ := row.(map[string]any)
		key := strings.ToUpper(fmt.Sprint(r["PARAMETER"])) + "-" + strings.ToUpper(fmt.Sprint(r["FIELD"]))
		if _, seen := criteria[key]; !seen {
			order = append(order, key)
		}
		criteria[key] = append(criteria[key], row)
	}
	withName := c.String("WITH_USERNAME") != ""
	limit := c.Int("MAX_ROWS")
	var list []any
	for _, u := range sess.Server().Users(sess.Client) {
		match := true
		for _, key := range order {
			parameter, field, _ := strings.Cut(key, "-")
			if v, known := userAttribute(u, parameter, field); known && !inRange(v, criteria[key]) {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		row := map[string]any{"USERNAME": u.Name}
		if withName {
			row["FIRSTNAME"], row["LASTNAME"] = u.FirstName, u.LastName
			row["FULLNAME"] = strings.TrimSpace(u.FirstName + " " + u.LastName)
		}
		list = append(list, row)
		if limit > 0 && int64(len(list)) >= limit {
			break
		}
	}
	c.Set("USERLIST", list)
	c.Set("ROWS", len(list))
	return nil
}
