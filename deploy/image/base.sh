#!/bin/sh
# Builds the base image of fiveohtwo's container without a Docker daemon or a registry: a minimal Debian
# (bookworm) with OpenJDK 17's headless JRE and the OpenSSH client, from Debian's packages, written as a
# docker-archive tarball that Jib builds on (from.image = tar://...). Run as root (debootstrap).
#   deploy/image/base.sh target/base-image.tar
# Pinning: the Debian suite (bookworm) and the package set are fixed here; the digest of the result is printed.
set -eu
out=${1:-target/base-image.tar}
suite=bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" = 0 ] || { echo "base: run as root" >&2; exit 2; }
mkdir -p "$(dirname "$out")"
command -v debootstrap >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates,openssh-client "$suite" "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
# what an image does not need: caches, docs, apt lists
rm -rf "$work/rootfs/var/cache/apt/archives"/*.deb "$work/rootfs/var/lib/apt/lists"/* "$work/rootfs/usr/share/doc" "$work/rootfs/usr/share/man"
# java finds its libraries through /proc/self/exe, as it will in a container
mount -t proc proc "$work/rootfs/proc"
ok=0; chroot "$work/rootfs" /usr/bin/java -version >/dev/null 2>&1 && ok=1
umount "$work/rootfs/proc"
[ $ok = 1 ] || { echo "base: java does not run in the image" >&2; exit 1; }
python3 - "$work/rootfs" "$out" <<'PY'
import hashlib, io, json, os, sys, tarfile, time
rootfs, out = sys.argv[1], sys.argv[2]
layer = os.path.join(os.path.dirname(os.path.abspath(out)) or ".", "base-layer.tar")
with tarfile.open(layer, "w", format=tarfile.PAX_FORMAT) as t:
    for name in sorted(os.listdir(rootfs)):
        t.add(os.path.join(rootfs, name), arcname=name, recursive=True)
h = hashlib.sha256()
with open(layer, "rb") as f:
    for chunk in iter(lambda: f.read(1 << 20), b""):
        h.update(chunk)
diff_id = "sha256:" + h.hexdigest()
config = {"architecture": "amd64", "os": "linux",
          "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"]},
          "rootfs": {"type": "layers", "diff_ids": [diff_id]},
          "history": [{"created_by": "deploy/image/base.sh: debootstrap bookworm minbase + openjdk-17-jre-headless"}]}
config_bytes = json.dumps(config, sort_keys=True).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
manifest = [{"Config": config_name, "RepoTags": ["fiveohtwo-base:bookworm-jre17"], "Layers": ["layer.tar"]}]
with tarfile.open(out, "w") as t:
    for name, data in ((config_name, config_bytes), ("manifest.json", json.dumps(manifest).encode())):
        info = tarfile.TarInfo(name); info.size = len(data); info.mtime = int(time.time()); t.addfile(info, io.BytesIO(data))
    t.add(layer, arcname="layer.tar")
os.remove(layer)
print("base: wrote", out, "layer", diff_id)
PY
