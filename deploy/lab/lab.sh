#!/bin/sh
# fiveohtwo lab: a real host on loopback that really answers 502 when broken.
#
#   deploy/lab/lab.sh up                 start sshd (127.0.0.1:2222), nginx (127.0.0.1:8080), php-fpm, an HTTP upstream
#   deploy/lab/lab.sh scenario NAME      reset to healthy, break the host one way, send traffic, check with curl
#                                        that the front really answers as the scenario says; writes inventory.yml
#   deploy/lab/lab.sh scenarios          list the scenarios
#   deploy/lab/lab.sh down               stop everything the lab started
#
# Then: java -jar target/fiveohtwo.jar check lab --inventory /tmp/fiveohtwo-lab/inventory.yml
# Needs root (it creates the 'fiveohtwo' login user and runs nginx/php-fpm as www-data) and the packages
# of deploy/lab/install.sh. Everything listens on 127.0.0.1 only. Fronts other than nginx (Apache, HAProxy,
# Caddy) and app servers (gunicorn, uWSGI) run only in the scenarios that need them, each on its own port.
# Every port can be moved with FIVEOHTWO_LAB_*_PORT, so that two labs can run side by side.
set -eu

LAB=${FIVEOHTWO_LAB_DIR:-/tmp/fiveohtwo-lab}
SSH_PORT=${FIVEOHTWO_LAB_SSH_PORT:-2222}
HTTP_PORT=${FIVEOHTWO_LAB_HTTP_PORT:-8080}
APP_PORT=${FIVEOHTWO_LAB_APP_PORT:-9100}
FPM_PORT=${FIVEOHTWO_LAB_FPM_PORT:-9000}          # php-fpm on TCP; FPM_PORT + 1 is where nothing listens
APACHE_PORT=${FIVEOHTWO_LAB_APACHE_PORT:-$((HTTP_PORT + 1))}
HAPROXY_PORT=${FIVEOHTWO_LAB_HAPROXY_PORT:-$((HTTP_PORT + 2))}
CADDY_PORT=${FIVEOHTWO_LAB_CADDY_PORT:-$((HTTP_PORT + 3))}
SPARE_PORT=${FIVEOHTWO_LAB_SPARE_PORT:-$((APP_PORT + 1))}   # SPARE_PORT and SPARE_PORT + 1: app instances that are down
UWSGI_PORT=${FIVEOHTWO_LAB_UWSGI_PORT:-$((APP_PORT + 3))}
GUNICORN_PORT=${FIVEOHTWO_LAB_GUNICORN_PORT:-$((APP_PORT + 4))}
DNS_PORT=${FIVEOHTWO_LAB_DNS_PORT:-5399}          # nothing listens here: lookups fail fast, and never leave the machine
LOGIN=${FIVEOHTWO_LAB_LOGIN:-fiveohtwo}   # a second lab may use its own login, so neither replaces the other's key
HERE=$(cd "$(dirname "$0")" && pwd)
PHP_FPM=$(ls /usr/sbin/php-fpm* 2>/dev/null | head -n 1)
SCENARIOS="healthy php-fpm-stopped php-fpm-stopped-tcp wrong-port socket-permission upstream-timeout upstream-crash header-too-big
pool-exhausted dns-failure socket-drift socket-deleted backlog-full php-fpm-child-killed keepalive-race-post fastcgi-to-http-port
http-to-uwsgi-socket https-to-http-port upstream-group-down gunicorn-worker-timeout uwsgi-harakiri
apache-upstream-crash apache-upstream-timeout apache-fcgi-child-killed haproxy-upstream-crash haproxy-invalid-response
caddy-upstream-down caddy-php-fpm-stopped caddy-upstream-crash"
SCENARIOS=$(echo $SCENARIOS)

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
  # up to about a minute: on a machine saturated by stress-ng a front can take many seconds to start
  until "$@" >/dev/null 2>&1; do i=$((i + 1)); [ $i -lt 600 ] || die "$what did not come up"; sleep 0.1; done
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
  # added, not written over: another lab on the same login keeps its key
  touch "$home/.ssh/authorized_keys"
  grep -qxF "$(cat "$LAB/ssh/id_ed25519.pub")" "$home/.ssh/authorized_keys" || cat "$LAB/ssh/id_ed25519.pub" >> "$home/.ssh/authorized_keys"
  chown "$LOGIN:$LOGIN" "$home/.ssh/authorized_keys"; chmod 600 "$home/.ssh/authorized_keys"
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
  mkdir -p "$LAB/www" "$LAB/nginx/logs" "$LAB/php/run" "$LAB/app" "$LAB/apache/logs" "$LAB/apache/run" "$LAB/haproxy" "$LAB/caddy"
  chmod 755 "$LAB/www" "$LAB/nginx" "$LAB/php" "$LAB/app" "$LAB/apache" "$LAB/apache/logs" "$LAB/haproxy" "$LAB/caddy"
  chown www-data "$LAB/php/run"
  echo '<?php echo "ok from php-fpm\n";' > "$LAB/www/index.php"
  echo '<?php usleep(1500000); echo "slow ok\n";' > "$LAB/www/sleep.php"
  # holds the only worker long enough that a burst of requests overflows the socket's backlog, even when the
  # requests of the burst start seconds apart on a loaded machine
  echo '<?php sleep(4); echo "busy ok\n";' > "$LAB/www/busy.php"
  # says which worker took the request, so that the lab can kill exactly that one while it works
  echo "<?php file_put_contents('$LAB/php/run/busy', getmypid()); sleep(30); echo \"not killed\\n\";" > "$LAB/www/kill.php"
}

