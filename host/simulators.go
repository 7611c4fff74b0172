package host

import (
	"errors"
	"sync"

	"github.com/wsrfc/wsrfc/internal/procs"
	"github.com/wsrfc/wsrfc/sim"
)

// Simulators are the simulators embedded in one host: one per profile,
// started on first use and shared by every session of the host, so that a
// second session (sap.open) sees the same system — the same database, the
// same breakpoints. Closing the host stops them; nothing outlives it.
type Simulators struct {
	setup func(*sim.Server) error

	mu      sync.Mutex
	servers map[string]*embedded
	closed  bool
}

type embedded struct {
	srv *sim.Server
	l   *sim.Listener
}

// NewSimulators makes a set of simulators; setup, when not nil, runs on each
// as it starts, before it serves (tests define function modules with it).
func NewSimulators(setup func(*sim.Server) error) *Simulators {
	return &Simulators{setup: setup, servers: map[string]*embedded{}}
}

// Listener returns where the simulator of a profile serves, starting it on first use.
func (s *Simulators) Listener(profile string) (*sim.Listener, error) {
	e, err := s.start(profile)
	if err != nil {
		return nil, err
	}
	return e.l, nil
}

// Server returns the simulator of a profile itself, starting it on first use.
func (s *Simulators) Server(profile string) (*sim.Server, error) {
	e, err := s.start(profile)
	if err != nil {
		return nil, err
	}
	return e.srv, nil
}

func (s *Simulators) start(profile string) (*embedded, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, errors.New("the simulator has stopped: its host is closed")
	}
	if profile == "" {
		profile = string(sim.ProfileWsrfc)
	}
	if e, ok := s.servers[profile]; ok {
		return e, nil
	}
	cfg, err := sim.ConfigForProfile(profile)
	if err != nil {
		return nil, err
	}
	procs.Widen() // the simulator serves from this process: it needs a core of its own
	srv := sim.New(cfg)
	if s.setup != nil {
		if err := s.setup(srv); err != nil {
			return nil, err
		}
	}
	l, err := srv.Start("127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	e := &embedded{srv: srv, l: l}
	s.servers[profile] = e
	return e, nil
}

// Close stops every simulator of the set.
func (s *Simulators) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for profile, e := range s.servers {
		_ = e.l.Close()
		delete(s.servers, profile)
	}
}
