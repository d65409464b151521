# fiveohtwo collector: read-only diagnostics for one host behind an HTTP reverse proxy.
#
# Shipped inside the fiveohtwo jar and sent on standard input to `sh -s -- ARGS`. Every value that
# comes from the inventory arrives as a positional argument (KEY=VALUE) and is only ever expanded
# inside double quotes: nothing here is assembled from chat text or inventory values.
#
# Output: sections, each opened by a line "### <nonce> <name>". The nonce is random per run and
# chosen by the caller, so a log line cannot forge a section header.
# The script changes nothing on the host. It never fails as a whole: a missing tool is reported.
#
# It is lean on purpose, because it runs on hosts that are already in trouble: ship raw, parse at home.
# One clock read, one ps, one systemctl, one stat, one reader per log, all HTTP probes in one curl;
# /proc files are read with shell builtins, and the caller cuts and parses what comes back. About
# twenty programs run per check; a loop over lines costs no process. The other fronts' configuration
# (Apache, HAProxy, Caddy, Traefik, Envoy) is read line by line with builtins too: each backend found costs only
# its probe. A reader of a source beyond these (a process manager, the journal, a container, a dependency) runs
# only when a service or a log of the inventory calls for it and the source is there, once for all its services.

export LC_ALL=C
PATH="$PATH:/usr/sbin:/sbin:/usr/local/sbin"
set -f # no globbing unless asked for: a value from a server or the inventory is never a pattern
N=x CAP=65536 FRONT= PROBE_TIMEOUT=5 NGINX_CONF= APACHE_CONF= HAPROXY_CONF= CADDY_CONF= TRAEFIK_CONF= ENVOY_CONF=
LOGS= SERVICES= DEPS=
NL='
'
OIFS=$IFS
for a in "$@"; do
  case "$a" in
    nonce=*) N=${a#nonce=} ;;
    cap=*) CAP=${a#cap=} ;;
    front=*) FRONT=${a#front=} ;;
    probe-timeout=*) PROBE_TIMEOUT=${a#probe-timeout=} ;;
    nginx-conf=*) NGINX_CONF=${a#nginx-conf=} ;;
    apache-conf=*) APACHE_CONF=${a#apache-conf=} ;;
    haproxy-conf=*) HAPROXY_CONF=${a#haproxy-conf=} ;;
    caddy-conf=*) CADDY_CONF=${a#caddy-conf=} ;;
    traefik-conf=*) TRAEFIK_CONF=${a#traefik-conf=} ;;
    envoy-conf=*) ENVOY_CONF=${a#envoy-conf=} ;;
    log=*) LOGS="$LOGS${a#log=}$NL" ;;          # name|path, name|journal:UNIT or name|docker:NAME
    service=*) SERVICES="$SERVICES${a#service=}$NL" ;;  # name|kind|unit|process|manager (empty: systemd, else ps)
    depends=*) DEPS="$DEPS${a#depends=}$NL" ;;  # host:port
  esac
done

have() { command -v "$1" >/dev/null 2>&1; }
sec() { printf '\n### %s %s\n' "$N" "$1"; }
# Run with a time limit when `timeout` exists.
lim() { s=$1; shift; if have timeout; then timeout "$s" "$@"; else "$@"; fi; }
# Leading and trailing blanks off $1, into T.
trim() { T=${1#"${1%%[![:space:]]*}"}; T=${T%"${T##*[![:space:]]}"}; }

sec header
echo "version=2"

# --- the host: one clock read, the rest from /proc -------------------------------------------------
sec meta
D=$(date '+%s|%Y/%m/%d %H:%M:%S|%z')
NOW=${D%%|*}; r=${D#*|}
echo "now=$NOW"
echo "localtime=${r%|*}"
echo "tz=${r##*|}"
{ read -r h < /proc/sys/kernel/hostname; } 2>/dev/null || h=$(uname -n)
{ read -r os < /proc/sys/kernel/ostype && read -r rel < /proc/sys/kernel/osrelease; } 2>/dev/null || { os=$(uname -s); rel=$(uname -r); }
echo "hostname=$h"
echo "kernel=$os $rel"
MYUID= CPUS=
{ while IFS= read -r l; do
    case $l in Uid:*) set -- $l; MYUID=$2 ;; Cpus_allowed_list:*) CPUS=${l#*:} ;; esac
  done < /proc/self/status; } 2>/dev/null
[ -n "$MYUID" ] || MYUID=$(id -u 2>/dev/null)
ME=${USER:-${LOGNAME:-}}
[ -n "$ME" ] || ME=$(id -un 2>/dev/null)
echo "user=$ME"
echo "uid=$MYUID"
NPROC=0
if [ -n "$CPUS" ]; then
  IFS=, ; for c in $CPUS; do trim "$c"; case $T in *-*) NPROC=$((NPROC + ${T#*-} - ${T%-*} + 1)) ;; ?*) NPROC=$((NPROC + 1)) ;; esac; done; unset IFS
fi
[ "$NPROC" -gt 0 ] || NPROC=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null)
echo "nproc=$NPROC"
if [ -d /run/systemd/system ] && have systemctl; then INIT=systemd; else INIT=other; fi
echo "init=$INIT"
UP=0
{ read -r UP _ < /proc/uptime; } 2>/dev/null; UP=${UP%.*}

# --- processes: one snapshot, read by loops below -----------------------------------------------
# Our own shell and its subshells carry the inventory values in their arguments: every loop skips
# the lines with this run's nonce. The loops split $PS on newlines rather than read a here-document,
# which a shell may write from a child process when it is large.
PS=$(ps -eo pid=,user=,stat=,etimes=,args= 2>/dev/null || ps -eo pid=,user=,stat=,args= 2>/dev/null)
MASTERS= WORKER_USER= FPM= NMASTERS=0 FRONTS= HAPROXY_CFG= CADDY_CFG= TRAEFIK_CFG= ENVOY_CFG=
IFS=$NL; for l in $PS; do IFS=$OIFS
  case $l in
    *"nonce=$N"*) ;;
    *"nginx: master"*) set -- $l; NMASTERS=$((NMASTERS + 1)); pid=$1 c=
      while [ $# -gt 1 ]; do [ "$1" = -c ] && c=$2; shift; done
      MASTERS="$MASTERS$pid|$c$NL" ;;
    *"nginx: worker process"*) [ -n "$WORKER_USER" ] || { set -- $l; WORKER_USER=$2; } ;;
    *"php-fpm: master process (/etc/php/"*) v=${l#*php-fpm: master process (/etc/php/}; v=${v%%/*}
      case "$NL$FPM" in *"$NL$v$NL"*) ;; *) FPM="$FPM$v$NL" ;; esac ;;
    *) # the other fronts, by program name: "kind|program" once each, and the configuration they were given
      set -- $l; [ $# -ge 5 ] || continue
      case $4 in *[!0-9]*) shift 3 ;; *) shift 4 ;; esac # ps without etimes has one field less
      case ${1##*/} in apache2|httpd) k=apache ;; haproxy|caddy|traefik|envoy) k=${1##*/} ;; *) k= ;; esac
      [ -n "$k" ] || continue
      case "$NL$FRONTS" in *"$NL$k|"*) ;; *) FRONTS="$FRONTS$k|${1##*/}$NL" ;; esac
      while [ $# -gt 0 ]; do # to the last word: '--configfile=FILE' holds its value
        case "$k:$1" in haproxy:-f) HAPROXY_CFG=${HAPROXY_CFG:-$2} ;; caddy:--config) CADDY_CFG=${CADDY_CFG:-$2} ;;
          envoy:-c|envoy:--config-path) ENVOY_CFG=${ENVOY_CFG:-$2} ;;
          traefik:--providers.file.filename=*|traefik:--providers.file.directory=*|traefik:--configfile=*|traefik:--configFile=*)
            TRAEFIK_CFG="$TRAEFIK_CFG${1#*=}$NL" ;;
        esac
        shift
      done ;;
  esac
