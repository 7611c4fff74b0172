package protocol

import "slices"

// A RowStream takes the rows of one table of a reply while its frame is
// decoded (Decoder.Tables): each row becomes canonical values, flat in Fields
// as AppendRows makes them, and no map per row is left behind. For a table
// of a million rows that is a million maps the reader neither builds nor
// leaves to the collector.
type RowStream struct {
	Line  *Type  // the table's line, a structure
	Name  string // the table's parameter, for errors
	First int    // rows of the table in the reply's earlier frames, for errors

	Fields []any // the rows read, flat
	Rows   int   // how many
	// Err is the first row that does not fit Line, named by its place in the
	// whole table; the rows after it are only parsed.
	Err error
}

func (rs *RowStream) add(row any) {
	rs.Rows++
	if rs.Err != nil {
		return
	}
	var err error
	if rs.Fields, err = appendRowAt(rs.Fields, rs.Line, row, rs.Name, rs.First+rs.Rows-1); err != nil {
		rs.Err, rs.Fields = err, nil
	}
}

// reserve makes room for rows more rows, guessed from the frame's size by
// the caller, and never more values than an eighth of that size: a hostile
// frame of empty rows cannot make it reserve more than twice its bytes.
func (rs *RowStream) reserve(rows, frameBytes int) {
	width := 1
	if rs.Line.Kind == KindStruct {
		width = len(rs.Line.Fields)
	}
	rs.Fields = slices.Grow(rs.Fields, min(rows*width, frameBytes/8))
}
