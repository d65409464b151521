#!/bin/sh
# A group check over a loopback fleet against parallel-ssh and Ansible running the same kind of diagnostic.
#
#   deploy/bench/fleet-bench.sh [JAR...]        (as root, after deploy/bench/fleet.sh up 200)
#
# For each fleet size (FIVEOHTWO_BENCH_SIZES, default "50 200") and each round (FIVEOHTWO_BENCH_ROUNDS,
# default 2) it runs, alternating: `java -jar JAR check fleet` for each jar (JVM start included), the
# launcher deploy/bin/fiveohtwo with the first jar, parallel-ssh -p 50 with the one-liner below, and
# once per size Ansible ad-hoc with and without pipelining (FIVEOHTWO_BENCH_ANSIBLE=0 skips it).
# Wall time, client CPU (user + sys of the whole process tree, /usr/bin/time) and server CPU (every sshd, its
# logins and the front, from the cgroup fleet.sh put them in) are medians over rounds; the machine may be busy,
# so compare the ratios of one run.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${FIVEOHTWO_FLEET_DIR:-/tmp/fiveohtwo-fleet}
SIZES=${FIVEOHTWO_BENCH_SIZES:-50 200}
ROUNDS=${FIVEOHTWO_BENCH_ROUNDS:-2}
ANSIBLE=${FIVEOHTWO_BENCH_ANSIBLE:-1}
[ $# -gt 0 ] || set -- target/fiveohtwo.jar
[ -f "$DIR/inventory.yml" ] || { echo "fleet bench: no fleet in $DIR (deploy/bench/fleet.sh up 200)" >&2; exit 1; }
command -v parallel-ssh >/dev/null || { echo "fleet bench: parallel-ssh missing (apt-get install pssh)" >&2; exit 1; }
if [ "$ANSIBLE" = 1 ] && ! command -v ansible >/dev/null; then
  echo "fleet bench: ansible missing (apt-get install ansible-core): skipping it" >&2; ANSIBLE=0
fi

# What a person would run by hand on each host when a front answers 502.
ONE_LINER='systemctl status nginx "php*-fpm" --no-pager; tail -n 50 /var/log/nginx/error.log; free -m; df -h'
KEY=$DIR/ssh/id_ed25519
KNOWN=$DIR/ssh/known_hosts
SSH_OPTS="-o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$KNOWN -o IdentitiesOnly=yes"
if [ "$1" != __run ]; then OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT; else OUT=${TMPDIR:-/tmp}; fi

# the servers' CPU so far in seconds, or nothing without the cgroup
CG=$(cat "$DIR/run/cgroup" 2>/dev/null || true)
server_cpu() {
  if [ -f "$CG/cpuacct.usage" ]; then awk '{ printf "%.3f", $1 / 1e9 }' "$CG/cpuacct.usage"
  elif [ -f "$CG/cpu.stat" ]; then awk '$1 == "usage_usec" { printf "%.3f", $2 / 1e6 }' "$CG/cpu.stat"
  else echo 0; fi
}

# measure NAME command...: appends "NAME wall cpu server" to $OUT/times
measure() {
  name=$1; shift
  s0=$(server_cpu)
  /usr/bin/time -f '%e %U %S' -o "$OUT/t" "$0" __run "$@" >/dev/null 2>"$OUT/err" || true
  s1=$(server_cpu)
  awk -v n="$name" -v s="$(echo "$s1 $s0" | awk '{ print $1 - $2 }')" '{printf "%s %s %.2f %.2f\n", n, $1, $2 + $3, s}' "$OUT/t" >> "$OUT/times"
}

fiveohtwo_jar() { java -jar "$1" check fleet --inventory "$DIR/inventory.yml"; }
launcher() { FIVEOHTWO_JAR=$1 "$HERE/../bin/fiveohtwo" check fleet --inventory "$DIR/inventory.yml"; }
pssh() { parallel-ssh -h "$DIR/hosts" -p 50 -t 120 -x "$SSH_OPTS -i $KEY" "$ONE_LINER"; }
ansible_adhoc() { # pipelining True|False
  ANSIBLE_PIPELINING=$1 ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 \
    ANSIBLE_SSH_ARGS="-o ControlMaster=no -o UserKnownHostsFile=$KNOWN" ANSIBLE_LOCAL_TEMP="$OUT/ansible" \
    ansible all -i "$DIR/ansible-hosts" -u fiveohtwo-fleet --private-key "$KEY" -f 50 -m shell -a "$ONE_LINER"
}

# /usr/bin/time runs this script again to run one of the functions above
if [ "$1" = __run ]; then shift; "$@"; exit $?; fi

for n in $SIZES; do
  "$HERE/fleet.sh" inventory "$n"
  : > "$OUT/times"
  r=1
  while [ $r -le "$ROUNDS" ]; do
    for jar in "$@"; do measure "java -jar $(basename "$jar")" fiveohtwo_jar "$jar"; done
    [ -x "$HERE/../bin/fiveohtwo" ] && measure "launcher $(basename "$1")" launcher "$1"
    measure "parallel-ssh -p 50" pssh
    r=$((r + 1))
  done
  if [ "$ANSIBLE" = 1 ]; then
    measure "ansible -f 50" ansible_adhoc False
    measure "ansible -f 50, pipelining" ansible_adhoc True
  fi
  echo
  echo "$n hosts (medians of $ROUNDS rounds; ansible: one run)"
  # medians per command, in the order first measured
  median() { sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  for k in $(awk '{ name = $0; sub(/ [^ ]+ [^ ]+ [^ ]+$/, "", name); gsub(/ /, "_", name); if (!(name in s)) { s[name] = 1; print name } }' "$OUT/times"); do
    name=$(echo "$k" | tr _ ' ')
    w=$(grep -F "$name " "$OUT/times" | awk '{ print $(NF - 2) }' | median)
    u=$(grep -F "$name " "$OUT/times" | awk '{ print $(NF - 1) }' | median)
    v=$(grep -F "$name " "$OUT/times" | awk '{ print $NF }' | median)
    echo "$name|$w|$u|$v"
  done > "$OUT/medians"
  awk -F'|' -v n="$n" -v cg="$CG" '
    { k[NR] = $1; w[NR] = $2; u[NR] = $3; v[NR] = $4; if ($1 == "parallel-ssh -p 50") base = $2 }
    END {
      printf "| %-32s | %8s | %10s | %12s |", "command", "wall", "client CPU", "CPU per host"
      if (cg != "") printf " %15s |", "server per host"
      printf " %11s |\n", "wall / pssh"
      printf "|%s|%s|%s|%s|", "----------------------------------", "----------", "------------", "--------------"
      if (cg != "") printf "%s|", "-----------------"
      printf "%s|\n", "-------------"
      for (i = 1; i <= NR; i++) {
        printf "| %-32s | %6.1f s | %8.1f s | %9.1f ms |", k[i], w[i], u[i], u[i] * 1000 / n
        if (cg != "") printf " %12.1f ms |", v[i] * 1000 / n
        printf " %10.2fx |\n", (base > 0 ? w[i] / base : 0)
      }
    }' "$OUT/medians"
done
