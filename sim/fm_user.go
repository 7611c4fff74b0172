package sim

import (
	"fmt"
	"strings"

	"github.com/wsrfc/wsrfc/protocol"
)

// BAPI_USER_GET_DETAIL over the simulator's user store. SAP users carry far
// more than sim.User does; what the store lacks is derived the way a freshly
// created user looks (logon language E, user type A dialog, valid until
// 31.12.9999), and users allowed every RFC ("*") look like the trial systems'
// DEVELOPER: user group SUPER with the profiles SAP_ALL and SAP_NEW.

var (
	bapilogond = protocol.Struct("BAPILOGOND",
		ddicField("GLTGV", "XUGLTGV", protocol.Date()),
		ddicField("GLTGB", "XUGLTGB", protocol.Date()),
		ddicField("USTYP", "XUUSTYP", protocol.Char(1)),
		ddicField("CLASS", "XUCLASS", protocol.Char(12)),
		ddicField("ACCNT", "XUACCNT", protocol.Char(12)),
		ddicField("TZONE", "TZNZONE", protocol.Char(6)),
		ddicField("CODVN", "XUCODEVERS", protocol.Char(1)),
		ddicField("SECURITY_POLICY", "SECURITY_POLICY_NAME", protocol.Char(40)),
	)
	bapidefaul = protocol.Struct("BAPIDEFAUL",
		ddicField("STCOD", "XUSTCOD", protocol.Char(20)),
		ddicField("SPLD", "RSPOPNAME", protocol.Char(4)),
		ddicField("SPLG", "XUSPLG", protocol.Char(1)),
		ddicField("SPDB", "XUSPDB", protocol.Char(1)),
		ddicField("SPDA", "XUSPDA", protocol.Char(1)),
		ddicField("DATFM", "XUDATFM", protocol.Char(1)),
		ddicField("DCPFM", "XUDCPFM", protocol.Char(1)),
		ddicField("LANGU", "XULANGU", ddicLang()),
		ddicField("CATTKENNZ", "XUCATTKENNZ", protocol.Char(1)),
		ddicField("KOSTL", "XUKOSTL", protocol.Char(8)),
		ddicField("START_MENU", "XUSTARTMEN", protocol.Char(30)),
		ddicField("TIMEFM", "XUTIMEFM", protocol.Char(1)),
	)
	bapiaddr3 = protocol.Struct("BAPIADDR3",
		ddicField("PERS_NO", "AD_PERSNUM", protocol.Char(10)),
		ddicField("ADDR_NO", "AD_ADDRNUM", protocol.Char(10)),
		ddicField("TITLE_P", "AD_TITLETX", protocol.Char(30)),
		ddicField("FIRSTNAME", "AD_NAMEFIR", protocol.Char(40)),
		ddicField("LASTNAME", "AD_NAMELAS", protocol.Char(40)),
		ddicField("NICKNAME", "AD_NICKNAM", protocol.Char(40)),
		ddicField("INITIALS", "AD_INITS", protocol.Char(10)),
		ddicField("LANGU_P", "AD_LANGUP", ddicLang()),
		ddicField("LANGUP_ISO", "LAISO", protocol.Char(2)),
		ddicField("DEPARTMENT", "AD_DPRTMNT", protocol.Char(40)),
		ddicField("FUNCTION", "AD_FNCTN", protocol.Char(40)),
		ddicField("BUILDING_P", "AD_BLDNG_P", protocol.Char(10)),
		ddicField("ROOM_NO_P", "AD_ROOMNUM", protocol.Char(10)),
		ddicField("COMM_TYPE", "AD_COMM", protocol.Char(3)),
		ddicField("NAME", "AD_NAME1", protocol.Char(40)),
		ddicField("CITY", "AD_CITY1", protocol.Char(40)),
		ddicField("POSTL_COD1", "AD_PSTCD1", protocol.Char(10)),
		ddicField("STREET", "AD_STREET", protocol.Char(60)),
		ddicField("HOUSE_NO", "AD_HSNM1", protocol.Char(10)),
		ddicField("COUNTRY", "LAND1", protocol.Char(3)),
		ddicField("COUNTRYISO", "INTCA", protocol.Char(2)),
		ddicField("LANGU", "SPRAS", ddicLang()),
		ddicField("LANGU_ISO", "LAISO", protocol.Char(2)),
		ddicField("REGION", "REGIO", protocol.Char(3)),
		ddicField("TIME_ZONE", "AD_TZONE", protocol.Char(6)),
		ddicField("TEL1_NUMBR", "AD_TLNMBR1", protocol.Char(30)),
		ddicField("TEL1_EXT", "AD_TLXTNS1", protocol.Char(10)),
		ddicField("FAX_NUMBER", "AD_FXNMBR1", protocol.Char(30)),
		ddicField("FAX_EXTENS", "AD_FXXTNS1", protocol.Char(10)),
		ddicField("E_MAIL", "AD_SMTPADR", protocol.Char(241)),
		ddicField("FULLNAME", "AD_NAMTEXT", protocol.Char(80)),
	)
	bapiuscomp = protocol.Struct("BAPIUSCOMP", ddicField("COMPANY", "AD_COMPANY", protocol.Char(42)))
	bapisncu   = protocol.Struct("BAPISNCU",
		ddicField("PNAME", "SNC_PNAME", protocol.Char(255)),
		ddicField("GUIFLAG", "SNC_GUIFLAG", protocol.Char(1)),
	)
	bapirefus  = protocol.Struct("BAPIREFUS", ddicField("REF_USER", "XUREFUSER", protocol.Char(12)))
	bapialias  = protocol.Struct("BAPIALIAS", ddicField("USERALIAS", "XUALIAS", protocol.Char(40)))
	bapimoddat = protocol.Struct("BAPIMODDAT",
		ddicField("MODDATE", "XUMODDATE", protocol.Date()),
		ddicField("MODTIME", "XUMODTIME", protocol.Time()),
	)
	bapislockd = protocol.Struct("BAPISLOCKD",
		ddicField("LOCAL_LOCK", "XULOCAL", protocol.Char(1)),
		ddicField("GLOB_LOCK", "XUGLOBAL", protocol.Char(1)),
		ddicField("WRNG_LOGON", "XUWRNGLOGN", protocol.Char(1)),
		ddicField("NO_USER_PW", "XUNOUSERPW", protocol.Char(1)),
	)
	bapiparam = protocol.Struct("BAPIPARAM",
		ddicField("PARID", "MEMORYID", protocol.Char(20)),
		ddicField("PARVA", "XUVALUE", protocol.Char(18)),
		ddicField("PARTXT", "AS4TEXT", protocol.Char(60)),
	)
	bapiprof = protocol.Struct("BAPIPROF",
		ddicField("BAPIPROF", "XUPROFILE", protocol.Char(12)),
		ddicField("BAPIPTEXT", "XUTEXT", protocol.Char(60)),
		ddicField("BAPITYPE", "XUPTYPE", protocol.Char(1)),
		ddicField("BAPIAKTPS", "XUAKTPAS", protocol.Char(1)),
	)
	bapiagr = protocol.Struct("BAPIAGR",
		ddicField("AGR_NAME", "AGR_NAME", protocol.Char(30)),
		ddicField("FROM_DAT", "AGR_FDATE", protocol.Date()),
		ddicField("TO_DAT", "AGR_TDATE", protocol.Date()),
		ddicField("AGR_TEXT", "AGR_TITLE", protocol.Char(80)),
		ddicField("ORG_FLAG", "AGR_ORGFLG", protocol.Char(1)),
	)
	bapigroups = protocol.Struct("BAPIGROUPS", ddicField("USERGROUP", "XUBNGROUP", protocol.Char(12)))
)