# nginx.conf for the lab; $1: fastcgi target, $2: proxy_read_timeout, $3: the scenario's own upstream and location
# blocks (only the scenario's: a location in every scenario would be probed, and fail, in every scenario)
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
  ${3%%@@*}
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
    ${3#*@@}
  }
}
CONF
}

# The scenario's extra nginx blocks, "upstream blocks@@location blocks", by name
nginx_extra() {
  case "$1" in
    keepalive-race-post) echo "upstream keepalive_app {
    server 127.0.0.1:$APP_PORT;
    keepalive 4;
  }
  @@location /ka/ {
      client_max_body_size 64m;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_pass http://keepalive_app/keepalive-drop;
    }" ;;
    upstream-group-down) echo "upstream app_pool {
    server 127.0.0.1:$SPARE_PORT max_fails=1 fail_timeout=60s;
    server 127.0.0.1:$((SPARE_PORT + 1)) max_fails=1 fail_timeout=60s;
  }
  @@location /pool/ { proxy_pass http://app_pool/; }" ;;
    https-to-http-port) echo "@@location /tls/ { proxy_pass https://127.0.0.1:$APP_PORT/; }" ;;
    http-to-uwsgi-socket) echo "@@location /py/ { proxy_pass http://127.0.0.1:$UWSGI_PORT/; }" ;;
    uwsgi-harakiri) echo "@@location /uwsgi/ { include /etc/nginx/uwsgi_params; uwsgi_pass 127.0.0.1:$UWSGI_PORT; uwsgi_read_timeout 30s; }" ;;
    gunicorn-worker-timeout) echo "@@location /gunicorn/ { proxy_pass http://127.0.0.1:$GUNICORN_PORT/; proxy_read_timeout 30s; }" ;;
    *) echo "@@" ;;
  esac
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

# Apache httpd with its own configuration, nothing from /etc/apache2 but the modules; $1: ProxyPass timeout
write_apache() {
  m=/usr/lib/apache2/modules
  cat > "$LAB/apache/apache2.conf" <<CONF
ServerRoot /etc/apache2
ServerName lab.localhost
PidFile $LAB/apache/apache2.pid
DefaultRuntimeDir $LAB/apache/run
Mutex file:$LAB/apache/run default
Listen 127.0.0.1:$APACHE_PORT
User www-data
Group www-data
LoadModule mpm_event_module $m/mod_mpm_event.so
LoadModule authz_core_module $m/mod_authz_core.so
LoadModule proxy_module $m/mod_proxy.so
LoadModule proxy_http_module $m/mod_proxy_http.so
LoadModule proxy_fcgi_module $m/mod_proxy_fcgi.so
ErrorLog $LAB/apache/logs/error.log
LogLevel warn
DocumentRoot $LAB/www
<Directory $LAB/www>
  Require all granted
</Directory>
ProxyPass /app/ http://127.0.0.1:$APP_PORT/ timeout=$1
<FilesMatch "\.php\$">
  SetHandler "proxy:unix:$LAB/php/php-fpm.sock|fcgi://localhost"
</FilesMatch>
CONF
}

# HAProxy in the foreground, its log on standard output (ISO time first, as a file written by syslog would have one)
write_haproxy() {
  cat > "$LAB/haproxy/haproxy.cfg" <<CONF
global
  log stdout format iso local0
defaults
  mode http
  log global
  option httplog
  timeout connect 2s
  timeout client 10s
  timeout server 10s
frontend lab_front
  bind 127.0.0.1:$HAPROXY_PORT
  default_backend lab_app
backend lab_app
  server app1 127.0.0.1:$APP_PORT
CONF
}

