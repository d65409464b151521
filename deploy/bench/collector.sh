#!/bin/sh
# What one check costs the server it diagnoses: server CPU (sshd and everything it started, from the lab
# sshd's accumulated child times) and the programs and processes it started (strace of that sshd).
#
#   deploy/bench/collector.sh [JAR...]      (as root, with the lab up: deploy/lab/lab.sh scenario healthy)
#
# Each jar is measured in turn, alternating, N checks each (FIVEOHTWO_BENCH_N, default 20), so a busy
# machine weighs on all of them alike: compare the ratios of one run. FIVEOHTWO_LAB_DIR as for lab.sh.
set -eu
LAB=${FIVEOHTWO_LAB_DIR:-/tmp/fiveohtwo-lab}
N=${FIVEOHTWO_BENCH_N:-20}
[ $# -gt 0 ] || set -- target/fiveohtwo.jar
pid=$(cat "$LAB/ssh/sshd.pid") || { echo "collector bench: no lab sshd in $LAB (deploy/lab/lab.sh up)" >&2; exit 1; }
ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
check() { java -jar "$1" check lab --inventory "$LAB/inventory.yml" >/dev/null 2>&1 || true; }
for round in 1 2; do
  for jar in "$@"; do
    check "$jar"
    a=$(ticks); i=0; while [ $i -lt "$N" ]; do check "$jar"; i=$((i + 1)); done; b=$(ticks)
    echo "$jar: server CPU per check $(( (b - a) * 1000 / hz / N )) ms (round $round, n=$N)"
  done
done
if command -v strace >/dev/null; then
  for jar in "$@"; do
    out=$(mktemp)
    strace -f -qq -e trace=execve,clone,clone3,fork,vfork -o "$out" -p "$pid" & st=$!
    sleep 1; check "$jar"; sleep 1; kill "$st"; wait "$st" 2>/dev/null || true
    programs=$(grep 'execve(' "$out" | grep -vc ENOENT || true)
    processes=$(grep -cE '^[0-9]+ +(clone|clone3|fork|vfork)\(' "$out" || true)
    echo "$jar: $programs programs run, $processes processes started (sshd's own included)"
    grep 'execve(' "$out" | grep -v ENOENT | sed 's/.*execve("\([^"]*\)".*/\1/' | sort | uniq -c | sort -rn | sed 's/^/    /'
    rm -f "$out"
  done
else
  echo "(strace not installed: no process count)"
fi
