#!/usr/bin/env bash
# Server CPU time per answered request (user + system, read from
# /proc/PID/stat), for Q1 and Q2 of scripts/bench-peer.sh on Cayley's movie
# data: cached, uncached, and uncached with a new JavaScript runtime per
# script (--fresh-runtimes). A machine shared with other jobs moves
# requests/s by half from run to run; the CPU a request costs moves far
# less. Each binary is measured in turn, ROUNDS times (ABBA order for two).
#
#   bash scripts/bench-cpu.sh bin/nhsgraph [/path/to/other/nhsgraph]
#
# Prints one line per binary, configuration and query: µs of server CPU
# per request. Loopback only; every load is bounded by --max-requests.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 NHSGRAPH [NHSGRAPH...]" >&2; exit 2; }
LOADGEN=${LOADGEN:-$1} # one load generator for every binary
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-8097}
DATA=${DATA:-$(go list -m -f '{{.Dir}}' github.com/cayleygraph/cayley)/data/30kmoviedata.nq.gz}
Q1='g.V("Humphrey Bogart").in("<name>").all()'
Q2='var f = g.M().in("</film/performance/actor>").in("</film/film/starring>"); g.V("Humphrey Bogart").in("<name>").follow(f).intersect(g.V("Lauren Bacall").in("<name>").follow(f)).out("<name>").all()'
HZ=$(getconf CLK_TCK)

pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# measure BIN LABEL FLAGS...: serves the movie data with FLAGS and prints
# the server's CPU per request for each query.
measure() {
	local bin=$1 label=$2; shift 2
	"$bin" serve --no-seeds --load "$DATA" --addr "127.0.0.1:$PORT" "$@" >/tmp/bench-cpu.log 2>&1 &
	pid=$!
	until curl -sf -X POST --data "$Q1" "http://127.0.0.1:$PORT/api/v1/query/gizmo" 2>/dev/null | grep -q '"id"'; do
		kill -0 "$pid" 2>/dev/null || { cat /tmp/bench-cpu.log; exit 1; }
		sleep 0.1
	done
	sleep 3 # the analyst index builds after the load
	local q n t0 t1
	for q in Q1 Q2; do
		n=20000
		[ "$q" = Q2 ] && n=5000
		"$LOADGEN" loadgen --addr "127.0.0.1:$PORT" --clients 16 --duration 60s --max-requests 200 --query "${!q}" >/dev/null
		t0=$(ticks "$pid")
		"$LOADGEN" loadgen --addr "127.0.0.1:$PORT" --clients 16 --duration 120s --max-requests "$n" --query "${!q}" >/dev/null
		t1=$(ticks "$pid")
		echo "$bin $label $q $(( (t1 - t0) * 1000000 / HZ / n )) µs"
	done
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=""
}

for ((round = 1; round <= ROUNDS; round++)); do
	bins=("$@")
	if [ $# -eq 2 ]; then bins=("$1" "$2" "$2" "$1"); fi
	for bin in "${bins[@]}"; do
		measure "$bin" cached
		measure "$bin" uncached --cache-size 0 --max-concurrent 16
		measure "$bin" fresh --cache-size 0 --max-concurrent 16 --fresh-runtimes
	done
done
