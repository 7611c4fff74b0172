package main

func runREPL(env *environment, args []string) error  { return usageError("repl: not built yet") }
func runTests(env *environment, args []string) error { return usageError("test: not built yet") }
