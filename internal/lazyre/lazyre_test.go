package lazyre_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wsrfc/wsrfc/internal/lazyre"
)

func TestNewCompilesOnceOnFirstUse(t *testing.T) {
	word := lazyre.New(`^\w+$`)
	assert.True(t, word().MatchString("abc"))
	assert.False(t, word().MatchString("a b"))
	assert.Same(t, word(), word())
}

func TestNewPanicsOnFirstUseOfABadPattern(t *testing.T) {
	bad := lazyre.New(`(`) // no panic yet
	assert.Panics(t, func() { bad() })
}