func installUserBAPIs(s *Server) {
	s.MustDefine(&Function{
		Name: "BAPI_USER_GET_DETAIL", Group: "SU_USER", Description: "Read user details",
		Params: []protocol.Parameter{
			exp("LOGONDATA", "BAPILOGOND", bapilogond, "Structure with logon data"),
			exp("DEFAULTS", "BAPIDEFAUL", bapidefaul, "Structure with user defaults"),
			exp("ADDRESS", "BAPIADDR3", bapiaddr3, "Address data"),
			exp("COMPANY", "BAPIUSCOMP", bapiuscomp, "Company for company address"),
			exp("SNC", "BAPISNCU", bapisncu, "Secure network communication data"),
			exp("REF_USER", "BAPIREFUS", bapirefus, "User name of the reference user"),
			exp("ALIAS", "BAPIALIAS", bapialias, "User name alias"),
			exp("LASTMODIFIED", "BAPIMODDAT", bapimoddat, "User: last change (date and time)"),
			exp("ISLOCKED", "BAPISLOCKD", bapislockd, "User lock"),
			imp("USERNAME", "BAPIBNAME-BAPIBNAME", protocol.Char(12).Named("XUBNAME"), false, "", "User name"),
			imp("CACHE_RESULTS", "BAPIFLAG-BAPIFLAG", protocol.Char(1).Named("BAPIFLAG"), true, "'X'", "Temporarily buffer results in work process"),
			tbl("PARAMETER", "BAPIPARAM", bapiparam, true, "Table with user parameters"),
			tbl("PROFILES", "BAPIPROF", bapiprof, true, "Profiles"),
			tbl("ACTIVITYGROUPS", "BAPIAGR", bapiagr, true, "Activity groups"),
			tbl("RETURN", "BAPIRET2", bapiret2, false, "Return structure"),
			tbl("GROUPS", "BAPIGROUPS", bapigroups, true, "Transfer structure for user groups"),
		},
		Handler: bapiUserGetDetail,
	})
}

