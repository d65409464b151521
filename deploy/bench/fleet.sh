#!/bin/sh
# A fleet on loopback: N OpenSSH servers, one per address 127.0.10.1, 127.0.10.2, ... (Linux routes all of
# 127.0.0.0/8 to lo), so a group check and parallel-ssh can be compared over hundreds of hosts on one machine.
#
#   deploy/bench/fleet.sh up N          start N sshd (N up to 1000), a small HTTP front; writes the files below
#   deploy/bench/fleet.sh inventory N   rewrite the inventory and hosts files for the first N hosts only
#   deploy/bench/fleet.sh down          stop everything the fleet started
#
# Files in $FIVEOHTWO_FLEET_DIR (default /tmp/fiveohtwo-fleet): inventory.yml (group `fleet`), hosts
# (user@address:port, one a line, for parallel-ssh), ansible-hosts, ssh/id_ed25519 (the client key),
# ssh/known_hosts (every address with the one shared host key), run/cgroup (where the servers' CPU is counted).
# Key authentication only, strict host keys; the login user `fiveohtwo-fleet` has Debian's stock dotfiles
# (/etc/skel), so no shell start-up work is measured. Run as root. Everything listens on 127.0.x.y only.
set -eu

DIR=${FIVEOHTWO_FLEET_DIR:-/tmp/fiveohtwo-fleet}
PORT=${FIVEOHTWO_FLEET_PORT:-2022}
HTTP=127.0.9.1:${FIVEOHTWO_FLEET_HTTP_PORT:-8099}
LOGIN=fiveohtwo-fleet

die() { echo "fleet: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root"

# the address of host $1 (1-based): 127.0.10.1 .. 127.0.10.250, 127.0.11.1 ...
addr() { echo "127.0.$((10 + ($1 - 1) / 250)).$((1 + ($1 - 1) % 250))"; }

count() { case ${1:-} in ''|*[!0-9]*) die "N must be a number";; esac; [ "$1" -ge 1 ] && [ "$1" -le 1000 ] || die "N must be 1..1000"; }

