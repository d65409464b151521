# fiveohtwo collector: read-only diagnostics for one host behind an HTTP reverse proxy.
#
# Shipped inside the fiveohtwo jar and sent on standard input to `sh -s -- ARGS`. Every value that
# comes from the inventory arrives as a positional argument (KEY=VALUE) and is only ever expanded
# inside double quotes: nothing here is assembled from chat text or inventory values.
#
# Output: sections, each opened by a line "### <nonce> <name>". The nonce is random per run and
# chosen by the caller, so a log line cannot forge a section header.
# The script changes nothing on the host. It never fails as a whole: a missing tool is reported.

export LC_ALL=C
PATH="$PATH:/usr/sbin:/sbin:/usr/local/sbin"
N=x CAP=65536 LINES=300 WIDTH=4096 FRONT= PROBE_TIMEOUT=5 NGINX_CONF=
LOGS= SERVICES=
NL='
'
for a in "$@"; do
  case "$a" in
    nonce=*) N=${a#nonce=} ;;
    cap=*) CAP=${a#cap=} ;;
    lines=*) LINES=${a#lines=} ;;
    width=*) WIDTH=${a#width=} ;;
    front=*) FRONT=${a#front=} ;;
    probe-timeout=*) PROBE_TIMEOUT=${a#probe-timeout=} ;;
    nginx-conf=*) NGINX_CONF=${a#nginx-conf=} ;;
    log=*) LOGS="$LOGS${a#log=}$NL" ;;          # name|path
    service=*) SERVICES="$SERVICES${a#service=}$NL" ;;  # name|kind|unit|process
  esac
done

have() { command -v "$1" >/dev/null 2>&1; }
sec() { printf '\n### %s %s\n' "$N" "$1"; }
cap() { head -c "$CAP"; }
# Run with a time limit when `timeout` exists.
lim() { s=$1; shift; if have timeout; then timeout "$s" "$@"; else "$@"; fi; }

sec header
echo "version=1"

sec meta
echo "now=$(date +%s)"
echo "localtime=$(date '+%Y/%m/%d %H:%M:%S')"
echo "tz=$(date +%z)"
echo "hostname=$(hostname 2>/dev/null || uname -n)"
echo "kernel=$(uname -sr)"
echo "user=$(id -un 2>/dev/null)"
echo "uid=$(id -u 2>/dev/null)"
echo "nproc=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null)"
if [ -d /run/systemd/system ] && have systemctl; then INIT=systemd; else INIT=other; fi
echo "init=$INIT"

# --- processes: one snapshot reused below -------------------------------------------------------
# Our own shell and its parent carry the inventory values in their arguments: leave them out.
PS=$( { ps -eo pid=,user=,stat=,etimes=,args= 2>/dev/null || ps -eo pid=,user=,stat=,args= 2>/dev/null; } |
  awk -v me="$$" -v parent="$PPID" -v n="nonce=$N" '$1 != me && $1 != parent && index($0, n) == 0')

find_pid() { # $1: fixed string in the command line; prints the first matching pid
  printf '%s\n' "$PS" | grep -F -- "$1" | grep -v -F 'grep' | awk 'NR==1{print $1}'
}

if [ -z "$SERVICES" ]; then # nothing configured: look for the usual suspects
  if printf '%s\n' "$PS" | grep -q 'nginx: master'; then SERVICES="nginx|nginx|nginx|${NL}"; fi
  # one entry per php-fpm version; without systemd each is told apart by its master's config path
  for v in $(printf '%s\n' "$PS" | sed -n 's/.*php-fpm: master process (\/etc\/php\/\([0-9.]*\)\/.*/\1/p' | sort -u); do
    if [ "$INIT" = systemd ]; then p=; else p="php-fpm: master process (/etc/php/$v/"; fi
    SERVICES="${SERVICES}php$v-fpm|php-fpm|php$v-fpm|$p${NL}"
  done
  if [ "$INIT" = systemd ]; then
    for u in $(systemctl list-units --all --plain --no-legend 'nginx.service' 'php*-fpm.service' 2>/dev/null | awk '{print $1}' | sed 's/\.service$//'); do
      case "$SERVICES" in *"|$u|"*) ;; *) case "$u" in nginx) k=nginx ;; *) k=php-fpm ;; esac; SERVICES="$SERVICES$u|$k|$u|${NL}" ;; esac
    done
  fi