done; IFS=$OIFS
trim "$MASTERS"; MASTERS=$T
# find_pid TEXT: the first process whose command line holds TEXT, into FP (pid) and FE (seconds running)
find_pid() {
  FP= FE=
  IFS=$NL; for l in $PS; do IFS=$OIFS
    case $l in *"nonce=$N"*) ;; *"$1"*) set -- $l; FP=$1; case $4 in ''|*[!0-9]*) ;; *) FE=$4 ;; esac; return ;; esac
  done; IFS=$OIFS
}

# whether the inventory names the front (nginx or another proxy): when not, the ones running are added below
HASFRONT=
while IFS='|' read -r _ k _; do case $k in nginx|apache|haproxy|caddy|traefik|envoy) HASFRONT=1 ;; esac; done <<EOF
$SERVICES
EOF
if [ -z "$SERVICES" ]; then # nothing configured: look for the usual suspects
  [ "$NMASTERS" -gt 0 ] && SERVICES="nginx|nginx|nginx|${NL}"
  # one entry per php-fpm version; without systemd each is told apart by its master's config path
  for v in $FPM; do
    if [ "$INIT" = systemd ]; then p=; else p="php-fpm: master process (/etc/php/$v/"; fi
    SERVICES="${SERVICES}php$v-fpm|php-fpm|php$v-fpm|$p${NL}"
  done
  if [ "$INIT" = systemd ]; then
    for u in $(systemctl list-units --all --plain --no-legend 'nginx.service' 'php*-fpm.service' 2>/dev/null); do
      case $u in *.service) u=${u%.service}
        case "$SERVICES" in *"|$u|"*) ;; *) case "$u" in nginx) k=nginx ;; *) k=php-fpm ;; esac; SERVICES="$SERVICES$u|$k|$u|${NL}" ;; esac ;;
      esac
    done
  fi
fi
if [ -z "$HASFRONT" ]; then # the unit is named after the program: apache2 (Debian) or httpd (RHEL), haproxy, ...
  case "$NL$SERVICES" in *"${NL}nginx|nginx|"*) ;; *) [ "$NMASTERS" -gt 0 ] && SERVICES="${SERVICES}nginx|nginx|nginx|${NL}" ;; esac
  while IFS='|' read -r k b; do [ -n "$k" ] && SERVICES="$SERVICES$b|$k|$b|$NL"; done <<EOF
$FRONTS
EOF
fi

# --- services: one systemctl for every unit, ps for the rest ------------------------------------
SHOW=
if [ "$INIT" = systemd ]; then
  set --
  while IFS='|' read -r name kind unit proc mgr; do
    [ -n "$name" ] && [ -n "$unit" ] && [ -z "$proc" ] && [ -z "$mgr" ] && set -- "$@" "$unit"
  done <<EOF
$SERVICES
EOF
  [ $# -gt 0 ] && SHOW=$(systemctl show -p Id -p LoadState -p ActiveState -p SubState -p Result -p NRestarts -p MainPID \
    -p ActiveEnterTimestampMonotonic "$@" 2>/dev/null)
fi
# unit_block UNIT: the properties systemctl showed for UNIT, when it is loaded, into B
unit_block() {
  B= cur= loaded=
  while IFS= read -r l; do
    case $l in
      '') [ "$cur" = yes ] && [ "$loaded" = yes ] && return; cur= B= loaded= ;;
      Id=*) case ${l#Id=} in "$1"|"$1.service") cur=yes ;; *) cur=no ;; esac ;;
      LoadState=loaded) loaded=yes ;;
    esac
    [ "$cur" = no ] || B="$B$l$NL"
  done <<EOF
$SHOW
EOF
  [ "$cur" = yes ] && [ "$loaded" = yes ] || B=
}
sec services
while IFS='|' read -r name kind unit proc mgr; do
  [ -n "$name" ] || continue
  echo "service=$name|$kind|$unit"
  B=
  [ -n "$SHOW" ] && [ -n "$unit" ] && [ -z "$proc" ] && [ -z "$mgr" ] && unit_block "$unit"
  if [ -n "$mgr" ]; then
    echo "Manager=$mgr" # its state is in the manager's own section, read at home
  elif [ -n "$B" ]; then
    mono=0
    while IFS= read -r l; do
      case $l in
        Id=*|LoadState=*|'') ;;
        ActiveEnterTimestampMonotonic=*) mono=${l#*=} ;;
        *) printf '%s\n' "$l" ;;
      esac
    done <<EOF
$B
EOF
    case $mono in ''|0|*[!0-9]*) ;; *) [ "$UP" -gt 0 ] && echo "SinceEpoch=$((NOW - UP + mono / 1000000))" ;; esac
  else
    case "$proc:$kind" in
      :nginx) proc='nginx: master' ;;
      :php-fpm) proc='php-fpm: master' ;;
      :*) proc=$unit ;;
    esac
    find_pid "$proc"
    if [ -n "$FP" ]; then
      echo "ActiveState=active"
      echo "MainPID=$FP"
      [ -n "$FE" ] && echo "SinceEpoch=$((NOW - FE))"
    else
      echo "ActiveState=inactive"
    fi
    echo "Source=ps"
  fi
