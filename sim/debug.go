package sim

// installDebug registers the debug domain (see debug_*.go).
func installDebug(s *Server) {}