fi

sec services
printf '%s' "$SERVICES" | while IFS='|' read -r name kind unit proc; do
  [ -n "$name" ] || continue
  echo "service=$name|$kind|$unit"
  if [ "$INIT" = systemd ] && [ -n "$unit" ] && systemctl cat "$unit" >/dev/null 2>&1 && [ -z "$proc" ]; then
    systemctl show "$unit" -p ActiveState -p SubState -p Result -p NRestarts -p MainPID -p ActiveEnterTimestamp 2>/dev/null
    ts=$(systemctl show "$unit" -p ActiveEnterTimestamp --value 2>/dev/null)
    [ -n "$ts" ] && echo "SinceEpoch=$(date -d "$ts" +%s 2>/dev/null)"
  else
    case "$proc:$kind" in
      :nginx) proc='nginx: master' ;;
      :php-fpm) proc='php-fpm: master' ;;
      :*) proc=$unit ;;
    esac
    pid=$(find_pid "$proc")
    if [ -n "$pid" ]; then
      echo "ActiveState=active"
      echo "MainPID=$pid"
      et=$(printf '%s\n' "$PS" | awk -v p="$pid" '$1==p{print $4}')
      case "$et" in ''|*[!0-9]*) ;; *) echo "SinceEpoch=$(( $(date +%s) - et ))" ;; esac
    else
      echo "ActiveState=inactive"
    fi
    echo "Source=ps"
  fi
done | cap

# --- nginx configuration -------------------------------------------------------------------------
NGINX=$(command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; })
# Read the configuration files themselves, following includes three levels deep (used when 'nginx -T'
# prints nothing, and to tell several instances apart).
conf_files() { # depth file...
  d=$1; shift
  for f in "$@"; do
    [ -r "$f" ] && [ -f "$f" ] || continue
    printf '# configuration file %s:\n' "$f"; head -c 262144 "$f"; echo
    [ "$d" -lt 3 ] || continue
    for inc in $(sed -n 's/^[ \t]*include[ \t]\{1,\}\([^;]*\);.*/\1/p' "$f" | head -n 32); do
      case "$inc" in /*) ;; *) inc="$(dirname "${NGINX_CONF:-/etc/nginx/nginx.conf}")/$inc" ;; esac
      # shellcheck disable=SC2086 # the include is a glob on purpose
      conf_files $((d + 1)) $inc
    done
  done
}

# Every nginx master on the host ("pid|config", the default config when it has no -c). With several (instances,
# containers), the one to diagnose is the one whose configuration listens on the front's port.
MASTERS=$(printf '%s\n' "$PS" | awk '/nginx: master/ && !/awk/ {
  c = ""; for (i = 1; i < NF; i++) if ($i == "-c") c = $(i + 1); print $1 "|" c }')
NMASTERS=$(printf '%s' "$MASTERS" | grep -c .)
CHOSEN=
if [ -n "$NGINX_CONF" ]; then CHOSEN=inventory
elif [ "$NMASTERS" -le 1 ]; then CHOSEN=only; NGINX_CONF=$(printf '%s\n' "$MASTERS" | cut -d'|' -f2)
else
  FPORT=${FRONT#*://}; FPORT=${FPORT%%/*}
  case "$FPORT" in *:*) FPORT=${FPORT##*:} ;; *) case "$FRONT" in https:*) FPORT=443 ;; ?*) FPORT=80 ;; *) FPORT= ;; esac ;; esac
  if [ -n "$FPORT" ]; then
    for m in $MASTERS; do
      c=${m#*|}; NGINX_CONF=${c:-/etc/nginx/nginx.conf}
      if conf_files 0 "$NGINX_CONF" | sed 's/#.*//' | grep -Eq "(^|[;{[:space:]])listen[[:space:]]+([^;[:space:]]*:)?$FPORT([^0-9]|\$)"; then
        CHOSEN="front-port $FPORT"; NGINX_CONF=$c; break
      fi
    done
  fi
  [ -n "$CHOSEN" ] || { CHOSEN=first; NGINX_CONF=$(printf '%s\n' "$MASTERS" | head -n 1 | cut -d'|' -f2); }
fi
sec nginx-instance
echo "masters=$NMASTERS"
echo "chosen=$CHOSEN"
echo "config=${NGINX_CONF:-/etc/nginx/nginx.conf}"
printf '%s\n' "$MASTERS" | grep . | sed 's/^/master=/'
NGX_T=
sec nginx-config
if [ -n "$NGINX" ]; then
  if [ -n "$NGINX_CONF" ]; then set -- -c "$NGINX_CONF"; else set --; fi
  # 'nginx -T' needs root for the default pid and log files: through sudo when sudoers allows exactly it
  SUDO=
  if [ "$(id -u)" != 0 ] && have sudo && sudo -n -l "$NGINX" -T "$@" >/dev/null 2>&1; then SUDO="sudo -n"; fi
  NGX_T=$(lim 10 $SUDO "$NGINX" -T "$@" 2>&1)
  printf '%s\n' "$NGX_T" | cap
else
  echo "nginx: not installed"
fi

# When the test fails (a broken config, or no right to read the pid/log files), nginx prints no
# configuration: read the files themselves.
case "$NGX_T" in
  *"test is successful"*) ;;
  *) [ -n "$NGINX" ] && NGX_T="$NGX_T$NL$(conf_files 0 "${NGINX_CONF:-/etc/nginx/nginx.conf}" | head -c 1048576)" ;;
