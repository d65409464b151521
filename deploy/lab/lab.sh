#!/bin/sh
# fiveohtwo lab: a real host on loopback that really answers 502 when broken.
#
#   deploy/lab/lab.sh up                 start sshd (127.0.0.1:2222), nginx (127.0.0.1:8080), php-fpm, an HTTP upstream
#   deploy/lab/lab.sh scenario NAME      reset to healthy, break the host one way, send traffic; writes inventory.yml
#   deploy/lab/lab.sh scenarios          list the scenarios
#   deploy/lab/lab.sh down               stop everything the lab started
#
# Then: java -jar target/fiveohtwo.jar check lab --inventory /tmp/fiveohtwo-lab/inventory.yml
# Needs root (it creates the 'fiveohtwo' login user and runs nginx/php-fpm as www-data) and the packages
# of deploy/lab/install.sh. Everything listens on 127.0.0.1 only.
set -eu

LAB=${FIVEOHTWO_LAB_DIR:-/tmp/fiveohtwo-lab}
SSH_PORT=${FIVEOHTWO_LAB_SSH_PORT:-2222}
HTTP_PORT=${FIVEOHTWO_LAB_HTTP_PORT:-8080}
APP_PORT=${FIVEOHTWO_LAB_APP_PORT:-9100}
FPM_PORT=9000
DNS_PORT=5399            # nothing listens here: lookups fail fast, and never leave the machine
LOGIN=fiveohtwo
HERE=$(cd "$(dirname "$0")" && pwd)
PHP_FPM=$(ls /usr/sbin/php-fpm* 2>/dev/null | head -n 1)
SCENARIOS="healthy php-fpm-stopped php-fpm-stopped-tcp wrong-port socket-permission upstream-timeout upstream-crash header-too-big pool-exhausted dns-failure"

