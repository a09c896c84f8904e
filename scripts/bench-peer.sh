#!/usr/bin/env bash
# Side by side with Cayley's own server (issue 8): the same data, the same
# queries, the same load generator, one server at a time on this machine.
#
#   make bench-peer CAYLEY=/path/to/cayley
#
# CAYLEY is a `cayley` v0.7.7 binary you built yourself outside this
# repository (docs/PERFORMANCE.md says how); nothing here builds it.
# Prints one line per measure: name, cayley, nhsgraph, ratio.
set -euo pipefail

CAYLEY=${CAYLEY:?set CAYLEY to a cayley v0.7.7 binary (see docs/PERFORMANCE.md)}
NHSGRAPH=${NHSGRAPH:-bin/nhsgraph}
DATA=${DATA:-$(go list -m -f '{{.Dir}}' github.com/cayleygraph/cayley)/data/30kmoviedata.nq.gz}
CLIENTS=${CLIENTS:-16}
DURATION=${DURATION:-10s}
SETTLE=${SETTLE:-5} # seconds after the first answer before reading memory
Q1='g.V("Humphrey Bogart").in("<name>").all()'
Q2='var f = g.M().in("</film/performance/actor>").in("</film/film/starring>"); g.V("Humphrey Bogart").in("<name>").follow(f).intersect(g.V("Lauren Bacall").in("<name>").follow(f)).out("<name>").all()'

pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

# start NAME PORT CMD...: runs a server, waits until Q1 answers with rows,
# and sets took (seconds to the first answer) and rss (MiB, SETTLE s later).
start() {
	local port=$1; shift
	local t0; t0=$(date +%s.%N)
	"$@" >/tmp/bench-peer-$port.log 2>&1 &
	pid=$!
	until curl -sf -X POST --data "$Q1" "http://127.0.0.1:$port/api/v1/query/gizmo" 2>/dev/null | grep -q '"id"'; do
		kill -0 "$pid" 2>/dev/null || { cat /tmp/bench-peer-$port.log; exit 1; }
		sleep 0.05
	done
	took=$(echo "$(date +%s.%N) - $t0" | bc)
	sleep "$SETTLE"
	rss=$(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))
}

# rps PORT QUERY: requests per second from the load generator.
rps() {
	"$NHSGRAPH" loadgen --addr "127.0.0.1:$1" --clients "$CLIENTS" --duration "$DURATION" --query "$2" |
		awk '/requests in/ {gsub(",", "", $0); for (i = 1; i <= NF; i++) if ($i == "requests/s") print $(i-1)}' | head -1
}

stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

row() { awk -v m="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%-38s %10.2f %10.2f %7.2fx\n", m, a, b, b / a }'; }

start 8093 "$CAYLEY" http --db memstore -i "$DATA" --host 127.0.0.1:8093
c_took=$took c_rss=$rss
c_q1=$(rps 8093 "$Q1") c_q2=$(rps 8093 "$Q2")
stop

start 8092 "$NHSGRAPH" serve --no-seeds --load "$DATA" --addr 127.0.0.1:8092
n_took=$took n_rss=$rss
n_q1c=$(rps 8092 "$Q1") n_q2c=$(rps 8092 "$Q2")
stop

start 8091 "$NHSGRAPH" serve --no-seeds --load "$DATA" --addr 127.0.0.1:8091 --cache-size 0 --max-concurrent "$CLIENTS"
n_q1u=$(rps 8091 "$Q1") n_q2u=$(rps 8091 "$Q2")
stop

# The same with a JavaScript runtime built for every script, as Cayley does.
start 8094 "$NHSGRAPH" serve --no-seeds --load "$DATA" --addr 127.0.0.1:8094 --cache-size 0 --max-concurrent "$CLIENTS" --fresh-runtimes
n_q1f=$(rps 8094 "$Q1") n_q2f=$(rps 8094 "$Q2")
stop

printf '%-38s %10s %10s %8s\n' measure cayley nhsgraph ratio
row "Q1 requests/s, cached" "$c_q1" "$n_q1c"
row "Q2 requests/s, cached" "$c_q2" "$n_q2c"
row "Q1 requests/s, uncached" "$c_q1" "$n_q1u"
row "Q2 requests/s, uncached" "$c_q2" "$n_q2u"
row "Q1 requests/s, uncached, new runtimes" "$c_q1" "$n_q1f"
row "Q2 requests/s, uncached, new runtimes" "$c_q2" "$n_q2f"
row "seconds to first answer (lower wins)" "$c_took" "$n_took"
row "resident MiB after load (lower wins)" "$c_rss" "$n_rss"