esac

# Upstream targets, from the effective configuration: "pass|<directive>|<target>" and
# "server|<upstream>|<address>|<params>".
UPSTREAMS=$(printf '%s\n' "$NGX_T" | sed 's/#.*//' | awk '
  /^[ \t]*upstream[ \t]+[^ \t{]+[ \t]*\{/ { u=$2; sub(/\{.*/,"",u); inup=1; next }
  inup && /\}/ { inup=0 }
  inup && $1=="server" { a=$2; sub(/;$/,"",a); p=""; for(i=3;i<=NF;i++){p=p (p==""?"":" ") $i}; sub(/;$/,"",p); print "server|" u "|" a "|" p; next }
  { for (i=1;i<NF;i++) if ($i ~ /^(proxy|fastcgi|uwsgi|scgi|grpc)_pass$/) { t=$(i+1); sub(/;.*$/,"",t); print "pass|" $i "|" t } }
' | sort -u | head -n 64)
NGINX_USER=$(printf '%s\n' "$NGX_T" | sed -n 's/^[ \t]*user[ \t]\{1,\}\([^ \t;]*\).*/\1/p' | head -n 1)
WORKER_USER=$(printf '%s\n' "$PS" | awk '/nginx: worker process/ && !/awk/ {print $2; exit}')
sec nginx-upstreams
printf '%s\n' "$UPSTREAMS"
sec nginx-user
U=${WORKER_USER:-${NGINX_USER:-www-data}}
echo "user=$U"
echo "groups=$(id -Gn "$U" 2>/dev/null)"

# --- direct probes of every upstream, and the front, in parallel; one line each -------------------
probe_tcp() { # host port -> result
  h=$1 p=$2
  case "$h" in *[!0-9.:]*) getent hosts "$h" >/dev/null 2>&1 || getent ahosts "$h" >/dev/null 2>&1 || { echo "unresolvable"; return; } ;; esac
  if have nc; then
    out=$(lim "$PROBE_TIMEOUT" nc -zv -w "$PROBE_TIMEOUT" "$h" "$p" 2>&1); rc=$?
  elif have bash; then
    out=$(lim "$PROBE_TIMEOUT" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$h" "$p" 2>&1); rc=$?
  else
    echo "untested no-nc"; return
  fi
  if [ $rc = 0 ]; then echo open
  elif [ $rc = 124 ] || printf '%s' "$out" | grep -qi 'timed out'; then echo timeout
  elif printf '%s' "$out" | grep -qi 'refused'; then echo refused
  elif printf '%s' "$out" | grep -qi 'no route'; then echo no-route
  else echo "failed $(printf '%s' "$out" | tr '\n\t|' '   ' | cut -c1-200)"; fi
}
probe_http() { # url -> "http <code> <seconds>" or a tcp-style failure
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time "$PROBE_TIMEOUT" -H 'User-Agent: fiveohtwo-probe' "$1" 2>/dev/null); rc=$?
  case $rc in
    0) echo "http $out" ;;
    6) echo unresolvable ;;
    7) echo refused ;;
    28) echo "timeout $out" ;;
    52) echo "empty-reply $out" ;;
    56) echo "reset $out" ;;
    *) echo "failed curl-$rc $out" ;;
  esac
}
probe() { # address directive -> one line "probe|address|result|ms"
  addr=$1 dir=$2 t0=$(date +%s%N 2>/dev/null)
  case "$addr" in
    unix:*) pth=${addr#unix:}; pth=${pth%%:*}
      if [ -S "$pth" ]; then r="socket $(stat -c '%U|%G|%a' "$pth" 2>/dev/null)"
      elif [ -e "$pth" ]; then r="not-a-socket"
      elif [ -d "$(dirname "$pth")" ] && ! [ -x "$(dirname "$pth")" ]; then r="dir-unreadable"
      else r=missing; fi ;;
    http://*|https://*)
      if have curl; then r=$(probe_http "$addr"); else
        hp=${addr#*://}; hp=${hp%%/*}; case "$addr" in https*) d=443 ;; *) d=80 ;; esac
        case "$hp" in *:*) r=$(probe_tcp "${hp%:*}" "${hp##*:}") ;; *) r=$(probe_tcp "$hp" "$d") ;; esac
      fi ;;
    *:*) r=$(probe_tcp "${addr%:*}" "${addr##*:}") ;;
    *) case "$dir" in fastcgi_pass) d=9000 ;; *) d=80 ;; esac; r=$(probe_tcp "$addr" "$d") ;;
  esac
  t1=$(date +%s%N 2>/dev/null)
  case "$t0$t1" in *N*|'') ms= ;; *) ms=$(( (t1 - t0) / 1000000 )) ;; esac
  printf 'probe|%s|%s|%s|%s\n' "$addr" "$dir" "$r" "$ms"
}
sec probes
{
  [ -n "$FRONT" ] && probe "$FRONT" front &
  printf '%s\n' "$UPSTREAMS" | awk -F'|' '
    $1=="server" { srv[$2]=1; print $3 "|upstream:" $2; next }
    $1=="pass" { t=$3; d=$2
      if (t ~ /\$/) next  # a variable: resolved per request, nothing fixed to probe
      h=t; sub(/^[a-z]+:\/\//,"",h); sub(/\/.*$/,"",h)
      if (t ~ /^unix:/ || t ~ /^https?:\/\/unix:/) { a=t; sub(/^https?:\/\//,"",a); print a "|" d; next }
      print t "|" d "|" h }
  ' | while IFS='|' read -r a d h; do
    # a pass to a named upstream block is probed through its servers
    case "$h" in *:*|'') ;; *) printf '%s\n' "$UPSTREAMS" | grep -q "^server|$h|" && continue ;; esac
    case "$d:$a" in proxy_pass:*|*:unix:*) ;; *) a=${a#*://}; a=${a%%/*} ;; esac
    probe "$a" "$d" &
  done
  wait
} 2>/dev/null | sort -u | head -n 64