done <<EOF
$SERVICES
EOF

# --- process managers beside systemd: PM2, supervisord, Docker -----------------------------------
# Each runs only when the inventory names a service it manages, once for all of them; the output goes home raw.
PM2S= SUPS= DOCKS=
while IFS='|' read -r name kind unit proc mgr; do
  case $mgr in pm2) PM2S="$PM2S$unit$NL" ;; supervisord) SUPS="$SUPS$unit$NL" ;; docker) DOCKS="$DOCKS$unit$NL" ;; esac
done <<EOF
$SERVICES
EOF
PM2J=
if [ -n "$PM2S" ]; then
  sec pm2
  # 'pm2 jlist' starts a PM2 daemon when none runs: only ask one that is there
  if ! have pm2; then echo "(no pm2)"
  elif ! [ -S "${PM2_HOME:-$HOME/.pm2}/rpc.sock" ]; then echo "(pm2: no daemon for $ME)"
  else PM2J=$(lim 5 pm2 jlist 2>/dev/null); printf '%.*s\n' "$CAP" "$PM2J"; fi
fi
if [ -n "$SUPS" ]; then
  sec supervisord
  if have supervisorctl; then lim 5 supervisorctl status 2>&1 | { i=0; while [ $i -lt 400 ] && IFS= read -r l; do printf '%s\n' "$l"; i=$((i + 1)); done; }
  else echo "(no supervisorctl)"; fi
fi
DOCKER_OK=
have docker && { [ -S /var/run/docker.sock ] || [ -n "${DOCKER_HOST:-}" ]; } && DOCKER_OK=1
if [ -n "$DOCKS" ]; then
  sec docker-inspect
  if [ -n "$DOCKER_OK" ]; then
    set --; while IFS= read -r u; do [ -n "$u" ] && set -- "$@" "$u"; done <<EOF
$DOCKS
EOF
    lim 5 docker inspect --format '{{.Name}}|{{.State.Status}}|{{.RestartCount}}|{{.State.OOMKilled}}|{{.State.ExitCode}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}|{{.State.StartedAt}}|{{.State.Pid}}' "$@" 2>&1
  elif have docker; then echo "(docker: no daemon socket)"
  else echo "(no docker)"; fi
fi

# --- nginx configuration -------------------------------------------------------------------------
NGINX=$(command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; })
# conf_files DEPTH FILE...: the configuration files themselves, following includes three levels deep
# (when 'nginx -T' prints nothing, and to tell several instances apart). Each file stops at 5000 lines.
conf_files() {
  _d=$1; shift
  for _f in "$@"; do
    [ -r "$_f" ] && [ -f "$_f" ] || continue
    printf '# configuration file %s:\n' "$_f"
    _incs= _n=0
    while IFS= read -r _l || [ -n "$_l" ]; do
      _n=$((_n + 1)); [ $_n -le 5000 ] || break
      printf '%s\n' "$_l"
      trim "${_l%%#*}"
      case $T in include[[:space:]]*)
        trim "${T#include}"; _i=${T%%;*}
        case $_i in /*) ;; *) _i="${NGINX_CONF:-/etc/nginx/nginx.conf}"; _i="${_i%/*}/${T%%;*}" ;; esac
        _incs="$_incs$_i$NL" ;;
      esac
    done < "$_f"
    [ "$_d" -lt 3 ] && [ -n "$_incs" ] || continue
    # shellcheck disable=SC2086 # an include is a glob on purpose
    ( IFS=$NL; set +f; conf_files $((_d + 1)) $_incs )
  done
}
# listens_on PORT: whether the configuration on standard input has a 'listen' on PORT
listens_on() {
  while IFS= read -r l; do
    l=${l%%#*}
    while :; do
      case $l in *listen[[:space:]]*) ;; *) break ;; esac
      b=${l%%listen[[:space:]]*}; l=${l#*listen[[:space:]]}
      case $b in ''|*[[:space:]\;{]) ;; *) continue ;; esac
      trim "$l"; a=${T%%[[:space:];]*}
      case ${a##*:} in "$1") return 0 ;; esac
    done
  done
  return 1
}
# With several nginx masters (instances, containers), the one to diagnose is the one whose configuration
# listens on the front's port.
CHOSEN=
if [ -n "$NGINX_CONF" ]; then CHOSEN=inventory
elif [ "$NMASTERS" -le 1 ]; then CHOSEN=only; NGINX_CONF=${MASTERS#*|}
else
  FPORT=${FRONT#*://}; FPORT=${FPORT%%/*}
  case "$FPORT" in *:*) FPORT=${FPORT##*:} ;; *) case "$FRONT" in https:*) FPORT=443 ;; ?*) FPORT=80 ;; *) FPORT= ;; esac ;; esac
  if [ -n "$FPORT" ]; then
    while IFS= read -r m; do
      c=${m#*|}; NGINX_CONF=${c:-/etc/nginx/nginx.conf}
      if conf_files 0 "$NGINX_CONF" | listens_on "$FPORT"; then CHOSEN="front-port $FPORT"; NGINX_CONF=$c; break; fi
    done <<EOF
$MASTERS
EOF
  fi
  [ -n "$CHOSEN" ] || { CHOSEN=first; m=${MASTERS%%"$NL"*}; NGINX_CONF=${m#*|}; }
fi
sec nginx-instance
echo "masters=$NMASTERS"
echo "chosen=$CHOSEN"
echo "config=${NGINX_CONF:-/etc/nginx/nginx.conf}"
while IFS= read -r m; do [ -n "$m" ] && printf 'master=%s\n' "$m"; done <<EOF
$MASTERS
EOF

NGX_T=
sec nginx-config
if [ -n "$NGINX" ]; then
  if [ -n "$NGINX_CONF" ]; then set -- -c "$NGINX_CONF"; else set --; fi
  # 'nginx -T' needs root for the default pid and log files: through sudo when sudoers allows exactly it
  SUDO=
  if [ "$MYUID" != 0 ] && have sudo && sudo -n -l "$NGINX" -T "$@" >/dev/null 2>&1; then SUDO="sudo -n"; fi
  NGX_T=$(lim 10 $SUDO "$NGINX" -T "$@" 2>&1)
  printf '%.*s\n' "$CAP" "$NGX_T"
else
  echo "nginx: not installed"
fi
# When the test fails (a broken config, or no right to read the pid/log files), nginx prints no
# configuration: read the files themselves.
case "$NGX_T" in
  *"test is successful"*) ;;
  *) [ -n "$NGINX" ] && NGX_T="$NGX_T$NL$(conf_files 0 "${NGINX_CONF:-/etc/nginx/nginx.conf}")" ;;
esac

# Upstream targets, from the effective configuration: "pass|<directive>|<target>",
# "server|<upstream>|<address>|<params>" and "keepalive|<upstream>|<connections>", and the 'user' directive.
# nginx allows several statements on a line ("upstream app { server a:1; server b:2; }"): each line is cut into
# its statements first, so a block written on one line is read like one written over several.
UPSTREAMS=$(printf '%s\n' "$NGX_T" | awk '
  { sub(/#.*/, ""); gsub(/\{/, "{\n"); gsub(/;/, ";\n"); gsub(/\}/, "\n}\n"); k = split($0, part, "\n"); for (j = 1; j <= k; j++) { $0 = part[j]; statement() } }
  function statement() {
    if ($0 ~ /^[ \t]*upstream[ \t]+[^ \t{]+[ \t]*\{/) { u=$2; sub(/\{.*/,"",u); inup=1; return }
    if (inup && $0 ~ /\}/) { inup=0; return }
    if (inup && $1=="keepalive") { k=$2; sub(/;$/,"",k); out("keepalive|" u "|" k); return }
    if (inup && $1=="server") { a=$2; sub(/;$/,"",a); p=""; for(i=3;i<=NF;i++){p=p (p==""?"":" ") $i}; sub(/;$/,"",p); out("server|" u "|" a "|" p); return }
    if ($1=="user" && user=="") { user=$2; sub(/;.*/,"",user) }
    for (i=1;i<NF;i++) if ($i ~ /^(proxy|fastcgi|uwsgi|scgi|grpc)_pass$/) { t=$(i+1); sub(/;.*$/,"",t); out("pass|" $i "|" t) }
  }
  function out(s) { if (!(s in seen) && n < 64) { seen[s]=1; n++; print s } }
  END { if (user != "") print "user|" user }
')
NGINX_USER=
case "$NL$UPSTREAMS" in *"${NL}user|"*) NGINX_USER=${UPSTREAMS##*user|}; UPSTREAMS=${UPSTREAMS%"${NL}user|$NGINX_USER"}; UPSTREAMS=${UPSTREAMS%"user|$NGINX_USER"} ;; esac
sec nginx-upstreams
printf '%s\n' "$UPSTREAMS"
sec nginx-user
U=${WORKER_USER:-${NGINX_USER:-www-data}}
echo "user=$U"
# the worker's groups from the files, as id -Gn would say them; id itself for users the files do not know
G= gid=
{ while IFS=: read -r n _ _ g _; do [ "$n" = "$U" ] && gid=$g && break; done < /etc/passwd
  while IFS=: read -r n _ g m; do
    case ",$m," in *",$U,"*) G="$G $n" ;; *) [ "$g" = "$gid" ] && G="$n$G" ;; esac
  done < /etc/group; } 2>/dev/null