die() { echo "lab: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root"

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
stop_pid() { # pidfile
  if pid_alive "$1"; then
    p=$(cat "$1"); kill "$p" 2>/dev/null || true
    i=0; while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    kill -9 "$p" 2>/dev/null || true
  fi
  rm -f "$1"
}
wait_for() { # what command...
  what=$1; shift; i=0
  until "$@" >/dev/null 2>&1; do i=$((i + 1)); [ $i -lt 100 ] || die "$what did not come up"; sleep 0.1; done
}

setup_ssh() {
  mkdir -p "$LAB/ssh" /run/sshd
  chmod 755 "$LAB" "$LAB/ssh"
  id "$LOGIN" >/dev/null 2>&1 || useradd --create-home --shell /bin/sh --user-group "$LOGIN"
  usermod -a -G adm "$LOGIN" 2>/dev/null || true
  usermod -p "*" "$LOGIN"   # no password, but not "locked": sshd without PAM refuses locked accounts
  [ -f "$LAB/ssh/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$LAB/ssh/host_ed25519"
  [ -f "$LAB/ssh/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C fiveohtwo-lab -f "$LAB/ssh/id_ed25519"
  home=$(getent passwd "$LOGIN" | cut -d: -f6)
  install -d -m 700 -o "$LOGIN" -g "$LOGIN" "$home/.ssh"
  install -m 600 -o "$LOGIN" -g "$LOGIN" "$LAB/ssh/id_ed25519.pub" "$home/.ssh/authorized_keys"
  cat > "$LAB/ssh/sshd_config" <<CONF
ListenAddress 127.0.0.1:$SSH_PORT
HostKey $LAB/ssh/host_ed25519
PidFile $LAB/ssh/sshd.pid
AllowUsers $LOGIN $LOGIN-*
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
X11Forwarding no
AllowTcpForwarding yes
PrintMotd no
CONF
  if ! pid_alive "$LAB/ssh/sshd.pid"; then
    /usr/sbin/sshd -f "$LAB/ssh/sshd_config" -E "$LAB/ssh/sshd.log"
  fi
  wait_for sshd sh -c "ssh-keyscan -p $SSH_PORT -t ed25519 127.0.0.1 2>/dev/null | grep -q ed25519"
  ssh-keyscan -p "$SSH_PORT" -t ed25519 127.0.0.1 2>/dev/null > "$LAB/ssh/known_hosts"
  # The login may test the lab nginx configuration and restart php-fpm, nothing else.
  # One file per lab instance (named by its ssh port), so a second lab does not take the first one's rules away.
  sudoers=/etc/sudoers.d/fiveohtwo-lab-$SSH_PORT
  cat > "$sudoers" <<SUDO
$LOGIN ALL=(root) NOPASSWD: /usr/sbin/nginx -T -c $LAB/nginx/nginx.conf
$LOGIN ALL=(root) NOPASSWD: $HERE/lab.sh restart php-fpm
SUDO
  chmod 440 "$sudoers"
  visudo -c -f "$sudoers" >/dev/null
}

write_web() {
  mkdir -p "$LAB/www" "$LAB/nginx/logs" "$LAB/php" "$LAB/app"
  chmod 755 "$LAB/www" "$LAB/nginx" "$LAB/php" "$LAB/app"
  echo '<?php echo "ok from php-fpm\n";' > "$LAB/www/index.php"
  echo '<?php usleep(1500000); echo "slow ok\n";' > "$LAB/www/sleep.php"
}

# nginx.conf for the lab; $1: fastcgi target, $2: proxy_read_timeout
write_nginx() {
  cat > "$LAB/nginx/nginx.conf" <<CONF
user www-data;
worker_processes 1;
pid $LAB/nginx/nginx.pid;
error_log $LAB/nginx/logs/error.log info;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $LAB/nginx/tmp-body;
  proxy_temp_path $LAB/nginx/tmp-proxy;
  fastcgi_temp_path $LAB/nginx/tmp-fastcgi;
  uwsgi_temp_path $LAB/nginx/tmp-uwsgi;
  scgi_temp_path $LAB/nginx/tmp-scgi;
  server {
    listen 127.0.0.1:$HTTP_PORT;
    root $LAB/www;
    location ~ \.php\$ {
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
      fastcgi_pass $1;
    }
    location /app/ {
      proxy_pass http://127.0.0.1:$APP_PORT/;
      proxy_read_timeout $2;
    }
    location /dns/ {
      resolver 127.0.0.1:$DNS_PORT valid=1s;
      resolver_timeout 1s;
      set \$backend app.lab.invalid;
      proxy_pass http://\$backend:$APP_PORT;
    }
  }
}
CONF
}

# php-fpm.conf; $1: listen, $2: owner, $3: mode, $4: pm lines
write_php() {
  cat > "$LAB/php/php-fpm.conf" <<CONF
[global]
pid = $LAB/php/php-fpm.pid
error_log = $LAB/php/php-fpm.log
daemonize = yes
[lab]
user = www-data
group = www-data
listen = $1
listen.owner = $2
listen.group = $2
listen.mode = $3
$4
CONF
}

start_nginx() {
  stop_pid "$LAB/nginx/nginx.pid"
  /usr/sbin/nginx -c "$LAB/nginx/nginx.conf" -p "$LAB/nginx" 2>>"$LAB/nginx/logs/error.log"
  wait_for nginx pid_alive "$LAB/nginx/nginx.pid"
}
start_php() {
  stop_pid "$LAB/php/php-fpm.pid"
  "$PHP_FPM" -y "$LAB/php/php-fpm.conf" -p "$LAB/php"
  wait_for php-fpm pid_alive "$LAB/php/php-fpm.pid"
}
start_app() {
  if ! pid_alive "$LAB/app/app.pid"; then
    nohup setsid python3 "$HERE/upstream.py" 127.0.0.1 "$APP_PORT" </dev/null >>"$LAB/app/app.log" 2>&1 &
    echo $! > "$LAB/app/app.pid"
  fi
  wait_for upstream curl -sf "http://127.0.0.1:$APP_PORT/ok"
}

write_inventory() { # front path
  cat > "$LAB/inventory.yml" <<INV
# Written by deploy/lab/lab.sh: the lab host, reached over real OpenSSH on loopback.
defaults:
  user: $LOGIN
  identity: $LAB/ssh/id_ed25519
  known-hosts: $LAB/ssh/known_hosts
  connect-timeout: 5s
  command-timeout: 20s
servers:
  lab:
    host: 127.0.0.1
    port: $SSH_PORT
    groups: [lab]
    front-url: http://127.0.0.1:$HTTP_PORT$1
    logs:
      nginx-error: $LAB/nginx/logs/error.log
      php-fpm: $LAB/php/php-fpm.log
      app: $LAB/app/app.log
    services:
      nginx: { kind: nginx, unit: nginx, process: "$LAB/nginx/nginx.conf", config: $LAB/nginx/nginx.conf }
      php-fpm: { kind: php-fpm, unit: php-fpm, process: "$LAB/php/php-fpm.conf", restart: "sudo -n $HERE/lab.sh restart php-fpm" }
      app: { kind: app, unit: upstream, process: "upstream.py 127.0.0.1 $APP_PORT" }
INV
}

traffic() { # path count [parallel]; a subshell, so that 'wait' waits for these requests only
  (
    i=0
    while [ $i -lt "$2" ]; do
      if [ "${3:-}" = parallel ]; then curl -s -o /dev/null --max-time 10 "http://127.0.0.1:$HTTP_PORT$1" &
      else curl -s -o /dev/null --max-time 10 "http://127.0.0.1:$HTTP_PORT$1"; fi
      i=$((i + 1))
    done
    wait
  )
}

scenario() {
  name=$1
  case " $SCENARIOS " in *" $name "*) ;; *) die "unknown scenario '$name' (one of: $SCENARIOS)" ;; esac
  setup_ssh
  write_web
  sock="unix:$LAB/php/php-fpm.sock"
  listen="$LAB/php/php-fpm.sock" owner=www-data mode=0660 fastcgi=$sock timeout=5s
  pm="pm = dynamic
pm.max_children = 5
pm.start_servers = 2
pm.min_spare_servers = 1
pm.max_spare_servers = 3"
  front=/index.php
  case "$name" in
    php-fpm-stopped-tcp|wrong-port) listen=127.0.0.1:$FPM_PORT fastcgi=127.0.0.1:$FPM_PORT ;;
  esac
  case "$name" in
    wrong-port) fastcgi=127.0.0.1:$((FPM_PORT + 1)) ;;
    socket-permission) owner=root mode=0600 ;;
    upstream-timeout) timeout=1s front=/app/slow/3 ;;
    upstream-crash) front=/app/crash ;;
    header-too-big) front=/app/bigheader ;;
    dns-failure) front=/dns/ ;;
    pool-exhausted) front=/sleep.php pm="pm = ondemand