# --- logs ----------------------------------------------------------------------------------------
[ -z "$LOGS" ] && LOGS="nginx-error|/var/log/nginx/error.log${NL}"
case "$LOGS" in *php-fpm\|*) ;; *) for f in /var/log/php*-fpm.log; do [ -e "$f" ] && LOGS="${LOGS}php-fpm|$f${NL}" && break; done ;; esac
case "$LOGS" in *kernel\|*) ;; *) [ -e /var/log/kern.log ] && LOGS="${LOGS}kernel|/var/log/kern.log${NL}" ;; esac
sec log-files
printf '%s' "$LOGS" | while IFS='|' read -r name f; do
  [ -n "$name" ] || continue
  if [ ! -e "$f" ]; then st=missing; elif [ ! -r "$f" ]; then st=unreadable; else st=ok; fi
  printf '%s|%s|%s|%s\n' "$name" "$f" "$st" "$(stat -c '%s|%Y' "$f" 2>/dev/null)"
done
printf '%s' "$LOGS" | while IFS='|' read -r name f; do
  [ -n "$name" ] && [ -r "$f" ] && [ -f "$f" ] || continue
  sec "log:$name"
  # The last MiB at most, the last lines of it, each cut to a width: bounded whatever the file holds.
  # Past the section cap the newest lines win: the oldest go, with a marker line in their place.
  tail -c 1048576 "$f" 2>/dev/null | tail -n "$LINES" | cut -b "1-$WIDTH" | tail -c "$CAP" |
    awk -v cap="$CAP" '{ l[NR] = $0; n += length($0) + 1 }
      END { s = 1; if (n >= cap) { print "[fiveohtwo: older lines cut]"; s = 2 } for (i = s; i <= NR; i++) print l[i] }' 