if [ -n "$gid" ]; then echo "groups=$G"; else echo "groups=$(id -Gn "$U" 2>/dev/null)"; fi

# --- the other fronts' backends: Apache, HAProxy and Caddy configuration, read with builtins ------------
# Each backend becomes a probe ("address|directive", FPLAN) and a line "target|<front>|<directive>|<as written>".
# A directive for a FastCGI backend ends in " fcgi": what answers there is php-fpm.
FKINDS=
while IFS='|' read -r _ k _; do FKINDS="$FKINDS $k"; done <<EOF
$SERVICES
EOF
FPLAN= FTARGETS= FN=0
# add_target FRONT DIRECTIVE TARGET: one backend as the probe loop reads it; placeholders and balancers are skipped
add_target() {
  _d=$2 _t=$3 _a=
  _t=${_t#\"}; _t=${_t%\"}
  case $_t in ''|*'{'*|'!') return ;; esac
  case $_t in
    unix:*'|'*) _a=${_t%%|*}; case ${_t#*|} in fcgi:*) _d="$_d fcgi" ;; esac ;;
    unix//*) _a=unix:${_t#unix/} ;;
    unix:*) _a=$_t ;;
    /*) [ "${_d%%:*}" = haproxy ] && _a=unix:$_t ;;
    http://*|https://*) _h=${_t#*://}; _h=${_h%%/*}
      case $_t in *'$'*) _a=${_t%%://*}://$_h/ ;; *) _a=$_t ;; esac ;;
    fcgi://*) _h=${_t#*://}; _h=${_h%%/*}; case $_h in *:*) ;; *) _h=$_h:8000 ;; esac; _a=$_h; _d="$_d fcgi" ;;
    *://*) _h=${_t#*://}; _h=${_h%%/*}
      case $_h in *:*) _a=$_h ;; *) case ${_t%%://*} in ws|h2c) _a=$_h:80 ;; wss|h2) _a=$_h:443 ;; ajp) _a=$_h:8009 ;; esac ;; esac ;;
    :[0-9]*) _a=localhost$_t ;;
    *:[0-9]*) _a=$_t ;;
  esac
  case $_a in ''|*'$'*|*:[0-9]*-[0-9]*) return ;; esac
  case "$NL$FPLAN" in *"$NL$_a|$_d$NL"*) return ;; esac
  [ $FN -lt 64 ] || return
  FN=$((FN + 1)); FPLAN="$FPLAN$_a|$_d$NL"; FTARGETS="${FTARGETS}target|$1|$2|$_t$NL"
}
# apache_conf FILE...: ProxyPass, ProxyPassMatch, BalancerMember and SetHandler "proxy:..." lines
apache_conf() {
  for _f in "$@"; do
    [ -r "$_f" ] && [ -f "$_f" ] || continue
    _n=0
    while IFS= read -r _l || [ -n "$_l" ]; do
      _n=$((_n + 1)); [ $_n -le 5000 ] || break
      case $_l in *[Pp][Rr][Oo][Xx][Yy]*|*[Bb]alancer[Mm]ember*) ;; *) continue ;; esac
      trim "$_l"; case $T in '#'*) continue ;; esac
      set -- $T
      case $1 in
        [Pp]roxy[Pp]ass|[Pp]roxy[Pp]ass[Mm]atch|[Pp][Rr][Oo][Xx][Yy][Pp][Aa][Ss][Ss]|[Pp][Rr][Oo][Xx][Yy][Pp][Aa][Ss][Ss][Mm][Aa][Tt][Cc][Hh])
          case $1 in *[Mm][Aa][Tt][Cc][Hh]) _d=ProxyPassMatch ;; *) _d=ProxyPass ;; esac
          case $2 in *://*|unix:*|\"unix:*) add_target apache "$_d" "$2" ;; *) [ $# -ge 3 ] && add_target apache "$_d" "$3" ;; esac ;;
        [Bb]alancer[Mm]ember|[Bb][Aa][Ll][Aa][Nn][Cc][Ee][Rr][Mm][Ee][Mm][Bb][Ee][Rr]) [ $# -ge 2 ] && add_target apache BalancerMember "$2" ;;
        [Ss]et[Hh]andler|[Ss][Ee][Tt][Hh][Aa][Nn][Dd][Ll][Ee][Rr])
          _t=${2#\"}; case $_t in proxy:*) add_target apache SetHandler "${_t#proxy:}" ;; esac ;;
      esac
    done < "$_f"
  done
}
# haproxy_conf FILE: "server NAME ADDRESS ..." in backend and listen sections, as haproxy:<section>
haproxy_conf() {
  [ -r "$1" ] && [ -f "$1" ] || return
  _b= _n=0
  while IFS= read -r _l || [ -n "$_l" ]; do
    _n=$((_n + 1)); [ $_n -le 5000 ] || break
    set -- ${_l%%#*}
    case $1 in
      backend|listen) _b=$2 ;;
      frontend|defaults|global|peers|resolvers|userlist|mailers|program|cache|ring|http-errors) _b= ;;
      server) [ -n "$_b" ] && [ $# -ge 3 ] && { _t=$3; case $_t in ipv4@*|ipv6@*|unix@*) _t=${_t#*@} ;; esac; add_target haproxy "haproxy:$_b" "$_t"; } ;;
    esac
  done < "$1"
}
# caddy_conf FILE: reverse_proxy upstreams (on its line, or 'to' lines in its block) and php_fastcgi
caddy_conf() {
  [ -r "$1" ] && [ -f "$1" ] || return
  _in= _n=0
  while IFS= read -r _l || [ -n "$_l" ]; do
    _n=$((_n + 1)); [ $_n -le 5000 ] || break
    set -- ${_l%%#*}
    [ $# -gt 0 ] || continue
    case $1 in
      reverse_proxy|php_fastcgi) _d=$1; shift
        for _w in "$@"; do
          case $_w in '{') _in=$_d ;; /*|@*|'*') ;; *) add_target caddy "$_d" "$_w" ;; esac
        done ;;
      to) [ -n "$_in" ] && { shift; for _w in "$@"; do add_target caddy "$_in" "$_w"; done; } ;;
      '}') _in= ;;
    esac
  done < "$1"
}
# --- Traefik and Envoy backends, from their configuration files --------------------------------------
# unq VALUE: a YAML or TOML value without its quotes, into T
unq() { trim "$1"; T=${T#\"}; T=${T%\"}; T=${T#\'}; T=${T%\'}; }
# traefik_files PATH...: the files among PATH, and a directory's *.yml, *.yaml and *.toml, added to TF
traefik_files() {
  for _p in "$@"; do
    case $_p in /*) ;; *) continue ;; esac
    if [ -d "$_p" ]; then
      set +f; for _g in "$_p"/*.yml "$_p"/*.yaml "$_p"/*.toml; do [ -f "$_g" ] && TF="$TF$_g$NL"; done; set -f
    elif [ -f "$_p" ]; then TF="$TF$_p$NL"; fi
  done
}
# traefik_conf: the 'url' of each loadBalancer server in TF's files (file provider, YAML or TOML); the file
# provider's 'filename' or 'directory' that a static configuration names go to TMORE
traefik_conf() {
  TMORE=
  while IFS= read -r _f; do
    [ -n "$_f" ] && [ -r "$_f" ] || continue
    _n=0
    while IFS= read -r _l || [ -n "$_l" ]; do
      _n=$((_n + 1)); [ $_n -le 5000 ] || break
      trim "${_l%%#*}"; _l=${T#- }
      case $_l in
        url:*|url=*|url[[:space:]]=*) unq "${_l#*[:=]}"; add_target traefik loadBalancer "$T" ;;
        filename:*|filename=*|filename[[:space:]]=*|directory:*|directory=*|directory[[:space:]]=*) unq "${_l#*[:=]}"; TMORE="$TMORE$T$NL" ;;
      esac
    done < "$_f"
  done <<EOF
$TF
EOF
}
# envoy_conf FILE: the endpoints of static clusters (socket_address address and port_value, or a pipe's path),
# as envoy:<cluster>; a listener's own socket_address is no backend and is skipped
envoy_conf() {
  [ -r "$1" ] && [ -f "$1" ] || return
  _in= _ci=0 _c= _h= _p= _pipe= _n=0
  while IFS= read -r _l || [ -n "$_l" ]; do
    _n=$((_n + 1)); [ $_n -le 5000 ] || break
    _l=${_l%%#*}; _s=${_l%%[! ]*}; _i=${#_s}
    trim "$_l"; [ -n "$T" ] || continue
    case $T in clusters:*) _in=1 _ci=$_i _c= _h= _p=; continue ;; esac
    [ -n "$_in" ] || continue
    case $T in -*) ;; *) [ "$_i" -le "$_ci" ] && { _in=; continue; } ;; esac
    case $T in "- name:"*) [ "$_i" -le $((_ci + 2)) ] && { unq "${T#- name:}"; _c=$T; } ;; esac
    _t=${T#- }
    case $_t in
      pipe:*) _pipe=1 ;;
      path:*) [ -n "$_pipe" ] && { unq "${_t#path:}"; add_target envoy "envoy:$_c" "unix:$T"; _pipe=; } ;;
      address:*) unq "${_t#address:}"; _h=$T ;;
      port_value:*) unq "${_t#port_value:}"; _p=$T ;;
    esac
    if [ -n "$_h" ] && [ -n "$_p" ]; then
      case $_h in *:*) add_target envoy "envoy:$_c" "[$_h]:$_p" ;; *) add_target envoy "envoy:$_c" "$_h:$_p" ;; esac
      _h= _p=
    fi
  done < "$1"
}
case "$FKINDS " in *" traefik "*)
  TF=
  if [ -n "$TRAEFIK_CONF" ]; then traefik_files "$TRAEFIK_CONF"
  elif [ -n "$TRAEFIK_CFG" ]; then IFS=$NL; traefik_files $TRAEFIK_CFG; IFS=$OIFS
  else traefik_files /etc/traefik/traefik.yml /etc/traefik/traefik.yaml /etc/traefik/traefik.toml; fi
  traefik_conf
  if [ -n "$TMORE" ]; then TF=; IFS=$NL; traefik_files $TMORE; IFS=$OIFS; traefik_conf; fi ;;
esac
case "$FKINDS " in *" envoy "*) envoy_conf "${ENVOY_CONF:-${ENVOY_CFG:-/etc/envoy/envoy.yaml}}" ;; esac

# the inventory's file first, else the one the process was started with, else the packages' places;
# Apache's includes are the layouts of Debian (sites-enabled, conf-enabled) and RHEL (conf.d) beside the file
case "$FKINDS " in *" apache "*)
  set +f
  if [ -n "$APACHE_CONF" ]; then _r=${APACHE_CONF%/*}
    apache_conf "$APACHE_CONF" "$_r"/sites-enabled/* "$_r"/conf-enabled/*.conf "$_r"/conf.d/*.conf "${_r%/*}"/conf.d/*.conf
  else
    apache_conf /etc/apache2/apache2.conf /etc/apache2/sites-enabled/* /etc/apache2/conf-enabled/*.conf \
      /etc/httpd/conf/httpd.conf /etc/httpd/conf.d/*.conf
  fi
  set -f ;;
esac
case "$FKINDS " in *" haproxy "*) haproxy_conf "${HAPROXY_CONF:-${HAPROXY_CFG:-/etc/haproxy/haproxy.cfg}}" ;; esac
case "$FKINDS " in *" caddy "*) caddy_conf "${CADDY_CONF:-${CADDY_CFG:-/etc/caddy/Caddyfile}}" ;; esac
sec front-upstreams
printf '%s' "$FTARGETS"

# The logs to read (the usual places unless the inventory says), stat'ed with the sockets below.
[ -z "$LOGS" ] && LOGS="nginx-error|/var/log/nginx/error.log${NL}"
case "$LOGS" in *apache-error\|*) ;; *) for f in /var/log/apache2/error.log /var/log/httpd/error_log; do [ -e "$f" ] && LOGS="${LOGS}apache-error|$f${NL}" && break; done ;; esac
case "$LOGS" in *haproxy\|*) ;; *) [ -e /var/log/haproxy.log ] && LOGS="${LOGS}haproxy|/var/log/haproxy.log${NL}" ;; esac
case "$LOGS" in *php-fpm\|*) ;; *) set +f; for f in /var/log/php*-fpm.log /var/log/php-fpm/error.log; do [ -e "$f" ] && LOGS="${LOGS}php-fpm|$f${NL}" && break; done; set -f ;; esac
case "$LOGS" in *kernel\|*) ;; *) [ -e /var/log/kern.log ] && LOGS="${LOGS}kernel|/var/log/kern.log${NL}" ;; esac

# --- more log sources: RHEL's places, the audit log, the journal, containers, PM2 ----------------------
# RHEL and Fedora have no kern.log: the kernel's lines are in /var/log/messages. PHP's own errors (a database
# that refuses, an uncaught exception) go to the pool's error log. SELinux writes its denials to the audit log.
case "$LOGS" in *kernel\|*) ;; *) [ -e /var/log/messages ] && LOGS="${LOGS}kernel|/var/log/messages${NL}" ;; esac
case "$LOGS" in *app\|*|*app@php\|*) ;; *) [ -e /var/log/php-fpm/www-error.log ] && LOGS="${LOGS}app@php|/var/log/php-fpm/www-error.log${NL}" ;; esac
case "$LOGS" in *audit\|*) ;; *) [ -e /var/log/audit/audit.log ] && LOGS="${LOGS}audit|/var/log/audit/audit.log${NL}" ;; esac
# A backend with no file log is read from where its manager keeps its output: the journal for a systemd unit,
# 'docker logs' for a container, PM2's error file for a PM2 app. "app@UNIT": rules for 'app' read it.
HASJ=; [ "$INIT" = systemd ] && have journalctl && HASJ=1
while IFS='|' read -r name kind unit proc mgr; do
  [ -n "$name" ] || continue
  case $kind in php-fpm) ln=php-fpm ;; app|container|other) ln=app ;; *) continue ;; esac
  case "$NL$LOGS" in *"$NL$ln@$unit|"*) continue ;; esac
  case $mgr in
    '') # the journal holds every unit's output, so only when the inventory names no log of this kind
      case "$NL$LOGS" in *"$NL$ln|"*) continue ;; esac
      [ -n "$HASJ" ] && [ -z "$proc" ] && LOGS="$LOGS$ln@$unit|journal:$unit$NL" ;;
    docker) [ -n "$DOCKER_OK" ] && LOGS="$LOGS$ln@$unit|docker:$unit$NL" ;;
    pm2) # its pm_err_log_path, from the jlist read above: the first after '"name":"UNIT"'
      r=${PM2J#*\"name\":\"$unit\"}
      [ "$r" != "$PM2J" ] || continue
      case $r in *'"pm_err_log_path":"'*) r=${r#*\"pm_err_log_path\":\"}; r=${r%%\"*}; case $r in /*) LOGS="$LOGS$ln@$unit|$r$NL" ;; esac ;; esac ;;
  esac
done <<EOF
$SERVICES
EOF

# --- probes: every upstream, and the front -------------------------------------------------------
# The plan, one "address|directive" a line: named upstream blocks are probed through their servers,
# a target holding a variable is resolved per request and has nothing fixed to probe.
PLAN=
[ -n "$FRONT" ] && PLAN="$FRONT|front$NL"
while IFS='|' read -r k x t p; do
  case $k in
    server) PLAN="$PLAN$t|upstream:$x$NL" ;;
    pass) case $t in *'$'*) continue ;; esac
      h=${t#*://}; h=${h%%/*}
      case $t in
        unix:*|http://unix:*|https://unix:*) PLAN="$PLAN${t#*://}|$x$NL"; continue ;;
      esac
      case $h in *:*|'') ;; *) case "$NL$UPSTREAMS" in *"${NL}server|$h|"*) continue ;; esac ;; esac
      case "$x:$t" in proxy_pass:*) PLAN="$PLAN$t|$x$NL" ;; *) PLAN="$PLAN$h|$x$NL" ;; esac ;;
  esac
done <<EOF
$UPSTREAMS
EOF
PLAN="$PLAN$FPLAN"
# what the applications depend on (a database, a cache), as the inventory names it: a TCP connect from here
while IFS= read -r d; do [ -n "$d" ] && PLAN="$PLAN$d|depends-on$NL"; done <<EOF
$DEPS
EOF
# ms TIME: curl's seconds as whole milliseconds, into MS
ms() { s=${1%.*}; f=${1#*.}000; f=${f%"${f#???}"}; case "$s$f" in *[!0-9]*) MS= ;; *) MS=$((s * 1000 + 1$f - 1000)) ;; esac; }
# curl_result EXIT CODE SECONDS: the probe's result in the words the caller reads, into R
curl_result() {
  case $1 in
    0) R="http $2 $3" ;; 6) R=unresolvable ;; 7) R=refused ;; 28) R="timeout $2 $3" ;;
    52) R="empty-reply $2 $3" ;; 56) R="reset $2 $3" ;; *) R="failed curl-$1 $2 $3" ;;
  esac
}
probe_tcp() { # host port -> one result line, on standard output
  if have nc; then out=$(nc -zv -w "${3:-$PROBE_TIMEOUT}" "$1" "$2" 2>&1); rc=$?
  elif have bash; then out=$(lim "${3:-$PROBE_TIMEOUT}" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>&1); rc=$?
  else echo "untested no-nc"; return; fi
  if [ $rc = 0 ]; then echo open; return; fi
  case $out in
    *[Tt]imed\ out*) echo timeout ;; *[Rr]efused*) echo refused ;; *"o route"*) echo no-route ;;
    *getaddrinfo*|*"not known"*|*resolve*|*"No address"*) echo unresolvable ;;
    *) [ $rc = 124 ] && echo timeout || { printf 'failed '; printf '%.200s\n' "$out" | tr '\n\t|' '   '; } ;;
  esac
}
SOCKS=
while IFS='|' read -r a d; do
  case $a in unix:*) p=${a#unix:}; SOCKS="$SOCKS${p%%:*}$NL" ;; esac
done <<EOF
$PLAN
EOF
# one stat for the sockets and the logs: "path|size|mtime|owner|group|mode"
set --
while IFS= read -r p; do [ -n "$p" ] && set -- "$@" "$p"; done <<EOF
$SOCKS
EOF
while IFS='|' read -r name f; do [ -n "$name" ] && [ -e "$f" ] && set -- "$@" "$f"; done <<EOF
$LOGS
EOF
STAT=
[ $# -gt 0 ] && STAT=$(stat -c '%n|%s|%Y|%U|%G|%a' "$@" 2>/dev/null)
# stat_of PATH: its stat line without the path, into S
stat_of() {
  S=
  while IFS= read -r l; do case $l in "$1|"*) S=${l#"$1|"}; return ;; esac; done <<EOF
$STAT
EOF
}
# the section opens before the probes run: progress shows what is being waited for
sec probes
set --
while IFS='|' read -r a d; do
  case $a in http://*|https://*) set -- "$@" -o /dev/null "$a" ;; esac
done <<EOF
$PLAN
EOF
CURL=
if [ $# -gt 0 ] && have curl; then
  CURL=$(curl -s --parallel --parallel-immediate --parallel-max 64 --max-time "$PROBE_TIMEOUT" -H 'User-Agent: fiveohtwo-probe' \
    -w 'curl|%{exitcode}|%{http_code}|%{time_total}|%{url}\n' "$@" 2>/dev/null)
fi
{
  while IFS='|' read -r a d; do
    [ -n "$a" ] || continue
    case $a in
      unix:*) p=${a#unix:}; p=${p%%:*}
        if [ -S "$p" ]; then stat_of "$p"; r="socket ${S#*|*|}"
        elif [ -e "$p" ]; then r=not-a-socket
        elif [ -d "${p%/*}" ] && ! [ -x "${p%/*}" ]; then r=dir-unreadable
        else r=missing; fi
        printf 'probe|%s|%s|%s|\n' "$a" "$d" "$r" ;;
      http://*|https://*)
        R= MS=
        while IFS='|' read -r k e c t u; do
          [ "$k|$u" = "curl|$a" ] || continue
          case $e in *[!0-9]*|'') ;; *) curl_result "$e" "$c" "$t"; ms "$t" ;; esac
        done <<EOF
$CURL
EOF
        if [ -z "$R" ]; then # no curl, or one too old for --parallel and %{exitcode}: one probe at a time
          if have curl; then
            o=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time "$PROBE_TIMEOUT" -H 'User-Agent: fiveohtwo-probe' "$a" 2>/dev/null)
            e=$?; curl_result "$e" "${o% *}" "${o#* }"; ms "${o#* }"
          else
            hp=${a#*://}; hp=${hp%%/*}; case "$a" in https*) dp=443 ;; *) dp=80 ;; esac
            case "$hp" in *:*) R=$(probe_tcp "${hp%:*}" "${hp##*:}") ;; *) R=$(probe_tcp "$hp" "$dp") ;; esac
          fi
        fi
        printf 'probe|%s|%s|%s|%s\n' "$a" "$d" "$R" "$MS" ;;
      *:*) h=${a%:*}; h=${h#\[}; h=${h%]} # [::1]:8080: nc wants the address without brackets
        t=$PROBE_TIMEOUT; [ "$d" = depends-on ] && [ "$t" -gt 2 ] && t=2 # a dependency answers fast or not at all
        printf 'probe|%s|%s|%s|\n' "$a" "$d" "$(probe_tcp "$h" "${a##*:}" "$t")" & ;;
      *) case "$d" in fastcgi_pass) dp=9000 ;; *) dp=80 ;; esac
        printf 'probe|%s|%s|%s|\n' "$a" "$d" "$(probe_tcp "$a" "$dp")" & ;;
    esac
  done <<EOF
$PLAN
EOF
  wait
} 2>/dev/null

# --- logs: one reader each; the caller keeps the newest lines and cuts them -----------------------
sec log-files
KLOG=
while IFS='|' read -r name f; do
  [ -n "$name" ] || continue
  if [ ! -e "$f" ]; then st=missing; elif [ ! -r "$f" ]; then st=unreadable; else st=ok; fi
  S=; [ "$st" = missing ] || stat_of "$f"
  s=${S#*|}; s=${s%%|*}
  case $f in
    journal:*) if [ -n "$HASJ" ]; then st=ok; else st=unavailable; fi ;;
    docker:*) if [ -n "$DOCKER_OK" ]; then st=ok; else st=unavailable; fi ;;
  esac
  printf '%s|%s|%s|%s|%s\n' "$name" "$f" "$st" "${S%%|*}" "$s"
  [ "$name" = kernel ] && [ "$st" = ok ] && KLOG=$f
done <<EOF
$LOGS
EOF
# the journal and containers: one reader each, the last hour and at most 300 lines (what the caller keeps)
while IFS='|' read -r name f; do
  case $f in
    journal:*) [ -n "$HASJ" ] || continue; sec "log:$name"
      lim 5 journalctl -u "${f#journal:}" --since=-1h -n 300 -o short-iso --no-pager 2>&1 ;;
    docker:*) [ -n "$DOCKER_OK" ] || continue; sec "log:$name"
      lim 5 docker logs --since 1h --tail 300 -t "${f#docker:}" 2>&1 ;;
  esac
done <<EOF
$LOGS
EOF
while IFS='|' read -r name f; do
  [ -n "$name" ] && [ -r "$f" ] && [ -f "$f" ] || continue
  sec "log:$name"
  tail -c "$CAP" "$f" 2>/dev/null
done <<EOF
$LOGS
EOF

# --- kernel: OOM kills and crashes ---------------------------------------------------------------
sec oom
{
  if [ -n "$KLOG" ]; then tail -c 4194304 "$KLOG"
  elif { [ "$MYUID" = 0 ] || ! read -r r < /proc/sys/kernel/dmesg_restrict || [ "$r" = 0 ]; } 2>/dev/null && dmesg 2>/dev/null; then :
  elif have journalctl && lim 5 journalctl -k -q --no-pager -n 5000 -o short-iso 2>/dev/null; then :
  else echo "(kernel log not readable: dmesg restricted)"; fi
} | grep -iE 'out of memory|oom-kill|oom_reaper|killed process|segfault at|dmesg restricted'

# --- resources -----------------------------------------------------------------------------------
sec memory
{ while IFS= read -r l; do
    case $l in MemTotal:*|MemAvailable:*|MemFree:*|SwapTotal:*|SwapFree:*) printf '%s\n' "$l" ;; esac
  done < /proc/meminfo; } 2>/dev/null
sec load
{ read -r l < /proc/loadavg && printf '%s\n' "$l"; } 2>/dev/null
sec disk
set -- /
while IFS='|' read -r name f; do
  d=${f%/*}; [ -n "$name" ] && [ -d "$d" ] || continue
  seen=; for x in "$@"; do [ "$x" = "$d" ] && seen=1; done; [ -n "$seen" ] || set -- "$@" "$d"
done <<EOF
$LOGS
EOF
# GNU df says blocks and inodes in one run; others need two
if DF=$(df --output=pcent,avail,ipcent,iavail,target "$@" 2>/dev/null); then
  seen=$NL
  while IFS= read -r l; do
    set -- $l; [ $# -ge 5 ] || continue
    case $1 in *[0-9]%) ;; *) continue ;; esac
    bp=$1 ba=$2 ip=$3 ia=$4; shift 4; mnt="$*" # the mount point last: it may hold blanks
    case "$seen" in *"$NL$mnt$NL"*) continue ;; esac; seen="$seen$mnt$NL"
    printf 'blocks|%s|%s|%s\n' "$mnt" "$bp" "$ba"
    case $ip in *[0-9]%) printf 'inodes|%s|%s|%s\n' "$mnt" "$ip" "$ia" ;; esac
  done <<EOF
$DF
EOF
else
  DF=$(df -P "$@" 2>/dev/null); DFI=$(df -Pi "$@" 2>/dev/null)
  for m in blocks inodes; do
    if [ $m = blocks ]; then t=$DF; else t=$DFI; fi
    seen=$NL
    while IFS= read -r l; do
      set -- $l; [ $# -ge 6 ] || continue
      case $5 in *[0-9]%) ;; *) continue ;; esac
      case "$seen" in *"$NL$6$NL"*) continue ;; esac; seen="$seen$6$NL"
      printf '%s|%s|%s|%s\n' "$m" "$6" "$5" "$4"
    done <<EOF
$t
EOF
  done
fi
sec listeners
# at most 400 lines: a container host can have thousands of unix listeners
if have ss; then { ss -Hlnptx 2>/dev/null || ss -lnptx 2>/dev/null; } | { i=0; while [ $i -lt 400 ] && IFS= read -r l; do printf '%s\n' "$l"; i=$((i + 1)); done; }
elif have netstat; then netstat -lnpx 2>/dev/null; netstat -tlnp 2>/dev/null
else echo "(neither ss nor netstat)"; fi
sec connections
{ while IFS= read -r l; do printf '%s\n' "$l"; done < /proc/net/sockstat; } 2>/dev/null || echo "(no /proc/net/sockstat)"
sec limits
for pat in 'nginx: master' 'php-fpm: master'; do
  find_pid "$pat"
  [ -n "$FP" ] || continue
  soft= hard=
  { while IFS= read -r l; do
      case $l in "Max open files"*) set -- $l; soft=$4; hard=$5 ;; esac
    done < "/proc/$FP/limits"; } 2>/dev/null
  printf '%s|%s|%s|%s\n' "$pat" "$FP" "$soft" "$hard"
done
sec processes
n=0 z=0 shown=0
IFS=$NL; for l in $PS; do IFS=$OIFS
  case $l in *"nonce=$N"*|'') continue ;; esac
  n=$((n + 1)); set -- $l; case $3 in Z*) z=$((z + 1)) ;; esac
  case $l in *nginx*|*php-fpm*|*apache2*|*httpd*|*haproxy*|*caddy*|*traefik*|*envoy*|*gunicorn*|*uwsgi*|*node*|*java*|*python*|*ruby*|*puma*|*docker*)
    [ $shown -lt 60 ] && { shown=$((shown + 1)); printf '%.300s\n' "$l"; } ;;
  esac
done; IFS=$OIFS
echo "total=$n"
echo "zombies=$z"
sec containers
# the docker client alone costs more than the rest of this section: only when a daemon can answer
if have docker && { [ -S /var/run/docker.sock ] || [ -n "${DOCKER_HOST:-}" ]; }; then
  lim 5 docker ps -a --format '{{.Names}}|{{.Status}}|{{.Image}}|{{.Ports}}' 2>&1
elif have docker; then echo "(docker: no daemon socket)"
else echo "(no docker)"; fi
# --- SELinux: whether it enforces, and the boolean that lets a web server connect to any port -----------
if [ -d /sys/fs/selinux ] || have getenforce; then
  sec selinux
  e=; { read -r e < /sys/fs/selinux/enforce; } 2>/dev/null
  case $e in 1) echo "mode=Enforcing" ;; 0) echo "mode=Permissive" ;; *) have getenforce && echo "mode=$(getenforce 2>/dev/null)" ;; esac
  b=; { read -r b _ < /sys/fs/selinux/booleans/httpd_can_network_connect; } 2>/dev/null
  case $b in 1) echo "httpd_can_network_connect=on" ;; 0) echo "httpd_can_network_connect=off" ;;
    *) have getsebool && getsebool httpd_can_network_connect 2>/dev/null ;; esac
fi
sec end
