#!/bin/sh
# Runs the lab scenarios once more with the CPU saturated, as on a host in trouble or a busy CI machine:
# stress-ng keeps 4 workers spinning (twice the cores of a 2-core box) for as long as the tests run, and
# every scenario must still give its expected verdict and top finding. Host load is circumstance, never
# the cause the evidence proves. Needs what deploy/lab/install.sh installs, and a built tree (mvn package).
set -eu
cd "$(dirname "$0")/../.."
command -v stress-ng >/dev/null || { echo "under-load: stress-ng is not installed (deploy/lab/install.sh)" >&2; exit 1; }
stress-ng --cpu 4 --timeout 3600s --quiet &
hog=$!
trap 'kill "$hog" 2>/dev/null || true; wait "$hog" 2>/dev/null || true' EXIT INT TERM
sleep 5
echo "under-load: stress-ng --cpu 4 running, load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# the lab tests alone, on the tree the build before this left (the launcher's execution is not repeated)
mvn -B -ntp -Plab failsafe:integration-test@default failsafe:verify@default -Dit.test='LabScenariosIT,SlackLabIT'
echo "under-load: done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