pm.max_children = 1
pm.process_idle_timeout = 10s" ;;
  esac
  write_nginx "$fastcgi" "$timeout"
  write_php "$listen" "$owner" "$mode" "$pm"
  stop_pid "$LAB/php/php-fpm.pid"
  stop_pid "$LAB/nginx/nginx.pid"
  : > "$LAB/nginx/logs/error.log"; : > "$LAB/php/php-fpm.log"; : > "$LAB/app/app.log"
  start_app
  start_php
  start_nginx
  case "$name" in
    php-fpm-stopped|php-fpm-stopped-tcp) stop_pid "$LAB/php/php-fpm.pid"; rm -f "$LAB/php/php-fpm.sock" ;;
  esac
  # the matcher counts errors logged in the second a backend started as history, and ps gives start times
  # to the second: let two seconds pass so the scenario's errors are clearly newer
  sleep 2
  case "$name" in
    pool-exhausted) traffic "$front" 4 parallel ;;
    healthy) traffic "$front" 3 ;;
    *) traffic "$front" 3 ;;
  esac
  write_inventory "$front"
  echo "lab: scenario $name ready; front http://127.0.0.1:$HTTP_PORT$front; inventory $LAB/inventory.yml"
}

down() {
  stop_pid "$LAB/nginx/nginx.pid"
  stop_pid "$LAB/php/php-fpm.pid"
  stop_pid "$LAB/app/app.pid"
  stop_pid "$LAB/ssh/sshd.pid"
  rm -f "/etc/sudoers.d/fiveohtwo-lab-$SSH_PORT" /etc/sudoers.d/fiveohtwo-lab
  echo "lab: stopped"
}

case "${1:-}" in
  up) scenario healthy ;;
  scenario) scenario "${2:-}" ;;
  scenarios) echo "$SCENARIOS" | tr ' ' '\n' ;;
  restart) [ "${2:-}" = php-fpm ] || die "only 'restart php-fpm' is known"; start_php; echo "php-fpm restarted" ;;
  down) down ;;
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
