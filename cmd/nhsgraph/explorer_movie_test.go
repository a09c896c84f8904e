package main

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
)

// TestExplorerOnMovieData opens the explorer on Cayley's 30k-movie data
// (no NHSX, no types, names in <name>): the search shows every match by
// name or IRI; the type hub </people/person> says how many neighbours it
// truly has and expands page after page, each page the API's next one; and
// the page stays responsive throughout, no task taking over 200 ms while
// expanding (measured with a PerformanceObserver of long tasks in the
// page). It logs first contentful paint and the time the first view was
// ready.
func TestExplorerOnMovieData(t *testing.T) {
	needBrowser(t)
	addr := serveExplorer(t, "--no-seeds", "--load", testgraph.CayleyData(t, "30kmoviedata.nq.gz"))
	base := "http://" + addr + "/"
	p := openBrowser(t, desktop)
	p.open(base)
	var fcp, ready float64
	p.eval(`performance.getEntriesByName('first-contentful-paint')[0]?.startTime || 0`, &fcp)
	p.eval(`performance.getEntriesByName('graph-ready')[0]?.startTime || 0`, &ready)
	t.Logf("movie data: first contentful paint %.0f ms, graph ready %.0f ms", fcp, ready)
	if status := p.text("#status"); !strings.Contains(status, "no NHSX") {
		t.Errorf("with no NHSX the status says %q", status)
	}

	// Search: names and, where there is none, IRIs; never "undefined".
	p.focusOn("#search")
	p.typeText("humphrey")
	p.run("suggestions", seen("#suggestions li"))
	if s := p.text("#suggestions"); strings.Contains(s, "undefined") || !strings.Contains(s, "humphrey_bogart") {
		t.Errorf("suggestions for humphrey: %q", s)
	}
	p.rebuild("choose", press("#suggestions li"))
	p.waitText("#detail-name", "Humphrey Bogart")
	if v := p.axe("the movie data after a search"); len(v) > 0 {
		t.Errorf("axe-core after a search: %q", v)
	}

	// The hub: its true count, then page after page, the page answering
	// throughout. The page's long tasks are watched with a
	// PerformanceObserver, and logged; what the test holds to 200 ms is
	// each task's CPU time on the page's main thread, from Chromium's trace:
	// a long task is measured in wall time, which another process taking
	// the CPU (a race-enabled test of another package, on two cores) can
	// stretch past 200 ms when the page's own work is a third of that.
	const hub = "</people/person>"
	const pages = 6
	counts := neighbourCounts(t, addr, hub)
	p.open(base + "#ops=" + url.QueryEscape(`[["a","`+hub+`"]]`) + "&sel=" + url.QueryEscape(hub))
	p.waitText("#neighbour-count", formatCount(counts.Total)+" neighbours")
	p.eval(`(() => { window.longTasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longTasks.push(Math.round(e.duration)); }).observe({ entryTypes: ['longtask'] }); })()`, nil)
	cpu := p.mainThreadTasks(func() {
		for i := 0; i < pages; i++ {
			p.rebuild(fmt.Sprintf("expand %d", i+1), press("#expand"))
		}
	})
	var longTasks []float64
	p.eval(`window.longTasks`, &longTasks)
	t.Logf("expanding %s %d times: long tasks %v ms (wall); the same tasks took %v ms of CPU", hub, pages, longTasks, cpu)
	if len(cpu) > 0 && slices.Max(cpu) > 200 {
		t.Errorf("a task took %.0f ms of CPU while expanding: the page stopped answering", slices.Max(cpu))
	}
	want := append(neighbourIDs(t, addr, hub, "")[:pages*20], hub)
	got := p.listed()
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("after %d pages the view holds %d nodes, %d of them not the API's first %d neighbours", pages, len(got), len(missing(got, want)), pages*20)
	}
	label := fmt.Sprintf("(+%s)", strings.ReplaceAll(formatCount(counts.Total-pages*20), ",", ""))
	var hubLabel string
	p.eval(`document.querySelector(`+jsString(item(hub))+`).textContent`, &hubLabel)
	if !strings.Contains(hubLabel, label) {
		t.Errorf("the hub is listed as %q, want %s hidden", hubLabel, label)
	}
	if ex := p.exceptions(); len(ex) > 0 {
		t.Errorf("the page threw %d exceptions: %q", len(ex), ex)
	}
}
