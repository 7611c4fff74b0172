package session_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sync"

	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
)

// A session from Go, without JavaScript. The simulator stands in for an SAP
// system here; against a real one, URL is the system's https://host:port.
func Example() {
	l, err := sim.New(sim.Config{}).Start("127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()

	ctx := context.Background()
	s, err := session.Dial(ctx, session.Options{URL: l.URL, Client: sim.DemoClient, User: sim.DemoUser, Password: sim.DemoPassword})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	out, err := s.Call(ctx, "STFC_CONNECTION", map[string]any{"REQUTEXT": "Hello world!"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out["ECHOTEXT"])

	// Errors are typed: a classic ABAP exception names itself.
	_, err = s.Call(ctx, "RFC_RAISE_ERROR", map[string]any{"METHOD": "1", "MESSAGETYPE": "E"})
	var e *session.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code, e.Details.Key)
	}
	// Output:
	// Hello world!
	// ABAP_EXCEPTION RAISE_EXCEPTION
}

// Many calls in flight on one session: CallAsync returns once the request is
// queued, and the session's writer sends the burst in a few writes.
func ExampleSession_CallAsync() {
	l, err := sim.New(sim.Config{}).Start("127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	ctx := context.Background()
	s, err := session.Dial(ctx, session.Options{URL: l.URL, Client: sim.DemoClient, User: sim.DemoUser, Password: sim.DemoPassword})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	texts := []string{"one", "two", "three"}
	echoes := make([]any, len(texts))
	var wg sync.WaitGroup
	for i, text := range texts {
		wg.Add(1)
		s.CallAsync(ctx, "STFC_CONNECTION", map[string]any{"REQUTEXT": text}, session.CallOptions{},
			func(out map[string]any, err error) { // runs on the session's reader: do not block here
				defer wg.Done()
				if err != nil {
					echoes[i] = err
					return
				}
				echoes[i] = out["ECHOTEXT"]
			})
	}
	wg.Wait()
	fmt.Println(echoes...)
	// Output: one two three
}
