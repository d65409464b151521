#!/bin/sh
# Lets fiveohtwo onto this server with least privilege. Run as root; safe to run again.
#
#   deploy/server/setup.sh --public-key 'ssh-ed25519 AAAA... fiveohtwo' \
#       --restart 'systemctl restart nginx' --restart 'systemctl restart php8.2-fpm' [--user fiveohtwo] [--dry-run]
#
# It creates a system user (default 'fiveohtwo') that logs in with the bot's key only, adds it to the groups
# that may read the web server's logs ('adm' on Debian/Ubuntu), and installs /etc/sudoers.d/<user> allowing
# exactly the given restart commands and 'nginx -T' (read-only), each with its arguments spelled out: no
# wildcards, no shell. The drop-in is checked with 'visudo -c' before it is installed.
# --dry-run prints what would be done and the sudoers file, and changes nothing.
set -eu

USER_NAME=fiveohtwo
KEY=
DRY=
RESTARTS=
NL='
'
die() { echo "setup: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --user) USER_NAME=${2:?}; shift 2 ;;
    --public-key) KEY=${2:?}; shift 2 ;;
    --restart) RESTARTS="$RESTARTS${2:?}$NL"; shift 2 ;;
    --dry-run) DRY=1; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

case "$USER_NAME" in ''|*[!a-z0-9_-]*) die "--user must be lower-case letters, digits, '_' or '-'" ;; esac
[ -f "$KEY" ] && KEY=$(cat "$KEY")
case "$KEY" in
  ssh-ed25519\ *|ecdsa-sha2-*\ *|rsa-sha2-*\ *|ssh-rsa\ *) ;;
  *) die "--public-key must be an OpenSSH public key line or a file holding one" ;;
esac
case "$KEY" in *"$NL"*) die "--public-key must be one line" ;; esac
[ -n "$DRY" ] || [ "$(id -u)" = 0 ] || die "run as root (or with --dry-run)"

# One sudoers line per command: an absolute program and literal arguments, nothing sudo would expand.
sudo_line() { # command
  cmd=$1
  case "$cmd" in
    *[\*\?\[\]\\\,\:\=\!\;\|\&\$\`\<\>\(\)\"\'\#]*) die "refusing '$cmd': sudoers wildcards and shell characters are not allowed" ;;
  esac
  # shellcheck disable=SC2086 # split into words on purpose: a command line of plain words
  set -- $cmd
  [ $# -ge 1 ] || die "empty restart command"
  prog=$1; shift
  case "$prog" in
    sudo) die "give the command without 'sudo' (fiveohtwo adds it): '$cmd'" ;;
    /*) path=$prog ;;
    *) path=$(PATH="$PATH:/usr/sbin:/sbin" command -v "$prog" 2>/dev/null) || die "'$prog' is not installed here" ;;
  esac
  printf '%s ALL=(root) NOPASSWD: %s' "$USER_NAME" "$path"
  for a in "$@"; do printf ' %s' "$a"; done
  printf '\n'
}

SUDOERS="# fiveohtwo: exactly these commands, nothing else. Written by deploy/server/setup.sh.
Defaults:$USER_NAME !requiretty, !lecture
"
NGINX=$(PATH="$PATH:/usr/sbin:/sbin" command -v nginx 2>/dev/null || true)
[ -n "$NGINX" ] && SUDOERS="$SUDOERS$(sudo_line "$NGINX -T")$NL"
printf '%s' "$RESTARTS" | while IFS= read -r c; do [ -n "$c" ] && sudo_line "$c"; done > /dev/null # validate first
RESTART_LINES=$(printf '%s' "$RESTARTS" | while IFS= read -r c; do [ -n "$c" ] && sudo_line "$c"; done)
SUDOERS="$SUDOERS$RESTART_LINES$NL"

if [ -n "$DRY" ]; then
  echo "would create system user $USER_NAME (login with its key only), add it to: adm systemd-journal (where they exist)"
  echo "would install /etc/sudoers.d/$USER_NAME:"
  printf '%s' "$SUDOERS" | sed 's/^/  /'
  exit 0
fi

if ! id "$USER_NAME" >/dev/null 2>&1; then
  useradd --system --create-home --shell /bin/sh --user-group "$USER_NAME"
fi
usermod -p '*' "$USER_NAME"   # no password at all, yet not "locked" (sshd without PAM refuses locked accounts)
for g in adm systemd-journal; do getent group "$g" >/dev/null && usermod -a -G "$g" "$USER_NAME"; done
home=$(getent passwd "$USER_NAME" | cut -d: -f6)
install -d -m 700 -o "$USER_NAME" -g "$USER_NAME" "$home/.ssh"
printf '%s\n' "$KEY" > "$home/.ssh/authorized_keys.new"
chown "$USER_NAME:$USER_NAME" "$home/.ssh/authorized_keys.new"
chmod 600 "$home/.ssh/authorized_keys.new"
mv "$home/.ssh/authorized_keys.new" "$home/.ssh/authorized_keys"

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
printf '%s' "$SUDOERS" > "$tmp"
visudo -c -q -f "$tmp" || die "the generated sudoers file does not pass visudo -c; nothing installed"
install -m 0440 -o root -g root "$tmp" "/etc/sudoers.d/$USER_NAME"
echo "setup: $USER_NAME ready; sudo allows: $(grep -c NOPASSWD "/etc/sudoers.d/$USER_NAME") command(s)"
