package gen

import "fmt"

// meanwhile starts f on another goroutine, so on the other core while the
// caller works on, and returns a wait for f's error. A panic in f (a
// parser's bug) is its error, not the end of the run: the callers then do
// the work another way, whose errors are the ones reported.
func meanwhile(what string, f func() error) (wait func() error) {
	done := make(chan struct{})
	var err error
	go func() {
		defer close(done)
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%s failed: %v", what, r)
			}
		}()
		err = f()
	}()
	return func() error {
		<-done
		return err
	}
}