done

# --- kernel: OOM kills ---------------------------------------------------------------------------
sec oom
{
  printf '%s' "$LOGS" | while IFS='|' read -r name f; do [ "$name" = kernel ] && [ -r "$f" ] && tail -c 4194304 "$f"; done
  if dmesg >/dev/null 2>&1; then dmesg 2>/dev/null
  elif have journalctl; then lim 5 journalctl -k -q --no-pager -n 5000 -o short-iso 2>/dev/null
  else echo "(kernel log not readable: dmesg restricted)"; fi
} | grep -iE 'out of memory|oom-kill|oom_reaper|killed process|dmesg restricted' | tail -n 20 | cut -b "1-$WIDTH"

# --- resources -----------------------------------------------------------------------------------
sec memory
grep -E '^(MemTotal|MemAvailable|MemFree|SwapTotal|SwapFree):' /proc/meminfo 2>/dev/null
sec load
cat /proc/loadavg 2>/dev/null
sec disk
DIRS=/
for d in $(printf '%s' "$LOGS" | cut -d'|' -f2 | xargs -n1 dirname 2>/dev/null | sort -u); do [ -d "$d" ] && DIRS="$DIRS $d"; done
# shellcheck disable=SC2086 # a list of directories, each a word
{ df -P $DIRS 2>/dev/null | awk 'NR>1{print "blocks|" $6 "|" $5 "|" $4}'; df -Pi $DIRS 2>/dev/null | awk 'NR>1{print "inodes|" $6 "|" $5 "|" $4}'; } | sort -u
sec listeners
if have ss; then { ss -Htlnp 2>/dev/null || ss -tlnp 2>/dev/null; ss -Hxlp 2>/dev/null | head -n 200; } | cap
elif have netstat; then { netstat -tlnp 2>/dev/null; netstat -xlp 2>/dev/null | head -n 200; } | cap
else echo "(neither ss nor netstat)"; fi
sec connections
if have ss; then ss -s 2>/dev/null | head -n 12; else echo "(no ss)"; fi
sec limits
for pat in 'nginx: master' 'php-fpm: master'; do
  pid=$(find_pid "$pat")
  [ -n "$pid" ] && printf '%s|%s|%s\n' "$pat" "$pid" "$(grep 'Max open files' "/proc/$pid/limits" 2>/dev/null | awk '{print $4 "|" $5}')"
done
sec processes
printf '%s\n' "$PS" | awk '{n++} $3 ~ /^Z/ {z++} END {print "total=" n+0; print "zombies=" z+0}'
printf '%s\n' "$PS" | grep -E 'nginx|php-fpm|gunicorn|uwsgi|node|java|python|ruby|puma|docker' | grep -v -E 'grep|### ' | head -n 60 | cut -b "1-300"
sec containers
if have docker; then lim 5 docker ps -a --format '{{.Names}}|{{.Status}}|{{.Image}}|{{.Ports}}' 2>&1 | head -n 100
else echo "(no docker)"; fi
sec end
