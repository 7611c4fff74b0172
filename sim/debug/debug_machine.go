package debug

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
)

// runMode says where a running call halts next.
type runMode int

const (
	runToBreakpoint runMode = iota // no debugger yet, or the debugger said continue
	runFree                        // never halt: nobody caught the call, or the debugger detached
	runStepInto                    // the next statement, in whatever procedure
	runStepOver                    // the next statement in this procedure or a caller
	runStepReturn                  // the next statement in a caller
)

// doLoop is an open DO loop of a frame.
type doLoop struct {
	do           int   // index of the DO statement
	count, index int64 // SY-INDEX runs from 1 to count
	outerIndex   int64 // SY-INDEX of the enclosing loop, restored at the end
}

// abapFrame is one procedure activation on the ABAP call stack.
type abapFrame struct {
	proc  *abapProcedure
	pc    int // index into proc.stmts of the statement about to run
	vars  map[string]*dataObject
	order []frameVariable // display order: parameters, then DATA
	loops []doLoop
}

type frameVariable struct {
	name, kind string
	obj        *dataObject
}

func (f *abapFrame) declare(name, kind string, o *dataObject) {
	f.vars[name] = o
	f.order = append(f.order, frameVariable{name: name, kind: kind, obj: o})
}

// advance returns the statement that follows index n in the flow: a branch body
// that runs into ELSEIF or ELSE has finished its IF block and goes on at ENDIF.
func (f *abapFrame) advance(n int) int {
	for n < len(f.proc.stmts) {
		st := f.proc.stmts[n]
		if st.keyword != "ELSEIF" && st.keyword != "ELSE" {
			break
		}
		n = st.endif
	}
	return n
}

// machine runs one function module call through the interpreter. It lives on
// the calling session's goroutine; while the call is stopped in the debugger
// that goroutine waits, exactly as the work process waits in SAP.
type machine struct {
	svc    *debugService
	prog   *abapProgram
	call   *core.Call
	caller *core.Session
	stack  []*abapFrame
	sy     map[string]*dataObject

	mode  runMode
	depth int // stack depth when a step over or return began

	d     *debuggee     // set once a debugger attached
	reply chan stepping // answers the debugger's step command in progress
}

// systemFieldOrder is what getVariables shows for scope "system", as the old handler does.
var systemFieldOrder = []string{"SY-SUBRC", "SY-TABIX", "SY-INDEX", "SY-DBCNT", "SY-UNAME", "SY-DATUM", "SY-UZEIT", "SY-CPROG"}

func abapTypeOf(t *protocol.Type) abapType {
	switch t.Kind {
	case protocol.KindInt1, protocol.KindInt2, protocol.KindInt4:
		return abapType{kind: abapInt}
	case protocol.KindChar:
		return abapType{kind: abapChar, length: t.Length}
	case protocol.KindString:
		return abapType{kind: abapString}
	}
	panic(fmt.Sprintf("the ABAP interpreter has no type for %s", t.Kind))
}

func newMachine(svc *debugService, prog *abapProgram, c *core.Call) (*machine, error) {
	proc := prog.procs[c.Function.Name]
	if proc == nil || proc.kind != "FUNCTION" {
		return nil, fmt.Errorf("program %s has no function module %s", prog.name, c.Function.Name)
	}
	f := &abapFrame{proc: proc, vars: map[string]*dataObject{}}
	for _, p := range c.Function.Params {
		t := abapTypeOf(p.DataType)
		o := &dataObject{typ: t, value: t.initial()}
		if p.Kind == protocol.Importing || p.Kind == protocol.Changing {
			if err := o.assign(c.Get(p.Name)); err != nil {
				return nil, err
			}
		}
		f.declare(p.Name, strings.ToUpper(string(p.Kind)), o)
	}
	for _, v := range proc.data {
		f.declare(v.name, v.kind, &dataObject{typ: v.typ, value: v.value})
	}
	now := svc.srv.Config().Now()
	char := func(n int, v string) *dataObject {
		return &dataObject{typ: abapType{kind: abapChar, length: n}, value: v}
	}
	m := &machine{svc: svc, prog: prog, call: c, caller: c.Session, stack: []*abapFrame{f},
		sy: map[string]*dataObject{
			"SY-SUBRC": {typ: abapType{kind: abapInt}, value: int64(0)},
			"SY-TABIX": {typ: abapType{kind: abapInt}, value: int64(0)},
			"SY-INDEX": {typ: abapType{kind: abapInt}, value: int64(0)},
			"SY-DBCNT": {typ: abapType{kind: abapInt}, value: int64(0)},
			"SY-UNAME": char(12, c.Session.User.Name),
			"SY-DATUM": {typ: abapType{kind: abapChar, length: 8, display: "D"}, value: now.Format("20060102")},
			"SY-UZEIT": {typ: abapType{kind: abapChar, length: 6, display: "T"}, value: now.Format("150405")},
			"SY-CPROG": char(40, prog.name),
		}}
	return m, nil
}