# Caddy without its admin API and without automatic HTTPS; errors go to a JSON log file; $1: the site's handlers
write_caddy() {
  cat > "$LAB/caddy/Caddyfile" <<CONF
{
  admin off
  auto_https off
  log {
    output file $LAB/caddy/caddy.log
    format json
  }
}
http://127.0.0.1:$CADDY_PORT {
  bind 127.0.0.1
  root * $LAB/www
  $1
}
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
start_apache() {
  /usr/sbin/apache2 -f "$LAB/apache/apache2.conf" -k start
  wait_for apache curl -s -o /dev/null "http://127.0.0.1:$APACHE_PORT/"
}
start_haproxy() {
  nohup setsid /usr/sbin/haproxy -db -f "$LAB/haproxy/haproxy.cfg" </dev/null >>"$LAB/haproxy/haproxy.log" 2>&1 &
  echo $! > "$LAB/haproxy/haproxy.pid"
  wait_for haproxy curl -s -o /dev/null "http://127.0.0.1:$HAPROXY_PORT/"
}
start_caddy() {
  # the log file exists before Caddy opens it, so it keeps these permissions (Caddy would create it 0600)
  : > "$LAB/caddy/caddy.log"; chmod 644 "$LAB/caddy/caddy.log"
  HOME=$LAB/caddy XDG_DATA_HOME=$LAB/caddy/data XDG_CONFIG_HOME=$LAB/caddy/config \
    nohup setsid /usr/bin/caddy run --config "$LAB/caddy/Caddyfile" --adapter caddyfile </dev/null >>"$LAB/caddy/caddy.out" 2>&1 &
  echo $! > "$LAB/caddy/caddy.pid"
  wait_for caddy curl -s -o /dev/null "http://127.0.0.1:$CADDY_PORT/"
}
start_gunicorn() { # a worker that takes longer than --timeout is killed by the master
  chown www-data "$LAB/app/gunicorn.log"
  /usr/bin/gunicorn --daemon --pid "$LAB/app/gunicorn.pid" --bind "127.0.0.1:$GUNICORN_PORT" --workers 1 --timeout 2 \
    --user www-data --group www-data --chdir "$HERE" --error-logfile "$LAB/app/gunicorn.log" wsgi_app:app
  wait_for gunicorn curl -sf "http://127.0.0.1:$GUNICORN_PORT/ok"
}
start_uwsgi() { # uwsgi protocol on a TCP socket; harakiri kills a worker stuck longer than 2 s
  chown www-data "$LAB/app/uwsgi.log"
  /usr/bin/uwsgi --plugin python3 --master --processes 1 --socket "127.0.0.1:$UWSGI_PORT" --harakiri 2 \
    --uid www-data --gid www-data --chdir "$HERE" --wsgi-file "$HERE/wsgi_app.py" --log-date='%Y-%m-%d %H:%M:%S' \
    --pidfile "$LAB/app/uwsgi.pid" --daemonize "$LAB/app/uwsgi.log"
  wait_for uwsgi sh -c "nc -z 127.0.0.1 $UWSGI_PORT"
}

write_inventory() { # front-url, front service, app log, app service
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
    front-url: $1
    logs:
$3
      php-fpm: $LAB/php/php-fpm.log
    services:
$2
      php-fpm: { kind: php-fpm, unit: php-fpm, process: "$LAB/php/php-fpm.conf", restart: "sudo -n $HERE/lab.sh restart php-fpm" }
$4
INV
}

traffic() { # url count [parallel] [post]; a subshell, so that 'wait' waits for these requests only. Codes to $LAB/codes.
  (
    : > "$LAB/codes"
    set -- "$1" "$2" "${3:-}" "${4:-}"
    body=
    if [ "$4" = post ]; then # far bigger than loopback's socket buffers: nginx is still sending it when the backend resets
      [ -f "$LAB/post.bin" ] || head -c 33554432 /dev/zero > "$LAB/post.bin"
      body="--data-binary @$LAB/post.bin"
    fi
    i=0
    while [ $i -lt "$2" ]; do
      # shellcheck disable=SC2086 # $body is two words or none
      if [ "$3" = parallel ]; then curl -s -o /dev/null -w '%{http_code}\n' --max-time 20 $body "$1" >>"$LAB/codes" &
      else curl -s -o /dev/null -w '%{http_code}\n' --max-time 20 $body "$1" >>"$LAB/codes"; fi
      i=$((i + 1))
    done
    wait
  )
}

