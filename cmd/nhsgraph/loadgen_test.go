package main

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/nhsgraph/nhsgraph/query"
	"github.com/nhsgraph/nhsgraph/web"
)

func TestLoadgenRunsEveryKind(t *testing.T) {
	ctx := context.Background()
	store := seededStore(t)
	e := query.New(store, query.Config{CacheSize: 64})
	srv := httptest.NewServer(web.New(web.Config{Engine: e}))
	defer srv.Close()
	res, err := driveLoad(ctx, loadKinds(srv.URL), 8, 30*time.Second, 400) // the request bound ends it, not the clock
	if err != nil {
		t.Fatal(err)
	}
	if res.unexpected > 0 {
		t.Errorf("%d unexpected statuses:\n%s", res.unexpected, res)
	}
	if res.total != 400 {
		t.Errorf("%d requests, want the bound of 400", res.total)
	}
	for _, k := range res.kinds {
		if res.lines[k].codes[200] == 0 {
			t.Errorf("%s never succeeded:\n%s", k, res)
		}
	}
	if err := loopbackOnly("192.0.2.1:80"); !errors.Is(err, errUsage) {
		t.Errorf("a non-loopback address was accepted: %v", err)
	}
	if err := loopbackOnly("localhost:8080"); err != nil {
		t.Errorf("localhost refused: %v", err)
	}
}
