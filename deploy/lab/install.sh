#!/bin/sh
# Installs what the fiveohtwo lab needs on Debian/Ubuntu (run as root): OpenSSH, the fronts (nginx, Apache with
# mod_proxy_fcgi/mod_proxy_http, HAProxy, Caddy), php-fpm, uwsgi and gunicorn as app servers, curl/nc for the
# collector's probes, python3 for the small HTTP upstream, sudo, stress-ng for the lab under load, and
# Prometheus, Alertmanager and blackbox_exporter for the alert lab test.
set -eu
export DEBIAN_FRONTEND=noninteractive
need=""
for p in openssh-server openssh-client nginx apache2 haproxy caddy php-fpm uwsgi-core uwsgi-plugin-python3 gunicorn \
    curl netcat-openbsd python3 sudo procps iproute2 debootstrap stress-ng \
    prometheus prometheus-alertmanager prometheus-blackbox-exporter; do
  dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
  # Packages must not start their stock services: Apache, HAProxy and Caddy would take port 80 on every address.
  # policy-rc.d answering 101 ("action forbidden") stops invoke-rc.d from starting them; the lab runs its own.
  policy=/usr/sbin/policy-rc.d
  had_policy=no
  [ -e "$policy" ] && had_policy=yes
  if [ "$had_policy" = no ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT INT TERM
  fi
  apt-get update -qq
  # shellcheck disable=SC2086 # a list of package names
  apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
# Where a service manager started a stock service anyway, stop it: the lab runs its own instances on loopback.
for s in nginx apache2 haproxy caddy php*-fpm uwsgi ssh prometheus prometheus-alertmanager prometheus-blackbox-exporter; do service "$s" stop >/dev/null 2>&1 || true; done
command -v systemctl >/dev/null 2>&1 && systemctl disable --now apache2 haproxy caddy prometheus prometheus-alertmanager prometheus-blackbox-exporter >/dev/null 2>&1 || true
# The modules the Apache scenarios load from the lab's own configuration.
for m in proxy proxy_fcgi proxy_http; do [ -e "/usr/lib/apache2/modules/mod_$m.so" ] || { echo "install: mod_$m missing" >&2; exit 1; }; done
echo "lab packages installed"