# poll until a file has content (a worker says it is busy), up to 25 s: kill.php sleeps 30 s, so the kill still
# lands mid-request however loaded the machine
wait_file() { i=0; until [ -s "$1" ]; do i=$((i + 1)); [ $i -lt 250 ] || die "$1 did not appear"; sleep 0.1; done; }

stop_all() {
  stop_pid "$LAB/nginx/nginx.pid"
  stop_pid "$LAB/php/php-fpm.pid"
  stop_pid "$LAB/apache/apache2.pid"
  stop_pid "$LAB/haproxy/haproxy.pid"
  stop_pid "$LAB/caddy/caddy.pid"
  stop_pid "$LAB/app/gunicorn.pid"
  stop_pid "$LAB/app/uwsgi.pid"
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
  # front: the kind of front; path: what the inventory's front-url asks; hit: what the traffic asks (default: path);
  # expect: the status the traffic must get at least once (curl), '-' when the scenario is not a failure
  front=nginx path=/index.php hit= expect=502 count=3 how= app=upstream apache_timeout=5 caddy_site=
  case "$name" in
    php-fpm-stopped-tcp|wrong-port) listen=127.0.0.1:$FPM_PORT fastcgi=127.0.0.1:$FPM_PORT ;;
  esac
  case "$name" in
    healthy) expect=200 ;;
    wrong-port) fastcgi=127.0.0.1:$((FPM_PORT + 1)) ;;
    socket-permission) owner=root mode=0600 ;;
    upstream-timeout) timeout=1s path=/app/slow/3 expect=504 ;;
    upstream-crash) path=/app/crash ;;
    header-too-big) path=/app/bigheader ;;
    dns-failure) path=/dns/ ;;
    pool-exhausted) path=/sleep.php expect=- count=4 how=parallel pm="pm = ondemand
pm.max_children = 1
pm.process_idle_timeout = 10s" ;;
    socket-drift) fastcgi="unix:$LAB/php/php8.1-fpm.sock" ;;
    backlog-full) hit=/busy.php count=12 how=parallel pm="pm = static
pm.max_children = 1
listen.backlog = 1" ;;
    php-fpm-child-killed) hit=/kill.php count=1 ;;
    keepalive-race-post) path=/app/ok hit=/ka/ count=4 how=post ;;
    fastcgi-to-http-port) fastcgi=127.0.0.1:$APP_PORT ;;
    http-to-uwsgi-socket) path=/py/ app=uwsgi ;;
    https-to-http-port) path=/tls/ ;;
    upstream-group-down) path=/pool/ count=4 app=pool ;;
    uwsgi-harakiri) path=/uwsgi/ok hit=/uwsgi/slow/5 count=1 app=uwsgi ;;
    gunicorn-worker-timeout) path=/gunicorn/ok hit=/gunicorn/slow/5 count=1 app=gunicorn ;;
    apache-upstream-crash) front=apache path=/app/drop ;;
    apache-upstream-timeout) front=apache path=/app/slow/3 apache_timeout=1 ;;
    apache-fcgi-child-killed) front=apache hit=/kill.php count=1 expect=503 ;; # mod_proxy_fcgi answers 503, not 502
    haproxy-*) front=haproxy path=/ok ;;
  esac
  case "$name" in
    haproxy-upstream-crash) path=/drop ;;
    haproxy-invalid-response) path=/garbage ;;
    caddy-upstream-down) front=caddy path=/app/ok caddy_site="reverse_proxy /app/* 127.0.0.1:$SPARE_PORT" app=spare ;;
    caddy-php-fpm-stopped) front=caddy caddy_site="php_fastcgi unix/$LAB/php/php-fpm.sock" ;;
    caddy-upstream-crash) front=caddy path=/drop caddy_site="reverse_proxy 127.0.0.1:$APP_PORT" ;;
  esac
  hit=${hit:-$path}
  write_nginx "$fastcgi" "$timeout" "$(nginx_extra "$name")"
  write_php "$listen" "$owner" "$mode" "$pm"
  write_apache "$apache_timeout"
  write_haproxy
  write_caddy "$caddy_site"
  stop_all
  for f in nginx/logs/error.log php/php-fpm.log app/app.log app/gunicorn.log app/uwsgi.log apache/logs/error.log haproxy/haproxy.log codes; do
    : > "$LAB/$f"
  done
  rm -f "$LAB/php/run/busy"
  start_app
  start_php
  # nginx runs in every scenario, healthy when another front is the one under test: a host with two fronts, where
  # the check must blame the broken one (and must not read another lab's nginx, which it would if ours were stopped)
  start_nginx; port=$HTTP_PORT
  case "$front" in
    apache) start_apache; port=$APACHE_PORT ;;
    haproxy) start_haproxy; port=$HAPROXY_PORT ;;
    caddy) start_caddy; port=$CADDY_PORT ;;
  esac
  case "$app" in
    uwsgi) start_uwsgi ;;
    gunicorn) start_gunicorn ;;
  esac
  case "$name" in
    php-fpm-stopped|php-fpm-stopped-tcp|caddy-php-fpm-stopped) stop_pid "$LAB/php/php-fpm.pid"; rm -f "$LAB/php/php-fpm.sock" ;;
    socket-deleted) rm -f "$LAB/php/php-fpm.sock" ;;
  esac
  # the matcher counts errors logged in the second a backend started as history, and ps gives start times
  # to the second: let two seconds pass so the scenario's errors are clearly newer
  sleep 2
  url=http://127.0.0.1:$port
  case "$name" in
    php-fpm-child-killed|apache-fcgi-child-killed) # kill the very worker that serves the request, while it works
      traffic "$url$hit" 1 & t=$!
      wait_file "$LAB/php/run/busy"
      kill -9 "$(cat "$LAB/php/run/busy")"
      wait "$t" ;;
    *) traffic "$url$hit" "$count" "$how" "$([ "$how" = post ] && echo post)" ;;
  esac
  codes=$(sort "$LAB/codes" | uniq -c | tr -s ' \n' '  ')
  case "$expect" in
    -) ;;
    200) grep -qvx 200 "$LAB/codes" && die "scenario $name: expected only 200 from $url$hit, got:$codes" ;;
    *) grep -qx "$expect" "$LAB/codes" || die "scenario $name: expected a $expect from $url$hit, got:$codes" ;;
  esac
  inventory "$front" "$url$path" "$app"
  echo "lab: scenario $name ready; $url$hit answered:$codes; front $url$path; inventory $LAB/inventory.yml"
}

