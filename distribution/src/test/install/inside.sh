#!/usr/bin/env bash
# Runs inside the fresh Debian root prepared by run.sh: install.sh as an operator would use it,
# with checks of what they would notice. Stops at the first failure.
set -euo pipefail
version=$1
cd /root

fail() { echo "FAILED: $*" >&2; exit 1; }
step() { printf '\n### %s (at %d s)\n' "$*" "$SECONDS"; }

login() { # login PASSWORD → bearer token
  curl -fsk -H 'Content-Type: application/json' -d "{\"email\":\"admin@example.test\",\"password\":\"$1\"}" \
    https://127.0.0.1/api/auth/login | grep -o '"token":"[^"]*"' | cut -d'"' -f4
}

step "install on a fresh Debian 12"
./install.sh --from "relaydesk-$version.tar.gz" --email admin@example.test 2>&1 | tee install-1.log
password=$(sed -n 's/.* with the password \([^ ]*\)$/\1/p' install-1.log)
[ -n "$password" ] || fail "the admin's password was not printed"
grep -q "is ready at https://" install-1.log || fail "no HTTPS address printed"
echo "Fresh root to HTTPS ready: $SECONDS s (packages downloaded, not cached)"

step "HTTPS answers through nginx; plain HTTP redirects to it"
curl -fsk https://127.0.0.1/health/ready | grep -q '"database"' || fail "/health/ready over HTTPS"
redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' http://127.0.0.1/login)
[[ $redirect == "301 https://"* ]] || fail "HTTP did not redirect to HTTPS: $redirect"
curl -sk -o /dev/null -w '%{http_code}' https://127.0.0.1/login | grep -q 200 || fail "the sign-in page"

step "files and rights"
[ "$(stat -c '%U %a' /etc/relaydesk/secret.key)" = "relaydesk 600" ] || fail "secret key rights: $(stat -c '%U %a' /etc/relaydesk/secret.key)"
[ "$(stat -c '%U:%G %a' /etc/relaydesk/relaydesk.conf)" = "root:relaydesk 640" ] || fail "configuration rights"
[ ! -e /etc/relaydesk/first-admin.env ] || fail "the first admin's password was left on disk"
ps -o user= -p "$(cut -d' ' -f1 /var/lib/relaydesk/relaydesk.pid)" | grep -q relaydesk || fail "Relaydesk does not run as its own user"

step "sign in with the printed password and make a ticket"
token=$(login "$password")
[ -n "$token" ] || fail "could not sign in with the printed password"
curl -fsk -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"subject":"Installed and working","description":"Made over HTTPS","requester_email":"customer@example.test"}' \
  https://127.0.0.1/api/tickets > /dev/null || fail "creating a ticket"
ticket_listed() {
  curl -fsk -H "Authorization: Bearer $(login "$password")" 'https://127.0.0.1/api/tickets?q=Installed' | grep -q 'Installed and working'
}
ticket_listed || fail "the ticket is not listed"

step "a second run changes nothing"
pid=$(cut -d' ' -f1 /var/lib/relaydesk/relaydesk.pid)
./install.sh --from "relaydesk-$version.tar.gz" --email admin@example.test 2>&1 | tee install-2.log
grep -q "Nothing to change" install-2.log || fail "the second run changed something"
[ "$(cut -d' ' -f1 /var/lib/relaydesk/relaydesk.pid)" = "$pid" ] || fail "the second run restarted Relaydesk"
! grep -q "with the password" install-2.log || fail "the second run printed a new password"

step "--upgrade to a newer release keeps the data"
./install.sh --upgrade --from "relaydesk-$version-next.tar.gz" 2>&1 | tee upgrade.log
[ "$(basename "$(readlink -f /opt/relaydesk/current)")" = "$version-next" ] || fail "current is not the new release"
ls /var/lib/relaydesk/backups/before-upgrade-"$version"-to-"$version"-next-*.zip > /dev/null || fail "no backup before the upgrade"
ticket_listed || fail "the ticket is gone after the upgrade"

step "an upgrade that never becomes ready goes back"
if ./install.sh --upgrade --from "relaydesk-$version-broken.tar.gz" --ready-timeout 90 2>&1 | tee broken.log; then
  fail "a failed upgrade reported success"
fi
grep -q "runs again" broken.log || fail "the failed upgrade did not say it went back"
[ "$(basename "$(readlink -f /opt/relaydesk/current)")" = "$version-next" ] || fail "current was not put back"
curl -fsk https://127.0.0.1/health/ready | grep -q '"database"' || fail "not ready after going back"
ticket_listed || fail "the ticket is gone after going back"

step "--uninstall keeps data, configuration and database"
./install.sh --uninstall 2>&1 | tee uninstall.log
[ ! -e /opt/relaydesk ] || fail "/opt/relaydesk is still there"
if [ ! -f /etc/relaydesk/secret.key ] || [ ! -d /var/lib/relaydesk/backups ]; then fail "data or configuration removed without --purge"; fi
if ./install.sh --uninstall --purge 2>/dev/null; then fail "--purge without --force was allowed"; fi
(cd / && runuser -u postgres -- psql -p "$(pg_lsclusters --no-header | awk '{print $3; exit}')" -tAc \
  "SELECT 1 FROM pg_database WHERE datname = 'relaydesk'") | grep -q 1 || fail "the database was dropped"

echo
echo "ALL CHECKS PASSED"
