package web

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// Connection limits.
//
// With no cap on connections, about 20,000 idle keep-alive connections
// used up the process's open files ("accept4: too many open files") and
// every other client timed out. Listen caps them: at most max at once (a
// new connection waits in the kernel's queue while all are busy, as with
// golang.org/x/net/netutil.LimitListener, which is not used because it
// wraps each connection in a type of its own, and the server's ConnState
// could then not tell which connection is idle), at most perIP from one
// address (past that a new connection closes one of that address's idle
// connections, or is closed itself). So that a health check still gets in
// at the cap, the longest idle connection is closed as soon as the cap is
// reached, leaving a place free: an idle keep-alive connection holds no
// request, and clients open a new one when it goes.

// Listener is a listener with connection caps. Its ConnState must be the
// http.Server's ConnState, which is how it knows which connections are idle.
type Listener struct {
	net.Listener
	max, perIP int
	places     chan struct{} // one per open connection, when max > 0

	mu    sync.Mutex
	conns map[net.Conn]*connInfo
	byIP  map[string]int
}

type connInfo struct {
	ip        string
	idleSince time.Time // zero while a request is in progress
}

// Listen caps ln at max connections at once (0: no cap) and perIP from one
// address (0: no cap). Pass ConnState to the http.Server.
func Listen(ln net.Listener, max, perIP int) *Listener {
	l := &Listener{Listener: ln, max: max, perIP: perIP, conns: map[net.Conn]*connInfo{}, byIP: map[string]int{}}
	if max > 0 {
		l.places = make(chan struct{}, max)
	}
	return l
}

// Open is the number of connections open now.
func (l *Listener) Open() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.conns)
}

// ConnState follows each connection's state for the caps.
func (l *Listener) ConnState(c net.Conn, st http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ci, ok := l.conns[c]
	if !ok {
		return
	}
	switch st {
	case http.StateIdle:
		ci.idleSince = time.Now()
	case http.StateActive:
		ci.idleSince = time.Time{}
	case http.StateClosed, http.StateHijacked:
		l.forget(c)
	}
}

// forget drops a connection from the counts; l.mu is held.
func (l *Listener) forget(c net.Conn) {
	ci, ok := l.conns[c]
	if !ok {
		return
	}
	delete(l.conns, c)
	if l.byIP[ci.ip]--; l.byIP[ci.ip] <= 0 {
		delete(l.byIP, ci.ip)
	}
}

// closeIdle closes the connection idle longest (from ip, when ip is not
// ""), and reports whether there was one; l.mu is held.
func (l *Listener) closeIdle(ip string) bool {
	var oldest net.Conn
	var since time.Time
	for c, ci := range l.conns {
		if ci.idleSince.IsZero() || ip != "" && ci.ip != ip {
			continue
		}
		if oldest == nil || ci.idleSince.Before(since) {
			oldest, since = c, ci.idleSince
		}
	}
	if oldest == nil {
		return false
	}
	l.mu.Unlock() // Close takes the lock to forget the connection
	oldest.Close()
	l.mu.Lock()
	return true
}

// Accept waits for a place, then for a connection, and applies the cap
// per address.
func (l *Listener) Accept() (net.Conn, error) {
	for {
		if l.places != nil {
			l.places <- struct{}{}
		}
		conn, err := l.Listener.Accept()
		if err != nil {
			l.release()
			return nil, err
		}
		ip := conn.RemoteAddr().String()
		if host, _, err := net.SplitHostPort(ip); err == nil {
			ip = host
		}
		l.mu.Lock()
		if l.perIP > 0 && l.byIP[ip] >= l.perIP && !l.closeIdle(ip) {
			l.mu.Unlock()
			conn.Close() // this address holds all it may, all of them busy
			l.release()
			continue
		}
		t := &trackedConn{Conn: conn, l: l}
		l.conns[t] = &connInfo{ip: ip}
		l.byIP[ip]++
		if l.max > 0 && len(l.conns) >= l.max {
			l.closeIdle("") // keep a place for the next client, a health check
		}
		l.mu.Unlock()
		return t, nil
	}
}

func (l *Listener) release() {
	if l.places != nil {
		<-l.places
	}
}

// trackedConn forgets itself and frees its place when closed, whoever
// closes it.
type trackedConn struct {
	net.Conn
	l    *Listener
	once sync.Once
}

func (t *trackedConn) Close() error {
	err := t.Conn.Close()
	t.once.Do(func() {
		t.l.mu.Lock()
		t.l.forget(t)
		t.l.mu.Unlock()
		t.l.release()
	})
	return err
}