func bapiUserGetDetail(c *Call) error {
	sess := c.Session
	name := protocol.NormalizeName(c.String("USERNAME"))
	u, ok := sess.server.LookupUser(sess.Client, name)
	if !ok {
		c.Set("RETURN", []any{bapiReturn(sess, T100("E", "01", "124", "User &1 does not exist", name), "")})
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
		"PERS_NO": userPersonNumber(sess.server, sess.Client, u.Name), "FIRSTNAME": u.FirstName, "LASTNAME": u.LastName,
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
func userPersonNumber(srv *Server, client, name string) string {
	for i, u := range srv.Users(client) {
		if u.Name == name {
			return fmt.Sprintf("%010d", i+1)
		}
	}
	return ""
}

// BAPI_USER_GETLIST's tables (SE11; their RFC line lengths are 155, 164 and
// 172 bytes, as SE37 lists them).
var (
	bapiussrge = protocol.Struct("BAPIUSSRGE",
		ddicField("PARAMETER", "BAPI_PARAM", protocol.Char(32)),
		ddicField("FIELD", "BAPI_FLD", protocol.Char(30)),
		ddicField("SIGN", "BAPISIGN", protocol.Char(1)),
		ddicField("OPTION", "BAPIOPTION", protocol.Char(2)),
		ddicField("LOW", "BAPIUSLOW", protocol.Char(45)),
		ddicField("HIGH", "BAPIUSHIGH", protocol.Char(45)),
	)
	bapiussexp = protocol.Struct("BAPIUSSEXP",
		ddicField("LOGOP", "BAPILOGOP", protocol.Char(3)),
		ddicField("ARITY", "BAPIARITY", protocol.Int4()),
		ddicField("PARAMETER", "BAPI_PARAM", protocol.Char(32)),
		ddicField("FIELD", "BAPI_FLD", protocol.Char(30)),
		ddicField("OPTION", "BAPIOPTION", protocol.Char(2)),
		ddicField("LOW", "BAPIUSLOW", protocol.Char(45)),
		ddicField("HIGH", "BAPIUSHIGH", protocol.Char(45)),
	)
	bapiusname = protocol.Struct("BAPIUSNAME",
		ddicField("USERNAME", "XUBNAME", protocol.Char(12)),
		ddicField("FIRSTNAME", "AD_NAMEFIR", protocol.Char(40)),
		ddicField("LASTNAME", "AD_NAMELAS", protocol.Char(40)),
		ddicField("FULLNAME", "AD_NAMTEXT", protocol.Char(80)),
	)
)

func installUserListBAPI(s *Server) {
	s.MustDefine(&Function{
		Name: "BAPI_USER_GETLIST", Group: "SU_USER", Description: "Search for Users",
		Params: []protocol.Parameter{
			exp("ROWS", "BAPIUSMISC-BAPIROWS", protocol.Int4().Named("BAPIROWS"), "No. of users selected"),
			imp("MAX_ROWS", "BAPIUSMISC-BAPIMAXROW", protocol.Int4().Named("BAPIMAXROW"), true, "0", "Maximum Number of Lines of Hits"),
			imp("WITH_USERNAME", "BAPIUSMISC-WITH_NAME", protocol.Char(1).Named("BAPIUSNAMF"), true, "SPACE", "Read User with Name"),
			tbl("RETURN", "BAPIRET2", bapiret2, true, "Return Parameter"),
			tbl("SELECTION_EXP", "BAPIUSSEXP", bapiussexp, true, "Search for Users with Free Selections"),
			tbl("SELECTION_RANGE", "BAPIUSSRGE", bapiussrge, true, "Search for Users with a Ranges Table"),
			tbl("USERLIST", "BAPIUSNAME", bapiusname, true, "User List"),
		},
		Handler: bapiUserGetList,
	})
}

// userAttribute is the value of a selection criterion (PARAMETER, FIELD) for
// a user, as BAPI_USER_GET_DETAIL shows it; false for the criteria the
// simulator does not keep, which then leave every user in.
func userAttribute(u *User, parameter, field string) (string, bool) {
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

// inRange evaluates a SELECT-OPTIONS table: a value must match one row of
// sign I (when there is one) and no row of sign E.
func inRange(value string, rows []map[string]any) bool {
	included, haveIncludes := false, false
	for _, r := range rows {
		sign, _ := r["SIGN"].(string)
		option, _ := r["OPTION"].(string)
		low, _ := r["LOW"].(string)
		high, _ := r["HIGH"].(string)
		var hit bool
		switch strings.ToUpper(option) {
		case "", "EQ":
			hit = value == low
		case "NE":
			hit = value != low
		case "CP":
			hit = wildcardMatch(strings.ReplaceAll(low, "+", "?"), value)
		case "NP":
			hit = !wildcardMatch(strings.ReplaceAll(low, "+", "?"), value)
		case "BT":
			hit = value >= low && value <= high
		case "NB":
			hit = value < low || value > high
		case "GT":
			hit = value > low
		case "GE":
			hit = value >= low
		case "LT":
			hit = value < low
		case "LE":
			hit = value <= low
		}
		if strings.ToUpper(sign) == "E" {
			if hit {
				return false
			}
			continue
		}
		haveIncludes = true
		included = included || hit
	}
	return included || !haveIncludes
}

// bapiUserGetList lists the client's users in name order that match every
// criterion of SELECTION_RANGE (rows of one PARAMETER and FIELD form one
// range); SELECTION_EXP is not evaluated by the simulator.
func bapiUserGetList(c *Call) error {
	sess := c.Session
	criteria := map[string][]map[string]any{}
	var order []string
	for _, row := range c.Table("SELECTION_RANGE") {
		r, _ := row.(map[string]any)
		key := strings.ToUpper(fmt.Sprint(r["PARAMETER"])) + "-" + strings.ToUpper(fmt.Sprint(r["FIELD"]))
		if _, seen := criteria[key]; !seen {
			order = append(order, key)
		}
		criteria[key] = append(criteria[key], r)
	}
	withName := c.String("WITH_USERNAME") != ""
	limit := c.Int("MAX_ROWS")
	var list []any
	for _, u := range sess.server.Users(sess.Client) {
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
