package graph

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	cquery "github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"

	"github.com/nhsgraph/nhsgraph/graph/pgtest"
)

// Cayley's movie data: 471,705 quads from Freebase, in the cayley module.
const movieQuads = 471705

func movieData(b *testing.B) string { return cayleyData(b, "30kmoviedata.nq.gz") }

// cayleyData is the path of a file under the cayley module's data/
// (internal/testgraph has the same, but imports this package).
func cayleyData(tb testing.TB, name string) string {
	tb.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/cayleygraph/cayley").Output()
	if err != nil {
		tb.Fatalf("finding the cayley module: %v", err)
	}
	p := filepath.Join(strings.TrimSpace(string(out)), "data", name)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("cayley data file: %v", err)
	}
	return p
}

// movieQueries are multi-hop Gizmo queries over the movie data, from
// Cayley's graph/graphtest/integration.go and the Bogart/Bacall question.
var movieQueries = []struct{ name, query string }{
	{"name", `g.V("Humphrey Bogart").in("<name>").all()`},
	{"bogart_films", `g.V("Humphrey Bogart").in("<name>").in("</film/performance/actor>").in("</film/film/starring>").out("<name>").all()`},
	{"bogart_bacall", `var actor_to_film = g.M().in("</film/performance/actor>").in("</film/film/starring>")
g.V("Humphrey Bogart").in("<name>").follow(actor_to_film).intersect(
  g.V("Lauren Bacall").in("<name>").follow(actor_to_film)).tag("film").out("<name>").all()`},
	{"hardy_blanc_none", `function getId(x) { return g.V(x).in("<name>") }
var actor_to_film = g.M().in("</film/performance/actor>").in("</film/film/starring>")
getId("Oliver Hardy").follow(actor_to_film).out("<name>").intersect(
  getId("Mel Blanc").follow(actor_to_film).out("<name>")).all()`},
	{"net_and_speed", `var filmToActor = g.Morphism().out("</film/film/starring>").out("</film/performance/actor>")
var m1 = g.V().has("<name>", "The Net").save("<name>","movie1").follow(filmToActor)
var m2 = g.V().has("<name>", "Speed").save("<name>","movie2").follow(filmToActor)
m1.intersect(m2).out("<name>").all()`},
}

// gizmoRows runs a query on a store and returns its rows as sorted JSON.
func gizmoRows(tb testing.TB, s *Store, q string) []string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	it, err := gizmo.NewSession(s.QuadStore()).Execute(ctx, q, cquery.Options{Collation: cquery.JSON})
	if err != nil {
		tb.Fatal(err)
	}
	defer it.Close()
	var out []string
	for it.Next(ctx) {
		b, _ := json.Marshal(it.Result())
		out = append(out, string(b))
	}
	if err := it.Err(); err != nil {
		tb.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func importMovies(b *testing.B, s *Store, path string) time.Duration {
	b.Helper()
	start := time.Now()
	read, added, err := s.ImportFile(context.Background(), path, nil)
	if err != nil || read != movieQuads || added != movieQuads {
		b.Fatalf("import: read %d added %d, %v", read, added, err)
	}
	return time.Since(start)
}

// BenchmarkPostgresImportMovies loads the movie data into a fresh
// PostgreSQL database each iteration and reports quads/s, then checks that
// Cayley reads back what the memory store holds: the count and the answers
// to movieQueries. Run it with
//
//	go test -run '^$' -bench PostgresImportMovies -benchtime 1x ./graph/
func BenchmarkPostgresImportMovies(b *testing.B) {
	path := movieData(b)
	var took time.Duration
	var pg *Store
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		pg = openPostgres(b)
		b.StartTimer()
		took += importMovies(b, pg, path)
	}
	b.ReportMetric(float64(movieQuads)*float64(b.N)/took.Seconds(), "quads/s")
	b.StopTimer()
	mem, _ := Open(context.Background(), Config{Backend: BackendMemory})
	defer mem.Close()
	importMovies(b, mem, path)
	if n, err := pg.Count(context.Background()); err != nil || n != movieQuads {
		b.Fatalf("PostgreSQL holds %d quads (%v), want %d", n, err, movieQuads)
	}
	for _, q := range movieQueries {
		got, want := gizmoRows(b, pg, q.query), gizmoRows(b, mem, q.query)
		if !reflect.DeepEqual(got, want) {
			b.Errorf("%s: PostgreSQL answers %d rows, memory %d:\n%q\n%q", q.name, len(got), len(want), got, want)
		}
	}
}

// BenchmarkMovieQueries times movieQueries on the memory store and on
// PostgreSQL, with Cayley's SQL backend as it comes and with its
// local_optimize option. Run it with
//
//	go test -run '^$' -bench MovieQueries -benchtime 3x ./graph/
func BenchmarkMovieQueries(b *testing.B) {
	path := movieData(b)
	ctx := context.Background()
	mem, _ := Open(ctx, Config{Backend: BackendMemory})
	defer mem.Close()
	importMovies(b, mem, path)
	u := pgtest.NewDatabase(b)
	pg, err := Open(ctx, Config{Backend: BackendPostgres, Path: u})
	if err != nil {
		b.Fatal(err)
	}
	defer pg.Close()
	importMovies(b, pg, path)
	opt, err := Open(ctx, Config{Backend: BackendPostgres, Path: u + "&local_optimize=true"})
	if err != nil {
		b.Fatal(err)
	}
	defer opt.Close()
	for _, q := range movieQueries {
		want := gizmoRows(b, mem, q.query)
		for _, st := range []struct {
			name string
			s    *Store
		}{{"memory", mem}, {"postgres", pg}, {"postgres_local_optimize", opt}} {
			b.Run(q.name+"/"+st.name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if got := gizmoRows(b, st.s, q.query); !reflect.DeepEqual(got, want) {
						b.Fatalf("%d rows, memory gives %d", len(got), len(want))
					}
				}
			})
		}
	}
}
