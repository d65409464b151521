#!/bin/sh
# Installs what the fiveohtwo lab needs on Debian/Ubuntu (run as root): OpenSSH, nginx, php-fpm,
# curl/nc for the collector's probes, python3 for the small HTTP upstream, sudo, stress-ng for the lab under load,
# Prometheus, Alertmanager and blackbox_exporter for the alert lab test.
set -eu
export DEBIAN_FRONTEND=noninteractive
need=""
for p in openssh-server openssh-client nginx php-fpm curl netcat-openbsd python3 sudo procps iproute2 debootstrap stress-ng \
    prometheus prometheus-alertmanager prometheus-blackbox-exporter; do
  dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
  apt-get update -qq
  # shellcheck disable=SC2086 # a list of package names
  apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
# Debian starts the stock services on install where it can; the lab runs its own instances.
for s in nginx php*-fpm ssh prometheus prometheus-alertmanager prometheus-blackbox-exporter; do service "$s" stop >/dev/null 2>&1 || true; done
echo "lab packages installed"