# The inventory for the scenario: $1 front kind, $2 front-url, $3 app server
inventory() {
  fs="      nginx: { kind: nginx, unit: nginx, process: \"$LAB/nginx/nginx.conf\", config: $LAB/nginx/nginx.conf }"
  fl="      nginx-error: $LAB/nginx/logs/error.log"
  case "$1" in
    apache) fs="$fs
      apache: { kind: apache, unit: apache2, process: \"$LAB/apache/apache2.conf\", config: $LAB/apache/apache2.conf }"
      fl="$fl
      apache-error: $LAB/apache/logs/error.log" ;;
    haproxy) fs="$fs
      haproxy: { kind: haproxy, unit: haproxy, process: \"$LAB/haproxy/haproxy.cfg\", config: $LAB/haproxy/haproxy.cfg }"
      fl="$fl
      haproxy: $LAB/haproxy/haproxy.log" ;;
    caddy) fs="$fs
      caddy: { kind: caddy, unit: caddy, process: \"$LAB/caddy/Caddyfile\", config: $LAB/caddy/Caddyfile }"
      fl="$fl
      caddy: $LAB/caddy/caddy.log" ;;
  esac
  case "$3" in
    uwsgi) as="      app: { kind: app, unit: uwsgi, process: \"--socket 127.0.0.1:$UWSGI_PORT\" }"; al="      app: $LAB/app/uwsgi.log" ;;
    gunicorn) as="      app: { kind: app, unit: gunicorn, process: \"--bind 127.0.0.1:$GUNICORN_PORT\" }"; al="      app: $LAB/app/gunicorn.log" ;;
    pool) as="      app-a: { kind: app, unit: app-a, process: \"upstream.py 127.0.0.1 $SPARE_PORT\" }
      app-b: { kind: app, unit: app-b, process: \"upstream.py 127.0.0.1 $((SPARE_PORT + 1))\" }"; al="      app: $LAB/app/app.log" ;;
    spare) as="      app: { kind: app, unit: app, process: \"upstream.py 127.0.0.1 $SPARE_PORT\" }"; al="      app: $LAB/app/app.log" ;;
    *) as="      app: { kind: app, unit: upstream, process: \"upstream.py 127.0.0.1 $APP_PORT\" }"; al="      app: $LAB/app/app.log" ;;
  esac
  write_inventory "$2" "$fs" "$fl
$al" "$as"
}

down() {
  stop_all
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