setup() {
  mkdir -p "$DIR/ssh" "$DIR/run" /run/sshd
  chmod 755 "$DIR" "$DIR/ssh"
  id "$LOGIN" >/dev/null 2>&1 || useradd --create-home --skel /etc/skel --shell /bin/bash --user-group "$LOGIN"
  usermod -a -G adm "$LOGIN" 2>/dev/null || true
  usermod -p "*" "$LOGIN"   # no password, but not "locked": sshd without PAM refuses locked accounts
  [ -f "$DIR/ssh/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$DIR/ssh/host_ed25519"
  [ -f "$DIR/ssh/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C fiveohtwo-fleet -f "$DIR/ssh/id_ed25519"
  home=$(getent passwd "$LOGIN" | cut -d: -f6)
  install -d -m 700 -o "$LOGIN" -g "$LOGIN" "$home/.ssh"
  install -m 600 -o "$LOGIN" -g "$LOGIN" "$DIR/ssh/id_ed25519.pub" "$home/.ssh/authorized_keys"
  # One configuration for all; each sshd gets its address and pid file on the command line.
  cat > "$DIR/ssh/sshd_config" <<CONF
HostKey $DIR/ssh/host_ed25519
AllowUsers $LOGIN
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
X11Forwarding no
AllowTcpForwarding no
PrintMotd no
PrintLastLog no
MaxStartups 200:30:400
LogLevel ERROR
CONF
}

write_files() { # N
  n=$1
  : > "$DIR/hosts"; : > "$DIR/known_hosts.tmp"
  key=$(cut -d' ' -f1,2 "$DIR/ssh/host_ed25519.pub")
  {
    echo "# written by deploy/bench/fleet.sh: $n hosts on loopback"
    echo "defaults:"
    echo "  user: $LOGIN"
    echo "  identity: $DIR/ssh/id_ed25519"
    echo "  known-hosts: $DIR/ssh/known_hosts"
    echo "  connect-timeout: 20s"
    echo "  command-timeout: 60s"
    echo "servers:"
  } > "$DIR/inventory.yml"
  echo "[fleet]" > "$DIR/ansible-hosts"
  i=1
  while [ $i -le "$n" ]; do
    a=$(addr $i)
    printf '  fleet-%03d: { host: %s, port: %s, transport: ssh, groups: [fleet], front-url: "http://%s/" }\n' \
      "$i" "$a" "$PORT" "$HTTP" >> "$DIR/inventory.yml"
    echo "$LOGIN@$a:$PORT" >> "$DIR/hosts"
    echo "[$a]:$PORT $key" >> "$DIR/known_hosts.tmp"
    echo "$a ansible_port=$PORT" >> "$DIR/ansible-hosts"
    i=$((i + 1))
  done
  mv "$DIR/known_hosts.tmp" "$DIR/ssh/known_hosts"
  chmod 644 "$DIR/ssh/known_hosts" "$DIR/inventory.yml" "$DIR/hosts" "$DIR/ansible-hosts"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# The servers share the client's cores, so what they cost is part of every wall time. Every sshd (so every session
# and command under it) and the front go into one cgroup whose CPU counter fleet-bench.sh reads: cgroup v1
# cpuacct, else v2. Best effort: without cgroups the bench leaves the column out.
cgroup() {
  if [ -f /sys/fs/cgroup/cpuacct/cpuacct.usage ]; then echo /sys/fs/cgroup/cpuacct/fiveohtwo-fleet
  elif [ -f /sys/fs/cgroup/cgroup.controllers ]; then echo /sys/fs/cgroup/fiveohtwo-fleet
  elif [ -f /sys/fs/cgroup/unified/cgroup.controllers ]; then echo /sys/fs/cgroup/unified/fiveohtwo-fleet
  fi
}
count_cpu() { # pid file
  [ -n "$CG" ] && [ -f "$1" ] && echo "$(cat "$1")" > "$CG/cgroup.procs" 2>/dev/null || true
}

up() { # N
  count "$1"; setup
  CG=$(cgroup)
  if [ -n "$CG" ] && mkdir -p "$CG" 2>/dev/null && [ -w "$CG/cgroup.procs" ]; then echo "$CG" > "$DIR/run/cgroup"; else CG=; rm -f "$DIR/run/cgroup"; fi
  i=1
  while [ $i -le "$1" ]; do
    a=$(addr $i); pid=$DIR/run/sshd-$a.pid
    alive "$pid" || /usr/sbin/sshd -f "$DIR/ssh/sshd_config" -o "ListenAddress=$a:$PORT" -o "PidFile=$pid" -E "$DIR/run/sshd.log"
    count_cpu "$pid"
    i=$((i + 1))
  done
  if ! alive "$DIR/run/http.pid"; then
    mkdir -p "$DIR/www"; echo ok > "$DIR/www/index.html"
    nohup python3 -m http.server --bind "${HTTP%:*}" --directory "$DIR/www" "${HTTP#*:}" >/dev/null 2>&1 &
    echo $! > "$DIR/run/http.pid"
  fi
  count_cpu "$DIR/run/http.pid"
  write_files "$1"
  # wait for the last one to accept connections
  a=$(addr "$1"); i=0
  until ssh-keyscan -p "$PORT" -t ed25519 "$a" 2>/dev/null | grep -q ed25519; do
    i=$((i + 1)); [ $i -lt 100 ] || die "sshd on $a did not come up"; sleep 0.1
  done
  echo "fleet: $1 hosts up; inventory $DIR/inventory.yml (group fleet), parallel-ssh hosts $DIR/hosts"
}

down() {
  for pid in "$DIR"/run/*.pid; do
    [ -f "$pid" ] || continue
    if alive "$pid"; then kill "$(cat "$pid")" 2>/dev/null || true; fi
    rm -f "$pid"
  done
  if [ -f "$DIR/run/cgroup" ]; then
    # the cgroup can go once the killed servers have exited
    i=0; until rmdir "$(cat "$DIR/run/cgroup")" 2>/dev/null || [ $i -ge 50 ]; do i=$((i + 1)); sleep 0.1; done
    rm -f "$DIR/run/cgroup"
  fi
  echo "fleet: stopped"
}

case ${1:-} in
  up) up "${2:-}" ;;
  inventory) count "${2:-}"; write_files "$2" ;;
  down) down ;;
  *) sed -n '2,14p' "$0" >&2; exit 2 ;;
esac
