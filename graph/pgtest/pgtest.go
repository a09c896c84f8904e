// Package pgtest gives tests a PostgreSQL database of their own: created
// fresh on the server NHSGRAPH_TEST_PG names and dropped when the test
// ends, so tests run in parallel and leave nothing behind.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/lib/pq" // the postgres driver
)

// DefaultURL is the server tests use when NHSGRAPH_TEST_PG is unset: the
// machine's own, with trust authentication.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// ServerURL is the URL of the server tests use.
func ServerURL() string {
	if u := os.Getenv("NHSGRAPH_TEST_PG"); u != "" {
		return u
	}
	return DefaultURL
}

// Available reports whether the test server answers, and if not, why.
func Available() (bool, string) {
	db, err := sql.Open("postgres", ServerURL())
	if err != nil {
		return false, err.Error()
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		return false, err.Error()
	}
	return true, ""
}

// Require skips the test when the server is unreachable, or fails it when
// CI=true: CI starts PostgreSQL and must not pass by skipping.
func Require(t testing.TB) {
	t.Helper()
	if ok, why := Available(); !ok {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at NHSGRAPH_TEST_PG is unreachable and CI=true: %s", why)
		}
		t.Skipf("PostgreSQL unreachable (set NHSGRAPH_TEST_PG): %s", why)
	}
}

// NewDatabase creates an empty database for the test and returns its URL;
// it is dropped when the test ends. It skips or fails as Require does.
func NewDatabase(t testing.TB) string {
	t.Helper()
	Require(t)
	admin, err := sql.Open("postgres", ServerURL())
	if err != nil {
		t.Fatal(err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "nhsgraph_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(ServerURL())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
