package debug

import (
	"strings"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
)

// The function group ZWSR_DEBUG: modules whose ABAP source the interpreter runs,
// so that the debug domain has real code to halt in. Line numbers count within
// each include, as SE80 shows them; tests and documentation refer to them.

const (
	debugGroup       = "ZWSR_DEBUG"
	debugProgramName = "SAPLZWSR_DEBUG"
)

// LZWSR_DEBUGU01: Z_WSR_DEBUG_DEMO adds the squares 1..IV_COUNT, one FORM call per square.
const debugDemoSource = `FUNCTION z_wsr_debug_demo.
*"----------------------------------------------------------------------
*"*"Local Interface:
*"  IMPORTING
*"     VALUE(IV_COUNT) TYPE  INT4
*"  EXPORTING
*"     VALUE(EV_SUM) TYPE  INT4
*"     VALUE(EV_TEXT) TYPE  STRING
*"----------------------------------------------------------------------
  DATA lv_index TYPE i.
  DATA lv_square TYPE i.

  ev_sum = 0.
  DO iv_count TIMES.
    lv_index = sy-index.
    PERFORM square USING lv_index CHANGING lv_square.
    ev_sum = ev_sum + lv_square.
  ENDDO.
  ev_text = |Sum of squares 1..{ iv_count }: { ev_sum }|.

ENDFUNCTION.`

// LZWSR_DEBUGU02: Z_WSR_DEBUG_DISCOUNT prices an order by customer class. A
// quantity of 0 divides by zero, which gives exception breakpoints something to catch.
const debugDiscountSource = `FUNCTION z_wsr_debug_discount.
*"----------------------------------------------------------------------
*"*"Local Interface:
*"  IMPORTING
*"     VALUE(IV_AMOUNT) TYPE  INT4
*"     VALUE(IV_CUSTOMER_CLASS) TYPE  CHAR1
*"     VALUE(IV_QUANTITY) TYPE  INT4 DEFAULT 1
*"  EXPORTING
*"     VALUE(EV_RATE) TYPE  INT4
*"     VALUE(EV_DISCOUNT) TYPE  INT4
*"     VALUE(EV_NET) TYPE  INT4
*"     VALUE(EV_UNIT_PRICE) TYPE  INT4
*"----------------------------------------------------------------------
  DATA lv_rate TYPE i.

  PERFORM get_rate USING iv_customer_class iv_amount CHANGING lv_rate.
  ev_rate = lv_rate.
  ev_discount = iv_amount * lv_rate / 100.
  ev_net = iv_amount - ev_discount.
  ev_unit_price = ev_net / iv_quantity.

ENDFUNCTION.`

// LZWSR_DEBUGF01: the subroutines, so that step into, over and return differ.
const debugFormsSource = `*----------------------------------------------------------------------*
***INCLUDE LZWSR_DEBUGF01.
*----------------------------------------------------------------------*
FORM square USING iv_value TYPE i CHANGING cv_square TYPE i.
  DATA lv_product TYPE i.
  lv_product = iv_value * iv_value.
  cv_square = lv_product.
ENDFORM.

FORM get_rate USING iv_class TYPE c iv_amount TYPE i CHANGING cv_rate TYPE i.
  IF iv_class = 'A'.
    cv_rate = 10.
  ELSEIF iv_class = 'B'.
    cv_rate = 5.
  ELSE.
    cv_rate = 0.
  ENDIF.
  IF iv_amount >= 1000.
    cv_rate = cv_rate + 2.
  ENDIF.
ENDFORM.`

func installDebugPrograms(s *core.Server, svc *debugService) {
	prog := parseABAPProgram(debugProgramName,
		&abapInclude{name: "LZWSR_DEBUGU01", lines: strings.Split(debugDemoSource, "\n")},
		&abapInclude{name: "LZWSR_DEBUGU02", lines: strings.Split(debugDiscountSource, "\n")},
		&abapInclude{name: "LZWSR_DEBUGF01", lines: strings.Split(debugFormsSource, "\n")},
	)
	svc.programs[prog.name] = prog
	for _, inc := range prog.includes {
		svc.includes[inc.name] = prog
	}
	int4 := protocol.Int4().Named("INT4")
	define := func(f *core.Function) {
		svc.fmodules[f.Name] = prog.procs[f.Name].include
		f.Group = debugGroup
		f.Handler = func(c *core.Call) error { return svc.execute(c, prog) }
		s.MustDefine(f)
	}
	define(&core.Function{
		Name: "Z_WSR_DEBUG_DEMO", Description: "Debugger demo: sum of squares through a subroutine",
		Params: []protocol.Parameter{
			{Name: "IV_COUNT", Kind: protocol.Importing, Type: "INT4", DataType: int4, Description: "How many squares to add"},
			{Name: "EV_SUM", Kind: protocol.Exporting, Type: "INT4", DataType: int4, Optional: true, Description: "Sum of the squares 1..IV_COUNT"},
			{Name: "EV_TEXT", Kind: protocol.Exporting, Type: "STRING", DataType: protocol.String(), Optional: true, Description: "The sum as a sentence"},
		},
	})
	define(&core.Function{
		Name: "Z_WSR_DEBUG_DISCOUNT", Description: "Debugger demo: discount by customer class",
		Params: []protocol.Parameter{
			{Name: "IV_AMOUNT", Kind: protocol.Importing, Type: "INT4", DataType: int4, Description: "Order amount"},
			{Name: "IV_CUSTOMER_CLASS", Kind: protocol.Importing, Type: "CHAR1", DataType: protocol.Char(1).Named("CHAR1"), Description: "Customer class A, B or other"},
			{Name: "IV_QUANTITY", Kind: protocol.Importing, Type: "INT4", DataType: int4, Optional: true, Default: "1", Description: "Items ordered"},
			{Name: "EV_RATE", Kind: protocol.Exporting, Type: "INT4", DataType: int4, Optional: true, Description: "Discount rate in percent"},
			{Name: "EV_DISCOUNT", Kind: protocol.Exporting, Type: "INT4", DataType: int4, Optional: true, Description: "Discount amount"},
			{Name: "EV_NET", Kind: protocol.Exporting, Type: "INT4", DataType: int4, Optional: true, Description: "Amount after discount"},
			{Name: "EV_UNIT_PRICE", Kind: protocol.Exporting, Type: "INT4", DataType: int4, Optional: true, Description: "Net price per item"},
		},
	})
}