func (m *machine) top() *abapFrame { return m.stack[len(m.stack)-1] }

func (m *machine) lookupIn(f *abapFrame) func(string) (*dataObject, error) {
	return func(name string) (*dataObject, error) {
		if o, ok := f.vars[name]; ok {
			return o, nil
		}
		if o, ok := m.sy[name]; ok {
			return o, nil
		}
		return nil, fmt.Errorf("%s is not known in %s %s", name, f.proc.kind, f.proc.name)
	}
}

// run executes the call to its end. Before each statement it asks whether to
// halt there; the statement a debugger resumes from runs before the next check,
// so resuming never halts twice on the same statement.
func (m *machine) run(ctx context.Context) error {
	for len(m.stack) > 0 {
		f := m.top()
		st := f.proc.stmts[f.pc]
		if st.stoppable && m.mode != runFree {
			if stop := m.haltHere(f, st); stop != nil {
				if err := m.suspend(ctx, stop); err != nil {
					return err
				}
			}
		}
		if err := m.exec(f, st); err != nil {
			var cx *abapException
			if errors.As(err, &cx) && m.mode != runFree {
				if bp := m.svc.exceptionBreakpoint(m.caller, cx.class); bp != nil {
					// SAP halts where the exception is raised, before it propagates.
					if serr := m.suspend(ctx, &haltReason{reason: "exception", breakpointID: bp.id, exception: cx.class}); serr != nil {
						return serr
					}
				}
			}
			return err
		}
	}
	return nil
}

// haltReason says why a call halts.
type haltReason struct {
	reason       string // step, breakpoint, exception
	breakpointID string
	exception    string
}

func (m *machine) haltHere(f *abapFrame, st *abapStatement) *haltReason {
	if bp := m.svc.statementBreakpoint(m.caller, m.prog, f.proc.include, st, m.lookupIn(f)); bp != nil {
		return &haltReason{reason: "breakpoint", breakpointID: bp.id}
	}
	switch {
	case m.mode == runStepInto,
		m.mode == runStepOver && len(m.stack) <= m.depth,
		m.mode == runStepReturn && len(m.stack) < m.depth:
		return &haltReason{reason: "step"}
	}
	return nil
}

