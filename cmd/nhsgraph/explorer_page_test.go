package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// explorerPage is the explorer open in Chromium, with the few moves the
// browser tests make on it.
type explorerPage struct {
	t   *testing.T
	ctx context.Context

	mu     sync.Mutex
	thrown []string // uncaught exceptions in the page
}

// openPage starts watching ctx's page for uncaught exceptions.
func openPage(t *testing.T, ctx context.Context) *explorerPage {
	p := &explorerPage{t: t, ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			p.mu.Lock()
			p.thrown = append(p.thrown, e.ExceptionDetails.Error())
			p.mu.Unlock()
		}
	})
	return p
}

// exceptions lists the uncaught exceptions the page has thrown so far.
func (p *explorerPage) exceptions() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.thrown)
}

// run performs actions and fails the test, saying what, if they fail.
func (p *explorerPage) run(what string, actions ...chromedp.Action) {
	p.t.Helper()
	if err := chromedp.Run(p.ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates js in the page into v.
func (p *explorerPage) eval(js string, v any) {
	p.t.Helper()
	p.run(js, chromedp.Evaluate(js, v))
}

// ready counts the times the view has been built.
func (p *explorerPage) ready() int {
	p.t.Helper()
	var n int
	p.eval(`Number(document.getElementById('app').dataset.ready || 0)`, &n)
	return n
}

// settle waits until the view has been rebuilt after an action.
func (p *explorerPage) settle(before int) {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for p.ready() <= before || busy(p.t, p.ctx) {
		if time.Now().After(deadline) {
			var status string
			p.eval(`document.getElementById('status').textContent`, &status)
			p.t.Fatalf("the view did not settle; status %q, exceptions %q", status, p.exceptions())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// rebuild performs actions that change the view and waits for the new view.
func (p *explorerPage) rebuild(what string, actions ...chromedp.Action) {
	p.t.Helper()
	n := p.ready()
	p.run(what, actions...)
	p.settle(n)
}

// listed is the IRIs in the list of visible nodes, in its order.
func (p *explorerPage) listed() []string {
	p.t.Helper()
	var ids []string
	p.eval(`[...document.querySelectorAll('#nodelist li')].map(li => li.dataset.id)`, &ids)
	return ids
}

// shot saves a screenshot into $NHSGRAPH_SCREENSHOTS, when it is set.
func (p *explorerPage) shot(name string) {
	p.t.Helper()
	out := os.Getenv("NHSGRAPH_SCREENSHOTS")
	if out == "" {
		return
	}
	var png []byte
	p.run("screenshot", chromedp.CaptureScreenshot(&png))
	if err := os.WriteFile(filepath.Join(out, name), png, 0o644); err != nil {
		p.t.Error(err)
	}
}

// waitFile waits for a download to land in full and returns its bytes.
func waitFile(t *testing.T, path string) []byte {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		// Chromium writes to a .crdownload file and renames it when done.
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			return b
		}
	}
	t.Fatalf("%s was not downloaded", filepath.Base(path))
	return nil
}
