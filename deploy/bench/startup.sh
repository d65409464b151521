#!/bin/sh
# Start-up benchmark: wall and CPU (user+sys) of short commands, a cold `check` of one server next to plain ssh
# running a one-liner, and the idle RSS of `serve`. Runs alternate between the commands being compared, so a
# busy machine slows all of them alike: read the ratios and medians of one run, not absolute numbers across runs.
#
#   deploy/bench/startup.sh [-n RUNS] [-b BEFORE.jar] [-s SERVER -i INVENTORY -S 'SSH ARGS']
#
#   -n RUNS       runs of each command (default 7)
#   -b JAR        an older jar to compare against (same commands, plain `java -jar`)
#   -s SERVER     also time a cold `fiveohtwo check SERVER --inventory INVENTORY` against plain
#   -i INVENTORY  `ssh SSH ARGS uptime`, e.g. -S '-p 2222 -i key -o UserKnownHostsFile=known_hosts fiveohtwo@127.0.0.1'
#   -S SSH_ARGS
#
# The launcher (deploy/bin/fiveohtwo) runs the jar in FIVEOHTWO_JAR (default target/fiveohtwo.jar) with its
# start-up archive in a fresh cache; the first, archive-recording run is not counted.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
runs=7 before= server= inventory= ssh_args=
while getopts n:b:s:i:S: opt; do
    case $opt in
        n) runs=$OPTARG ;; b) before=$OPTARG ;; s) server=$OPTARG ;; i) inventory=$OPTARG ;; S) ssh_args=$OPTARG ;;
        *) sed -n '5,14p' "$0" >&2; exit 2 ;;
    esac
done
FIVEOHTWO_JAR=${FIVEOHTWO_JAR:-$here/../../target/fiveohtwo.jar}
FIVEOHTWO_CACHE=$(mktemp -d)
export FIVEOHTWO_JAR FIVEOHTWO_CACHE
trap 'rm -rf "$FIVEOHTWO_CACHE"' EXIT
launcher=$here/../bin/fiveohtwo
results=$(mktemp)

# one timed run: label, then the command; appends "label wall cpu" to $results
timed() {
    what=$1; shift
    /usr/bin/time -f "$what %e %U %S" -a -o "$results.raw" "$@" >/dev/null 2>&1 || true
}

# warm the page cache and record the launcher's archives (waiting for JDK 25's background writes)
"$launcher" --help >/dev/null 2>&1
"$launcher" kb list >/dev/null 2>&1
expected=2
if [ -n "$server" ]; then
    "$launcher" check "$server" --inventory "$inventory" >/dev/null 2>&1 || true
    expected=3
fi
for _ in $(seq 60); do
    [ "$(ls "$FIVEOHTWO_CACHE" | grep -c -E '\.(aot|jsa)$')" -ge "$expected" ] && break
    sleep 1
done

i=0
while [ "$i" -lt "$runs" ]; do
    for cmd in "--help" "kb list"; do
        label=$(echo "$cmd" | tr ' ' '-')
        # shellcheck disable=SC2086
        timed "launcher:$label" "$launcher" $cmd
        # shellcheck disable=SC2086
        [ -z "$before" ] || timed "before:$label" java -jar "$before" $cmd
    done
    if [ -n "$server" ]; then
        timed "launcher:check" "$launcher" check "$server" --inventory "$inventory"
        [ -z "$before" ] || timed "before:check" java -jar "$before" check "$server" --inventory "$inventory"
        # shellcheck disable=SC2086
        timed "ssh:uptime" ssh -o BatchMode=yes -o StrictHostKeyChecking=yes $ssh_args uptime
    fi
    i=$((i + 1))
done

# medians per label
awk '{ wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " ($3 + $4) }
     function median(list,   n, a, i, j, t) {
         n = split(list, a, " ")
         for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
         return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
     }
     END {
         printf "%-22s %10s %10s\n", "command", "wall (s)", "cpu (s)"
         for (k in wall) { w[k] = median(wall[k]); c[k] = median(cpu[k]); printf "%-22s %10.2f %10.2f\n", k, w[k], c[k] }
         for (k in wall) if (k ~ /^launcher:/) {
             b = k; sub(/^launcher:/, "before:", b)
             if (b in w) printf "ratio before/after %-14s wall %5.1fx  cpu %5.1fx\n", substr(k, 10), w[b] / w[k], c[b] / c[k]
         }
         if (("launcher:check" in w) && ("ssh:uptime" in w))
             printf "cold check / plain ssh: wall %.2fx  cpu %.2fx\n", w["launcher:check"] / w["ssh:uptime"], c["launcher:check"] / c["ssh:uptime"]
     }' "$results.raw" | sort -s -k1,1
rm -f "$results" "$results.raw"

# serve's idle RSS: a bot with a fake token answers nothing, so start it against a local fake Slack
if command -v python3 >/dev/null 2>&1; then
    work=$(mktemp -d)
    cat > "$work/slack.py" <<'PY'
import http.server, json, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps({"ok": True, "url": "https://t.slack.com/", "team": "T", "user": "bot",
                           "team_id": "T1", "user_id": "U1", "bot_id": "B1"}).encode()
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H); print(s.server_port, flush=True); s.serve_forever()
PY
    python3 "$work/slack.py" > "$work/port" & slack=$!
    sleep 1
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    printf 'servers:\n  web-01: { transport: local }\n' > "$work/inventory.yml"
    ( cd "$work" && SLACK_BOT_TOKEN=xoxb-bench SLACK_SIGNING_SECRET=bench SLACK_API_URL="http://127.0.0.1:$(cat "$work/port")/api/" \
        FIVEOHTWO_PORT=$port MICRONAUT_SERVER_HOST=127.0.0.1 FIVEOHTWO_INVENTORY="$work/inventory.yml" \
        exec "$launcher" serve >"$work/serve.log" 2>&1 ) & serve=$!
    for _ in $(seq 60); do grep -q "listening on" "$work/serve.log" 2>/dev/null && break; sleep 1; done
    sleep 5
    pid=$(pgrep -f "fiveohtwo.jar serve" -P "$serve" 2>/dev/null || echo "$serve")
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    printf 'serve idle RSS: %d MiB (pid %s, %s)\n' $((rss / 1024)) "$pid" "$(grep -o 'listening on.*' "$work/serve.log" || echo 'did not start')"
    kill "$serve" "$slack" 2>/dev/null || true
    wait "$serve" 2>/dev/null || true
    rm -rf "$work"
fi