// suspend halts the call: the first halt offers it as a debuggee and waits for
// a debugger to attach; later halts answer the debugger's step. Then it waits
// for the next command. A call nobody attached to runs on without halting
// again (runFree), so a breakpoint in a loop costs one wait, not one per pass.
func (m *machine) suspend(ctx context.Context, why *haltReason) error {
	snap := m.snapshot(why)
	if m.d == nil {
		d := m.svc.offer(m, snap)
		attached, err := m.svc.awaitAttach(ctx, d)
		if attached {
			m.d = d
		}
		if err != nil {
			return err
		}
		if !attached {
			m.mode = runFree
			return nil
		}
	} else {
		m.svc.halted(m.d, snap)
		if m.reply != nil {
			m.reply <- stepping{stop: snap}
			m.reply = nil
		}
	}
	select {
	case cmd := <-m.d.commands:
		m.reply = cmd.reply
		m.depth = len(m.stack)
		m.mode = cmd.mode
		return nil
	case <-m.d.released:
		m.mode = runFree
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (m *machine) exec(f *abapFrame, st *abapStatement) error {
	lookup := m.lookupIn(f)
	switch st.keyword {
	case "FUNCTION", "FORM", "ELSE", "ENDIF":
		f.pc = f.advance(f.pc + 1)
	case "COMPUTE":
		v, err := st.expr.eval(lookup)
		if err != nil {
			return err
		}
		o, err := lookup(st.target)
		if err != nil {
			return err
		}
		if err := o.assign(v); err != nil {
			return err
		}
		f.pc = f.advance(f.pc + 1)
	case "CLEAR":
		o, err := lookup(st.target)
		if err != nil {
			return err
		}
		o.value = o.typ.initial()
		f.pc = f.advance(f.pc + 1)
	case "DO":
		v, err := st.expr.eval(lookup)
		if err != nil {
			return err
		}
		n, err := toInt(v)
		if err != nil {
			return err
		}
		if n <= 0 {
			f.pc = f.advance(st.next + 1)
			return nil
		}
		f.loops = append(f.loops, doLoop{do: f.pc, count: n, index: 1, outerIndex: m.sy["SY-INDEX"].value.(int64)})
		m.sy["SY-INDEX"].value = int64(1)
		f.pc = f.advance(f.pc + 1)
	case "ENDDO":
		l := &f.loops[len(f.loops)-1]
		if l.index < l.count {
			l.index++
			m.sy["SY-INDEX"].value = l.index
			f.pc = f.advance(l.do + 1)
			return nil
		}
		m.sy["SY-INDEX"].value = l.outerIndex
		f.loops = f.loops[:len(f.loops)-1]
		f.pc = f.advance(f.pc + 1)
	case "IF", "ELSEIF":
		ok, err := st.cond.holds(lookup)
		if err != nil {
			return err
		}
		if ok {
			f.pc = f.advance(f.pc + 1)
		} else {
			f.pc = st.next
		}
	case "PERFORM":
		return m.perform(f, st)
	case "ENDFORM", "ENDFUNCTION":
		m.stack = m.stack[:len(m.stack)-1]
		if len(m.stack) > 0 {
			caller := m.top()
			caller.pc = caller.advance(caller.pc + 1)
		}
	default:
		return fmt.Errorf("statement %s cannot run", st.keyword)
	}
	return nil
}

// perform calls a FORM. Actual parameters that are variables are passed by
// reference: the FORM's formal parameter is the caller's data object.
func (m *machine) perform(f *abapFrame, st *abapStatement) error {
	form := m.prog.procs[st.callee]
	if form == nil || form.kind != "FORM" {
		return fmt.Errorf("FORM %s does not exist in %s", st.callee, m.prog.name)
	}
	actuals := append(append([]abapExpr{}, st.using...), st.changing...)
	if len(actuals) != len(form.formals) {
		return fmt.Errorf("PERFORM %s passes %d parameters, the FORM has %d", form.name, len(actuals), len(form.formals))
	}
	callee := &abapFrame{proc: form, vars: map[string]*dataObject{}}
	for i, formal := range form.formals {
		var o *dataObject
		switch a := actuals[i].(type) {
		case variableExpr:
			obj, err := m.lookupIn(f)(a.name)
			if err != nil {
				return err
			}
			o = obj
		default:
			v, err := a.eval(m.lookupIn(f))
			if err != nil {
				return err
			}
			t := formal.typ
			if _, isInt := v.(int64); isInt && t.kind != abapInt {
				t = abapType{kind: abapInt}
			}
			o = &dataObject{typ: t, value: t.initial()}
			if err := o.assign(v); err != nil {
				return err
			}
		}
		callee.declare(formal.name, formal.kind, o)
	}
	for _, v := range form.data {
		callee.declare(v.name, v.kind, &dataObject{typ: v.typ, value: v.value})
	}
	m.stack = append(m.stack, callee)
	return nil
}

// outputs copies EXPORTING and CHANGING values back into the call.
func (m *machine) outputs(entry *abapFrame) {
	for _, p := range m.call.Function.Params {
		if p.Kind == protocol.Exporting || p.Kind == protocol.Changing {
			m.call.Set(p.Name, entry.vars[p.Name].value)
		}
	}
}

// ---- what the debugger sees ----

// haltSnapshot is the state of a halted call, copied so that the debugger's
// session reads it without touching the running machine.
type haltSnapshot struct {
	Reason       string
	BreakpointID string
	Exception    string
	Frames       []frameSnapshot // the active frame first
	System       []variableSnapshot
}

type frameSnapshot struct {
	Program   string
	Include   string
	Line      int
	Procedure string
	Kind      string // FUNCTION or FORM
	Statement string
	Variables []variableSnapshot
}

type variableSnapshot struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Type  string `json:"type"`
	Scope string `json:"scope"`
	Kind  string `json:"kind,omitempty"` // IMPORTING, EXPORTING, CHANGING, USING, DATA
}

func (s *haltSnapshot) active() frameSnapshot { return s.Frames[0] }

func displayValue(o *dataObject) string {
	if n, ok := o.value.(int64); ok {
		return fmt.Sprint(n)
	}
	return fmt.Sprint(o.value)
}

func (m *machine) snapshot(why *haltReason) *haltSnapshot {
	s := &haltSnapshot{Reason: why.reason, BreakpointID: why.breakpointID, Exception: why.exception}
	for i := len(m.stack) - 1; i >= 0; i-- {
		f := m.stack[i]
		st := f.proc.stmts[f.pc]
		fs := frameSnapshot{Program: m.prog.name, Include: f.proc.include, Line: st.line, Procedure: f.proc.name,
			Kind: f.proc.kind, Statement: strings.TrimSpace(st.text)}
		for _, v := range f.order {
			fs.Variables = append(fs.Variables, variableSnapshot{Name: v.name, Value: displayValue(v.obj),
				Type: v.obj.typ.String(), Scope: "locals", Kind: v.kind})
		}
		s.Frames = append(s.Frames, fs)
	}
	m.sy["SY-UZEIT"].value = m.svc.srv.Config().Now().Format("150405")
	for _, name := range systemFieldOrder {
		o := m.sy[name]
		s.System = append(s.System, variableSnapshot{Name: name, Value: displayValue(o), Type: o.typ.String(), Scope: "system"})
	}
	return s
}
