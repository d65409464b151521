#!/bin/sh
# Runs the built OCI image without a container engine: unpacks its layers into a root filesystem and runs
# the image's own entrypoint there with chroot, as the image's user. Run as root.
#   deploy/image/smoke.sh target/fiveohtwo-image.tar kb validate
set -eu
image=${1:?image tarball}; shift
[ "$(id -u)" = 0 ] || { echo "smoke: run as root" >&2; exit 2; }
work=$(mktemp -d)
cleanup() { umount "$work/rootfs/proc" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/oci" "$work/rootfs"
tar -xf "$image" -C "$work/oci"
python3 - "$work/oci" "$work/rootfs" "$work/run" "$@" <<'PY'
import json, os, shlex, sys, tarfile
oci, rootfs, run, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
blob = lambda d: os.path.join(oci, "blobs", "sha256", d.split(":")[1])
index = json.load(open(os.path.join(oci, "index.json")))
manifest = json.load(open(blob(index["manifests"][0]["digest"])))
config = json.load(open(blob(manifest["config"]["digest"])))["config"]
for layer in manifest["layers"]:
    with tarfile.open(blob(layer["digest"])) as t:
        t.extractall(rootfs, filter="fully_trusted") if hasattr(tarfile, "fully_trusted_filter") else t.extractall(rootfs)
command = config["Entrypoint"] + (args or config.get("Cmd", []))
with open(run, "w") as f:
    f.write("cd %s && exec %s\n" % (shlex.quote(config.get("WorkingDir", "/")), " ".join(shlex.quote(c) for c in command)))
    f.write("#user=%s\n" % config.get("User", "0:0"))
PY
user=$(sed -n 's/^#user=//p' "$work/run")
mkdir -p "$work/rootfs/proc" "$work/rootfs/tmp"
chmod 1777 "$work/rootfs/tmp"
mount -t proc proc "$work/rootfs/proc"
cp "$work/run" "$work/rootfs/tmp/run.sh"
chroot --userspec="$user" "$work/rootfs" /bin/sh /tmp/run.sh
