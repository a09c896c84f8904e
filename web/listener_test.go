package web

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
	"github.com/nhsgraph/nhsgraph/query"
)

// keepAlive opens a connection from the loopback address from, makes one
// request on it and leaves it open and idle, as a client pool (or a flood
// of idle keep-alive connections) does.
func keepAlive(t *testing.T, addr, from string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 2 * time.Second}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial from %s: %v", from, err)
	}
	fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return c
}

// closedByServer reports whether the server has closed c.
func closedByServer(c net.Conn) bool {
	c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	_, err := c.Read(make([]byte, 1))
	return err == io.EOF || err != nil && !strings.Contains(err.Error(), "timeout")
}

// TestConnectionCaps floods a server with idle keep-alive connections from
// several addresses. There must never be more open than the caps allow,
// per address and in all, and /healthz from another address must still
// answer at once. Before, nothing capped connections: 20,000 idle ones
// used up the open-file limit and other clients timed out.
func TestConnectionCaps(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	const max, perIP = 20, 8
	capped := Listen(ln, max, perIP)
	srv := &http.Server{
		Handler:   New(Config{Engine: query.New(testgraph.Cayley(t), query.Config{})}),
		ConnState: capped.ConnState,
	}
	go srv.Serve(capped)
	defer srv.Close()
	addr := ln.Addr().String()

	var flood []net.Conn
	defer func() {
		for _, c := range flood {
			c.Close()
		}
	}()
	// one address, three times its share
	for range 3 * perIP {
		flood = append(flood, keepAlive(t, addr, "127.0.0.2"))
	}
	open := 0
	for _, c := range flood {
		if !closedByServer(c) {
			open++
		}
	}
	if open > perIP {
		t.Errorf("127.0.0.2 holds %d open connections, more than its %d", open, perIP)
	}
	// many addresses, five times the cap in all
	for i := range 5 * max {
		flood = append(flood, keepAlive(t, addr, fmt.Sprintf("127.0.1.%d", 1+i%25)))
		if n := capped.Open(); n > max {
			t.Fatalf("%d connections open, more than the cap of %d", n, max)
		}
	}
	// at the cap, a health check from elsewhere answers at once
	client := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{DisableKeepAlives: true,
		DialContext: (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.9")}}).DialContext}}
	start := time.Now()
	resp, err := client.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatalf("/healthz at the cap: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("/healthz at the cap: %d", resp.StatusCode)
	}
	t.Logf("/healthz at the cap answered in %s; %d connections open", time.Since(start).Round(time.Millisecond), capped.Open())
}
