#!/usr/bin/env bash
# The test of install.sh on a fresh Debian 12 root: install, HTTPS answers, a ticket made, a second
# run changes nothing, --upgrade to a newer release keeps the ticket, an upgrade to a release that
# never becomes ready goes back to the previous one, --uninstall keeps the data.
#
#   sudo distribution/src/test/install/run.sh [distribution/target/relaydesk-VERSION.tar.gz]
#
# Needs root, mmdebstrap and unshare, and Debian's package mirror (the fresh root installs its JRE,
# PostgreSQL and nginx). The root shares this machine's network, so ports 80, 443 and 8080 must be
# free (PostgreSQL takes the next free port if 5432 is taken). Takes about five minutes; not part of
# the Maven build for that reason (docs/operator-guide.md says how it was run).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
tarball=$(readlink -f "${1:-$(find "$repo/distribution/target" -maxdepth 1 -name 'relaydesk-*.tar.gz' | head -n 1)}")
work=${WORK:-/var/tmp/relaydesk-install-test}
case "$work" in /|/root|/home|/var|/var/tmp|/tmp|"") echo "WORK=$work would be wiped: choose a folder of its own" >&2; exit 1 ;; esac
root=$work/root
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }
command -v mmdebstrap >/dev/null || { echo "needs mmdebstrap (apt-get install mmdebstrap)" >&2; exit 1; }

mkdir -p "$work"
if [ ! -f "$work/debian-12.tar" ]; then
  mmdebstrap --variant=minbase --mode=root bookworm "$work/debian-12.tar" http://deb.debian.org/debian
fi
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$work/debian-12.tar"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# what a Debian installation has and a bootstrapped root lacks (the machine's own name is left out:
# install.sh must cope with a name that does not resolve, as on some cloud images)
printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"

# three releases: the build, the same build as a newer version, and a newer one whose server cannot deploy
top=$( (tar tzf "$tarball" 2>/dev/null || true) | sed -n '1{s|/.*||;p;q}')
version=${top#relaydesk-}
scratch=$(mktemp -d)
tar -C "$scratch" -xzf "$tarball"
cp "$tarball" "$root/root/relaydesk-$version.tar.gz"
mv "$scratch/$top" "$scratch/relaydesk-$version-next"
tar -C "$scratch" -czf "$root/root/relaydesk-$version-next.tar.gz" "relaydesk-$version-next"
mv "$scratch/relaydesk-$version-next" "$scratch/relaydesk-$version-broken"
: > "$scratch/relaydesk-$version-broken/lib/relaydesk.war"
tar -C "$scratch" -czf "$root/root/relaydesk-$version-broken.tar.gz" "relaydesk-$version-broken"
rm -rf "$scratch"
cp "$repo/install.sh" "$root/root/install.sh"
cp "$here/inside.sh" "$root/root/inside.sh"

# own mount and process namespaces: everything the test starts ends with it
unshare --mount --pid --fork --kill-child bash -c "
  set -e
  mount -t proc proc '$root/proc'
  mount --rbind /dev '$root/dev'
  mount -t sysfs sys '$root/sys'
  mount -t tmpfs tmpfs '$root/run'
  chroot '$root' /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root bash /root/inside.sh '$version'
"
echo "install.sh test passed"
