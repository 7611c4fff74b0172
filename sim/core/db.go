package core

import (
	"fmt"
	"sort"
	"sync"

	"github.com/wsrfc/wsrfc/protocol"
)

// DB is the simulator's database: transparent tables with a DDIC line type.
// Rows hold canonical values (see package protocol). It is shared by all sessions.
type DB struct {
	mu     sync.RWMutex
	tables map[string]*Table
}

// Table is one transparent table.
type Table struct {
	Name        string
	Description string
	Line        *protocol.Type // a STRUCT
	Keys        []string
	AuthGroup   string // table authorization group (TDDAT-CCLASS); "" is &NC&
	Rows        []map[string]any
	// Generate, when set, produces rows on demand instead of storing them (volume
	// tables for benchmarks): row i of n.
	Generate func(i int) map[string]any
	Count    int

	// Load, when set, gives the rows on the table's first use, so that a
	// simulator pays only for the demo tables a script reads.
	Load     func() []map[string]any
	loadOnce sync.Once
}

// rows are the table's live rows, loaded first if they are loaded on use.
// The caller holds the database's lock, read or write.
func (t *Table) rows() []map[string]any {
	t.loadOnce.Do(func() {
		if t.Load != nil {
			t.Rows = t.Load()
		}
	})
	return t.Rows
}

// Tx is the database as seen inside Update.
type Tx struct{ db *DB }

func newDB() *DB { return &DB{tables: map[string]*Table{}} }

// Define creates (or replaces) a table.
func (db *DB) Define(t *Table) {
	if t.Line == nil || t.Line.Kind != protocol.KindStruct {
		panic(fmt.Sprintf("table %s needs a structure line type", t.Name))
	}
	if t.Line.Name == "" {
		t.Line = t.Line.Named(t.Name)
	}
	db.mu.Lock()
	db.tables[t.Name] = t
	db.mu.Unlock()
}

// Lookup returns a table's definition and a snapshot of its rows.
func (db *DB) Lookup(name string) (*Table, []map[string]any, bool) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	t, ok := db.tables[name]
	if !ok {
		return nil, nil, false
	}
	return t, append([]map[string]any(nil), t.rows()...), true
}

// Names lists the tables, sorted.
func (db *DB) Names() []string {
	db.mu.RLock()
	defer db.mu.RUnlock()
	names := make([]string, 0, len(db.tables))
	for n := range db.tables {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Update runs fn with exclusive access, as one database transaction.
func (db *DB) Update(fn func(tx *Tx)) {
	db.mu.Lock()
	defer db.mu.Unlock()
	fn(&Tx{db: db})
}

// Insert adds a row; fields not given are initial. It fails on a duplicate key.
func (tx *Tx) Insert(table string, row map[string]any) error {
	t, ok := tx.db.tables[table]
	if !ok {
		return fmt.Errorf("table %s does not exist", table)
	}
	n, err := protocol.Normalize(t.Line, row, table)
	if err != nil {
		return err
	}
	r := n.(map[string]any)
	for _, old := range t.rows() {
		if sameKey(t, old, r) {
			return fmt.Errorf("duplicate key in %s", table)
		}
	}
	t.Rows = append(t.Rows, r)
	return nil
}

// Rows returns the live rows of a table inside a transaction.
func (tx *Tx) Rows(table string) []map[string]any {
	if t, ok := tx.db.tables[table]; ok {
		return t.rows()
	}
	return nil
}

func sameKey(t *Table, a, b map[string]any) bool {
	if len(t.Keys) == 0 {
		return false
	}
	for _, k := range t.Keys {
		if fmt.Sprint(a[k]) != fmt.Sprint(b[k]) {
			return false
		}
	}
	return true
}
