#!/usr/bin/env bash
# Relaydesk installer for Debian 12/13 and Ubuntu 22.04/24.04: a JRE, PostgreSQL (or yours), a
# 'relaydesk' system user, the release under /opt/relaydesk, configuration under /etc/relaydesk,
# data under /var/lib/relaydesk, a systemd service, and nginx in front with TLS.
# Run it again to repair; --upgrade to install a newer release; --uninstall to remove it.
# See docs/operator-guide.md ("Installing with install.sh").
set -euo pipefail
umask 022

PREFIX=/opt/relaydesk
CONF_DIR=/etc/relaydesk
CONF_FILE=$CONF_DIR/relaydesk.conf
FIRST_ADMIN_ENV=$CONF_DIR/first-admin.env
DATA_DIR=/var/lib/relaydesk
LOG_DIR=/var/log/relaydesk
UNIT_FILE=/etc/systemd/system/relaydesk.service
NGINX_SITE=/etc/nginx/sites-available/relaydesk
NGINX_LINK=/etc/nginx/sites-enabled/relaydesk
TLS_DIR=$CONF_DIR/tls
SERVICE_USER=relaydesk
DB_NAME=relaydesk
KEEP_RELEASES=3

from=""
domain=""
email=""
db_url=""
db_user=""
db_password=""
app_port=8080
http_port=80
https_port=443
ready_timeout=300
action=install
purge=false
force=false

usage() {
  cat <<'EOF'
Usage: sudo ./install.sh [options]

  --from FILE          the relaydesk-VERSION.tar.gz to install (default: the distribution this
                       script belongs to, or the only relaydesk-*.tar.gz beside it)
  --domain NAME        the public host name (default: this machine's name)
  --email ADDRESS      the first admin's email; with --domain, also the Let's Encrypt contact:
                       both together get a certificate through certbot instead of a self-signed one
  --db-url URL         use this PostgreSQL (jdbc:postgresql://HOST:PORT/DB) instead of installing one,
                       with --db-user and --db-password
  --app-port N         the port Relaydesk listens on, on 127.0.0.1 only (default 8080)
  --http-port N        nginx's plain HTTP port, which redirects to HTTPS (default 80)
  --https-port N       nginx's HTTPS port (default 443)
  --ready-timeout S    how long to wait for Relaydesk to become ready (default 300)
  --upgrade            install --from as a new release: back up first, keep configuration and
                       plugins, migrate, and go back to the previous release if it does not become ready
  --uninstall          remove the service, the releases and the nginx site; keep the configuration,
                       the data and the database
  --purge              with --uninstall and --force: delete the configuration, the data, the
                       database and the user as well
  --force              allow what cannot be undone
  -h, --help           this text
EOF
}

say() { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --from) from=${2:?--from needs a file}; shift 2 ;;
    --domain) domain=${2:?--domain needs a name}; shift 2 ;;
    --email) email=${2:?--email needs an address}; shift 2 ;;
    --db-url) db_url=${2:?--db-url needs a URL}; shift 2 ;;
    --db-user) db_user=${2:?--db-user needs a name}; shift 2 ;;
    --db-password) db_password=${2:?--db-password needs a value}; shift 2 ;;
    --app-port) app_port=${2:?--app-port needs a number}; shift 2 ;;
    --http-port) http_port=${2:?--http-port needs a number}; shift 2 ;;
    --https-port) https_port=${2:?--https-port needs a number}; shift 2 ;;
    --ready-timeout) ready_timeout=${2:?--ready-timeout needs seconds}; shift 2 ;;
    --upgrade) action=upgrade; shift ;;
    --uninstall) action=uninstall; shift ;;
    --purge) purge=true; shift ;;
    --force) force=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

for number in "$app_port" "$http_port" "$https_port" "$ready_timeout"; do
  [[ $number =~ ^[0-9]{1,5}$ ]] || die "not a number: $number"
done
if [ -n "$domain" ] && ! [[ $domain =~ ^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$ ]]; then
  die "not a host name: $domain"
fi
if [ -n "$email" ] && ! [[ $email =~ ^[^[:space:]@\"\'\\]+@[A-Za-z0-9.-]+$ ]]; then
  die "not an email address: $email"
fi
if [ -n "$db_url" ] && ! [[ $db_url =~ ^jdbc:postgresql://[A-Za-z0-9._:/?\&=%-]+$ ]]; then
  die "--db-url must be a jdbc:postgresql://HOST:PORT/DATABASE URL"
fi
# written into a properties file: no line breaks, backslashes or other control characters
for value in "$db_user" "$db_password"; do
  if [[ $value == *[[:cntrl:]\\]* ]]; then die "--db-user and --db-password may not hold control characters or backslashes"; fi
done
[ "$(id -u)" -eq 0 ] || die "run it as root (sudo ./install.sh)"

# ---------------------------------------------------------------- the machine

check_system() {
  [ -r /etc/os-release ] || die "cannot tell which system this is (no /etc/os-release)"
  # shellcheck disable=SC1091
  . /etc/os-release
  case "${ID:-}:${VERSION_ID:-}" in
    debian:12|debian:13|ubuntu:22.04|ubuntu:24.04) ;;
    *) if [ "$force" = true ]; then warn "untested system ${PRETTY_NAME:-unknown}; going on (--force)"
       else die "supported: Debian 12/13, Ubuntu 22.04/24.04; this is ${PRETTY_NAME:-unknown} (--force to try anyway)"; fi ;;
  esac
}

has_systemd() { [ -d /run/systemd/system ]; }

# Root makes or changes this directory; refused if it is a link (inside the service user's folders, a
# link would let that user point root's next write anywhere).
own_dir() { # own_dir PATH MODE OWNER GROUP
  if [ -L "$1" ]; then die "$1 is a symbolic link; refusing to touch it (remove it and run again)"; fi
  install -d -m "$2" -o "$3" -g "$4" "$1"
}

# The application server asks for this machine's own address by its name at start, and stops if the
# name does not resolve (a fresh image or container without it in /etc/hosts): Debian's convention.
ensure_hostname_resolves() {
  local name
  name=$(hostname)
  if ! getent hosts "$name" >/dev/null 2>&1; then
    say "Adding $name to /etc/hosts (127.0.1.1), so that this machine's name resolves"
    printf '127.0.1.1\t%s\n' "$name" >> /etc/hosts
  fi
}

apt_updated=false
apt_update_once() {
  if [ "$apt_updated" = false ]; then
    say "Updating the package lists"
    apt-get update -qq
    apt_updated=true
  fi
}

need_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  apt_update_once
  say "Installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

java_major() {
  command -v java >/dev/null 2>&1 || { echo 0; return; }
  java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

install_java() {
  local major
  major=$(java_major)
  if [ "${major:-0}" -ge 17 ]; then return 0; fi
  apt_update_once
  if apt-cache show openjdk-17-jre-headless >/dev/null 2>&1; then need_packages openjdk-17-jre-headless
  else need_packages openjdk-21-jre-headless; fi
  [ "$(java_major)" -ge 17 ] || die "no Java 17 or newer after installing it"
}

# ---------------------------------------------------------------- services

service_do() { # service_do NAME start|stop|reload|restart
  if has_systemd; then systemctl "$2" "$1" || die "systemctl $2 $1 failed (journalctl -u $1 says why)"
  else service "$1" "$2" >/dev/null || die "service $1 $2 failed (see its log under /var/log)"; fi
}

relaydesk_cmd() { # a bin/relaydesk command as the service user, with the installation's configuration
  (cd / && runuser -u "$SERVICE_USER" -- env RELAYDESK_CONF="$CONF_FILE" "$PREFIX/current/bin/relaydesk" "$@")
}

relaydesk_running() {
  if has_systemd; then systemctl is-active --quiet relaydesk; else relaydesk_cmd status >/dev/null 2>&1 || [ $? -eq 1 ]; fi
}

start_relaydesk() {
  if has_systemd; then
    systemctl daemon-reload
    systemctl enable --quiet relaydesk
    systemctl start relaydesk
  else
    # No systemd (a container): started in the background; it will not come back after a reboot.
    local -a admin=()
    if [ -f "$FIRST_ADMIN_ENV" ]; then
      while IFS= read -r line; do [ -n "$line" ] && admin+=("$line"); done < "$FIRST_ADMIN_ENV"
    fi
    # the log is opened by the service user (root appending in its folder could be led elsewhere), and
    # no descriptor of this script stays open in the background
    # shellcheck disable=SC2016 # $0 and $1 are the inner shell's
    (cd / && exec runuser -u "$SERVICE_USER" -- env RELAYDESK_CONF="$CONF_FILE" "${admin[@]}" \
      setsid nohup sh -c 'exec "$0" start >> "$1" 2>&1' "$PREFIX/current/bin/relaydesk" "$LOG_DIR/relaydesk.log") \
      > /dev/null 2>&1 < /dev/null &
  fi
}

stop_relaydesk() {
  if has_systemd; then systemctl stop relaydesk || true
  elif [ -e "$PREFIX/current/bin/relaydesk" ]; then relaydesk_cmd stop >/dev/null 2>&1 || true; fi
}

wait_until_ready() {
  local deadline=$((SECONDS + ready_timeout))
  while [ $SECONDS -lt $deadline ]; do
    if curl -fsk --max-time 5 "https://127.0.0.1:$https_port/health/ready" 2>/dev/null | grep -q '"database"'; then return 0; fi
    sleep 2
  done
  return 1
}

# ---------------------------------------------------------------- files

changed=()        # what Relaydesk reads: a change restarts it
nginx_changed=false
put_changed=false
# put_file DEST MODE OWNER: stdin becomes DEST, only when it differs (so a second run changes nothing)
put_file() {
  local dest=$1 mode=$2 owner=$3 tmp
  tmp=$(mktemp)
  cat > "$tmp"
  put_changed=false
  if [ -f "$dest" ] && cmp -s "$tmp" "$dest"; then
    rm -f "$tmp"
  else
    install -D -m "$mode" -o "${owner%%:*}" -g "${owner##*:}" "$tmp" "$dest"
    rm -f "$tmp"
    put_changed=true
  fi
  chmod "$mode" "$dest"
  chown "$owner" "$dest"
}

conf_get() { # conf_get KEY: a value of the installed configuration
  [ -f "$CONF_FILE" ] || return 0
  sed -n "s/^$1=//p" "$CONF_FILE" | tail -n 1
}

random_secret() { openssl rand -base64 "$1" | tr -d '\n/+=' | cut -c1-"$2"; }

# ---------------------------------------------------------------- the release

tarball=""
release=""
source_dir=""
# The release to install: --from a tarball, the unpacked distribution this script came in, or the
# one tarball beside it.
find_tarball() {
  local here
  here=$(cd "$(dirname "$0")" && pwd)
  if [ -z "$from" ] && [ -x "$here/bin/relaydesk" ] && [ -f "$here/lib/relaydesk.war" ]; then
    source_dir=$here
    [[ $(basename "$here") =~ ^relaydesk-[A-Za-z0-9._-]+$ ]] || die "$here is not named relaydesk-VERSION; use --from"
    release=$(basename "$here")
    release=${release#relaydesk-}
    return 0
  fi
  if [ -n "$from" ]; then
    tarball=$(readlink -f "$from")
  else
    local found=()
    while IFS= read -r file; do found+=("$file"); done < <(find "$here" "$here/.." -maxdepth 1 -name 'relaydesk-*.tar.gz' 2>/dev/null | sort -u)
    [ ${#found[@]} -eq 1 ] || die "say which distribution to install: --from relaydesk-VERSION.tar.gz"
    tarball=$(readlink -f "${found[0]}")
  fi
  [ -f "$tarball" ] || die "no such file: $tarball"
  local top
  # the first entry names the release; tar then stops on the closed pipe, which is no error
  top=$( (tar tzf "$tarball" 2>/dev/null || true) | sed -n '1{s|/.*||;p;q}')
  [[ $top =~ ^relaydesk-[A-Za-z0-9._-]+$ ]] || die "$tarball is not a Relaydesk distribution"
  release=${top#relaydesk-}
}

# What the release is made of, to tell whether the one installed under its name is the same.
release_fingerprint() {
  if [ -n "$source_dir" ]; then
    (cd "$source_dir" && find bin lib plugins docs -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
  else
    sha256sum "$tarball" | cut -d' ' -f1
  fi
}

unpack_release() {
  local target=$PREFIX/releases/$release sum tmp
  sum=$(release_fingerprint)
  if [ -f "$target/.release-sha256" ] && [ "$(cat "$target/.release-sha256")" = "$sum" ]; then return 0; fi
  if [ -d "$target" ] && [ "$(readlink -f "$PREFIX/current")" = "$target" ]; then
    die "Relaydesk $release is installed with other content; replacing the running release is an upgrade (without a backup of its own here): rename the new build or run with --upgrade from another version"
  fi
  say "Installing Relaydesk $release into $target"
  tmp=$(mktemp -d "$PREFIX/releases/.unpack-XXXXXX")
  if [ -n "$source_dir" ]; then
    # the release's own files, not what an evaluation run left in it (data/, conf/)
    mkdir "$tmp/relaydesk-$release"
    cp -a "$source_dir/bin" "$source_dir/lib" "$source_dir/plugins" "$source_dir/docs" "$tmp/relaydesk-$release/"
    [ -f "$source_dir/install.sh" ] && cp -a "$source_dir/install.sh" "$tmp/relaydesk-$release/"
  else
    tar xzf "$tarball" -C "$tmp"
  fi
  [ -x "$tmp/relaydesk-$release/bin/relaydesk" ] || die "the release holds no bin/relaydesk"
  echo "$sum" > "$tmp/relaydesk-$release/.release-sha256"
  rm -rf "$target"
  mv "$tmp/relaydesk-$release" "$target"
  rmdir "$tmp"
  chown -R root:root "$target"
  touch "$target"   # pruning keeps the latest installed, by this time
  changed+=("$target")
}

# The plugins the release ships go to the plugin folder; plugins the operator added stay as they are.
ship_plugins() { # ship_plugins replace|keep
  local jar name
  own_dir "$DATA_DIR/plugins" 0750 "$SERVICE_USER" "$SERVICE_USER"
  for jar in "$PREFIX/current/plugins/"*.jar; do
    [ -e "$jar" ] || continue
    name=$(basename "$jar")
    if [ ! -f "$DATA_DIR/plugins/$name" ] || { [ "$1" = replace ] && ! cmp -s "$jar" "$DATA_DIR/plugins/$name"; }; then
      # written by the service user itself: its folder, its rights
      runuser -u "$SERVICE_USER" -- install -m 0640 "$jar" "$DATA_DIR/plugins/$name"
      changed+=("$DATA_DIR/plugins/$name")
    fi
  done
}

# The plugin folder as it was, for going back after a failed upgrade (the service user's copy).
keep_plugins() {
  runuser -u "$SERVICE_USER" -- rm -rf "$DATA_DIR/plugins.before-upgrade"
  runuser -u "$SERVICE_USER" -- cp -a "$DATA_DIR/plugins" "$DATA_DIR/plugins.before-upgrade"
}

put_plugins_back() {
  runuser -u "$SERVICE_USER" -- rm -rf "$DATA_DIR/plugins"
  runuser -u "$SERVICE_USER" -- mv "$DATA_DIR/plugins.before-upgrade" "$DATA_DIR/plugins"
}

switch_current() {
  ln -sfn "$PREFIX/releases/$1" "$PREFIX/current.new"
  mv -T "$PREFIX/current.new" "$PREFIX/current"
}

prune_releases() {
  local keep current
  current=$(basename "$(readlink -f "$PREFIX/current")")
  keep=$(find "$PREFIX/releases" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%T@ %f\n' | sort -rn | head -n "$KEEP_RELEASES" | cut -d' ' -f2)
  find "$PREFIX/releases" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%f\n' | while IFS= read -r name; do
    if [ "$name" != "$current" ] && ! grep -qx "$name" <<< "$keep"; then rm -rf "${PREFIX:?}/releases/$name"; fi
  done
}

# ---------------------------------------------------------------- pieces

create_user() {
  if ! id "$SERVICE_USER" >/dev/null 2>&1; then
    say "Creating the system user $SERVICE_USER"
    useradd --system --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
  fi
  own_dir "$DATA_DIR" 0750 "$SERVICE_USER" "$SERVICE_USER"
  own_dir "$DATA_DIR/backups" 0750 "$SERVICE_USER" "$SERVICE_USER"
  own_dir "$LOG_DIR" 0750 "$SERVICE_USER" adm
  own_dir "$CONF_DIR" 0750 root "$SERVICE_USER"
  own_dir "$PREFIX" 0755 root root
  own_dir "$PREFIX/releases" 0755 root root
}

as_postgres() { (cd / && runuser -u postgres -- "$@"); }

local_postgres_port() {
  pg_lsclusters --no-header 2>/dev/null | awk '$4 == "online" { print $3; exit }'
}

setup_database() {
  if [ -n "$db_url" ]; then
    db_user=${db_user:-relaydesk}
    return 0
  fi
  # a second run without --db-url keeps the database the configuration names
  local configured
  configured=$(conf_get relaydesk.db.url)
  if [ -n "$configured" ] && ! [[ $configured =~ ^jdbc:postgresql://127\.0\.0\.1:[0-9]+/$DB_NAME$ ]]; then
    db_url=$configured
    db_user=$(conf_get relaydesk.db.user)
    db_password=$(conf_get relaydesk.db.password)
    return 0
  fi
  need_packages postgresql
  if [ -z "$(local_postgres_port)" ]; then service_do postgresql start; fi
  local port
  port=$(local_postgres_port)
  [ -n "$port" ] || die "PostgreSQL is installed but no cluster runs (pg_lsclusters)"
  db_user=relaydesk
  db_password=$(conf_get relaydesk.db.password)
  [ -n "$db_password" ] || db_password=$(random_secret 48 40)
  db_url="jdbc:postgresql://127.0.0.1:$port/$DB_NAME"
  if ! as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$db_user'" | grep -q 1; then
    say "Creating the database role $db_user"
    as_postgres psql -p "$port" -q -c "CREATE ROLE $db_user LOGIN"
  fi
  # the password is the configuration's: set again on every run, so the two always agree (through
  # standard input: a command line is visible to every user in ps)
  printf "ALTER ROLE %s PASSWORD '%s';\n" "$db_user" "$db_password" | as_postgres psql -p "$port" -q
  if ! as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    say "Creating the database $DB_NAME"
    as_postgres createdb -p "$port" -O "$db_user" "$DB_NAME"
  fi
}

write_configuration() {
  local host=$1 base_url=$2
  if [ ! -f "$CONF_DIR/secret.key" ]; then
    openssl rand -base64 32 | install -m 0600 -o "$SERVICE_USER" -g "$SERVICE_USER" /dev/stdin "$CONF_DIR/secret.key"
    changed+=("$CONF_DIR/secret.key")
  fi
  chown "$SERVICE_USER:$SERVICE_USER" "$CONF_DIR/secret.key"
  chmod 0600 "$CONF_DIR/secret.key"
  if [ ! -f "$CONF_FILE" ]; then
    first_install=true
  fi
  put_file "$CONF_FILE" 0640 "root:$SERVICE_USER" <<EOF
# Relaydesk, written by install.sh for $host. Run install.sh again after editing a line it writes
# (or edit here and restart: systemctl restart relaydesk). Every setting: docs/operator-guide.md.
relaydesk.db.url=$db_url
relaydesk.db.user=$db_user
relaydesk.db.password=$db_password
relaydesk.base-url=$base_url
relaydesk.http.listen=127.0.0.1
relaydesk.http.port=$app_port
relaydesk.proxy.trusted=true
relaydesk.data=$DATA_DIR
relaydesk.plugins.dir=$DATA_DIR/plugins
relaydesk.secret-key-file=$CONF_DIR/secret.key
EOF
  if [ "$put_changed" = true ]; then changed+=("$CONF_FILE"); fi
  if [ -f "$FIRST_ADMIN_ENV" ]; then
    # an earlier run stopped before Relaydesk was ready: its login is the one to show
    admin_email=$(sed -n 's/^RELAYDESK_ADMIN_EMAIL=//p' "$FIRST_ADMIN_ENV")
    admin_password=$(sed -n 's/^RELAYDESK_ADMIN_PASSWORD=//p' "$FIRST_ADMIN_ENV")
  elif [ "${first_install:-false}" = true ]; then
    if [ -n "$email" ]; then admin_email=$email
    elif [[ $host == *.* ]]; then admin_email="admin@$host"
    else admin_email="admin@example.com"; fi
    admin_password=$(random_secret 24 20)
    umask 077
    printf 'RELAYDESK_ADMIN_EMAIL=%s\nRELAYDESK_ADMIN_PASSWORD=%s\n' "$admin_email" "$admin_password" > "$FIRST_ADMIN_ENV"
    umask 022
  fi
}

write_unit() {
  put_file "$UNIT_FILE" 0644 root:root <<EOF
# Relaydesk, written by install.sh.
[Unit]
Description=Relaydesk help desk
After=network-online.target postgresql.service
Wants=network-online.target

[Service]
Type=simple
User=$SERVICE_USER
Group=$SERVICE_USER
Environment=RELAYDESK_CONF=$CONF_FILE
# only on the first start: the first admin's login (install.sh deletes it once the admin exists)
EnvironmentFile=-$FIRST_ADMIN_ENV
# bin/relaydesk becomes the server: SIGTERM (systemctl stop) reaches it and it stops cleanly (exit 143)
ExecStart=$PREFIX/current/bin/relaydesk start
SuccessExitStatus=143
Restart=on-failure
RestartSec=5
# 78: a setting was refused; starting again changes nothing until it is fixed
RestartPreventExitStatus=78
TimeoutStartSec=300
TimeoutStopSec=120
LimitNOFILE=65536
TasksMax=4096
UMask=0027
NoNewPrivileges=true
PrivateTmp=true
PrivateDevices=true
ProtectSystem=strict
ProtectHome=true
ProtectKernelTunables=true
ProtectKernelModules=true
ProtectControlGroups=true
RestrictSUIDSGID=true
RestrictNamespaces=true
LockPersonality=true
ReadWritePaths=$DATA_DIR $LOG_DIR

[Install]
WantedBy=multi-user.target
EOF
  if [ "$put_changed" = true ]; then changed+=("$UNIT_FILE"); fi
}

# A self-signed certificate for the host name, made when missing, expiring within 30 days, or for another name.
self_signed_certificate() {
  local host=$1
  install -d -m 0750 -o root -g root "$TLS_DIR"
  if [ ! -f "$TLS_DIR/cert.pem" ] || ! openssl x509 -in "$TLS_DIR/cert.pem" -noout -checkend 2592000 >/dev/null 2>&1 \
      || ! openssl x509 -in "$TLS_DIR/cert.pem" -noout -subject | grep -q "CN *= *$host\$"; then
    say "Making a self-signed certificate for $host"
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$host" \
      -addext "subjectAltName=DNS:$host,DNS:localhost,IP:127.0.0.1" \
      -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem" >/dev/null 2>&1
    chmod 0600 "$TLS_DIR/key.pem"
    nginx_changed=true
  fi
}

# Let's Encrypt through certbot's webroot: the plain HTTP site (already serving) answers the challenge.
lets_encrypt_certificate() {
  if [ -f "/etc/letsencrypt/live/$domain/fullchain.pem" ]; then return 0; fi
  need_packages certbot
  say "Asking Let's Encrypt for a certificate for $domain"
  certbot certonly --webroot -w /var/www/relaydesk-acme -d "$domain" -m "$email" --agree-tos -n \
    --deploy-hook "systemctl reload nginx || service nginx reload" \
    || die "certbot could not get a certificate for $domain (does its DNS point here, and is port $http_port open?)"
}

write_nginx() {
  local host=$1 cert=$2 key=$3 hsts="" http2_listen=" http2" http2_line="" listen6=true target="https://$1"
  [ "$https_port" = 443 ] || target="$target:$https_port"
  # browsers remember HSTS: only with a certificate they trust
  [[ $cert == /etc/letsencrypt/* ]] && hsts='add_header Strict-Transport-Security "max-age=31536000" always;'
  # nginx 1.25.1 and later take http2 as a directive of its own (Debian 13, Ubuntu 24.04 and later)
  if dpkg --compare-versions "$(dpkg-query -W -f='${Version}' nginx-common 2>/dev/null || echo 0)" ge 1.25.1; then
    http2_listen=""
    http2_line="http2 on;"
  fi
  [ -e /proc/net/if_inet6 ] || listen6=false
  install -d /var/www/relaydesk-acme
  put_file "$NGINX_SITE" 0644 root:root <<EOF
# Relaydesk, written by install.sh (it rewrites this file when its settings change).
map \$http_upgrade \$relaydesk_connection {
    default upgrade;
    ''      '';
}

server {
    listen $http_port;
    $(if $listen6; then echo "listen [::]:$http_port;"; fi)
    server_name $host;
    location /.well-known/acme-challenge/ { root /var/www/relaydesk-acme; }
    location / { return 301 $target\$request_uri; }
}

server {
    listen $https_port ssl$http2_listen;
    $(if $listen6; then echo "listen [::]:$https_port ssl$http2_listen;"; fi)
    $http2_line
    server_name $host;
    ssl_certificate $cert;
    ssl_certificate_key $key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:relaydesk_tls:10m;
    $hsts

    # attachments up to 25 MB, a form with several of them, plugin uploads
    client_max_body_size 100m;

    location / {
        proxy_pass http://127.0.0.1:$app_port;
        proxy_http_version 1.1;
        proxy_set_header Host \$http_host;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto https;
        # the widget's live chat and the panels' live updates are WebSockets
        proxy_set_header Upgrade \$http_upgrade;
        proxy_set_header Connection \$relaydesk_connection;
        proxy_read_timeout 3600s;
        proxy_send_timeout 3600s;
        proxy_request_buffering off;
    }
}
EOF
  if [ "$put_changed" = true ]; then nginx_changed=true; fi
  if [ ! -L "$NGINX_LINK" ]; then ln -s "$NGINX_SITE" "$NGINX_LINK"; nginx_changed=true; fi
  if [ -L /etc/nginx/sites-enabled/default ] && [ "$http_port" = 80 ]; then
    rm -f /etc/nginx/sites-enabled/default
    nginx_changed=true
  fi
  if ! nginx -t -q 2>/dev/null; then
    nginx -t || true
    rm -f "$NGINX_LINK" "$NGINX_SITE"
    die "nginx refuses the configuration written for Relaydesk; it was taken out again, nginx keeps its previous one"
  fi
}

apply_nginx() {
  if ! pgrep -x nginx >/dev/null 2>&1; then service_do nginx start
  elif [ "$nginx_changed" = true ]; then service_do nginx reload; fi
  nginx_changed=false
}

print_login() {
  local base_url=$1
  echo
  echo "Relaydesk $release is ready at $base_url"
  if [ -n "${admin_password:-}" ]; then
    echo "Sign in at $base_url/login as $admin_email with the password $admin_password"
    echo "(shown once: change it after signing in)."
  fi
  if [ -f "$TLS_DIR/cert.pem" ] && ! { [ -n "$domain" ] && [ -n "$email" ]; }; then
    echo "The certificate is self-signed: browsers warn until you run install.sh with --domain and --email."
  fi
}

# ---------------------------------------------------------------- actions

do_install() {
  check_system
  find_tarball
  need_packages ca-certificates curl openssl procps nginx
  ensure_hostname_resolves
  install_java
  create_user
  local host base_url configured
  configured=$(conf_get relaydesk.base-url)
  configured=${configured#https://}
  configured=${configured%%[:/]*}
  host=${domain:-${configured:-$(hostname -f 2>/dev/null || hostname)}}
  if ! [[ $host =~ ^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$ ]]; then
    die "this machine's name '$host' is not a usable host name: give one with --domain"
  fi
  # a name that already has a Let's Encrypt certificate keeps it on a run without --email
  if [ -z "$domain" ] && [ -f "/etc/letsencrypt/live/$host/fullchain.pem" ]; then domain=$host; fi
  base_url="https://$host"
  [ "$https_port" = 443 ] || base_url="$base_url:$https_port"
  setup_database
  write_configuration "$host" "$base_url"
  unpack_release
  if [ ! -L "$PREFIX/current" ]; then
    switch_current "$release"
    changed+=("$PREFIX/current")
  elif [ "$(basename "$(readlink -f "$PREFIX/current")")" != "$release" ]; then
    die "Relaydesk $(basename "$(readlink -f "$PREFIX/current")") is installed; to install $release, run with --upgrade"
  fi
  ship_plugins keep
  write_unit
  self_signed_certificate "$host"
  if [ -n "$domain" ] && [ -f "/etc/letsencrypt/live/$domain/fullchain.pem" ]; then
    write_nginx "$host" "/etc/letsencrypt/live/$domain/fullchain.pem" "/etc/letsencrypt/live/$domain/privkey.pem"
  else
    write_nginx "$host" "$TLS_DIR/cert.pem" "$TLS_DIR/key.pem"
  fi
  apply_nginx
  if [ -n "$domain" ] && [ -n "$email" ] && [ ! -f "/etc/letsencrypt/live/$domain/fullchain.pem" ]; then
    lets_encrypt_certificate
    write_nginx "$host" "/etc/letsencrypt/live/$domain/fullchain.pem" "/etc/letsencrypt/live/$domain/privkey.pem"
    apply_nginx
  fi
  if [ ${#changed[@]} -eq 0 ] && relaydesk_running; then
    say "Nothing to change: Relaydesk $release runs as installed"
  else
    if relaydesk_running; then
      say "Restarting Relaydesk (changed: ${changed[*]})"
      stop_relaydesk
    else
      say "Starting Relaydesk"
    fi
    start_relaydesk
  fi
  wait_until_ready || die "Relaydesk did not become ready within ${ready_timeout}s; see journalctl -u relaydesk or $LOG_DIR/relaydesk.log"
  if [ -f "$FIRST_ADMIN_ENV" ]; then
    # the admin exists now; started again without the file, so that its password leaves the
    # launcher's environment too (plugins run as the same user and could read it there)
    rm -f "$FIRST_ADMIN_ENV"
    stop_relaydesk
    start_relaydesk
    wait_until_ready || die "Relaydesk did not become ready again within ${ready_timeout}s"
  fi
  print_login "$base_url"
}

applied_changesets() { # how many schema changes the configured local database has; empty if not local
  local url port name
  url=$(conf_get relaydesk.db.url)
  [[ $url =~ ^jdbc:postgresql://127\.0\.0\.1:([0-9]+)/([A-Za-z0-9_]+)$ ]] || return 0
  port=${BASH_REMATCH[1]}
  name=${BASH_REMATCH[2]}
  as_postgres psql -p "$port" -d "$name" -tAc "SELECT count(*) FROM databasechangelog" 2>/dev/null || true
}

# The upgrade migrated the database past the previous release: the migrated one is put aside (renamed,
# not dropped) and the backup restored into a new one. Only for the local database this script made.
restore_pre_upgrade_backup() {
  local archive=$1 url port name aside
  url=$(conf_get relaydesk.db.url)
  if ! [[ $url =~ ^jdbc:postgresql://127\.0\.0\.1:([0-9]+)/([A-Za-z0-9_]+)$ ]]; then
    warn "the database is not this machine's: restore $archive by hand (an empty database, then bin/relaydesk restore)"
    return 1
  fi
  port=${BASH_REMATCH[1]}
  name=${BASH_REMATCH[2]}
  aside="${name}_failed_upgrade_$(date -u +%Y%m%d%H%M%S)"
  say "Putting the migrated database aside as $aside and restoring $archive"
  as_postgres psql -p "$port" -q -c "ALTER DATABASE $name RENAME TO $aside"
  as_postgres createdb -p "$port" -O "$(conf_get relaydesk.db.user)" "$name"
  relaydesk_cmd restore "$archive"
}

do_upgrade() {
  check_system
  [ -L "$PREFIX/current" ] || die "Relaydesk is not installed here; run install.sh without --upgrade"
  find_tarball
  local previous host base_url before
  previous=$(basename "$(readlink -f "$PREFIX/current")")
  if [ "$previous" = "$release" ]; then
    say "Relaydesk $release is installed already; nothing to upgrade"
    return 0
  fi
  base_url=$(conf_get relaydesk.base-url)
  [ -n "$base_url" ] || die "$CONF_FILE lacks relaydesk.base-url; run install.sh without --upgrade to repair it"
  host=${base_url#https://}
  host=${host%%[:/]*}
  https_port=$(sed -n 's/^ *listen \([0-9]*\) ssl.*/\1/p' "$NGINX_SITE" 2>/dev/null | sed -n '1p')
  https_port=${https_port:-443}
  install_java
  unpack_release
  local archive
  archive="$DATA_DIR/backups/before-upgrade-$previous-to-$release-$(date -u +%Y%m%d-%H%M%S).zip"
  say "Stopping Relaydesk $previous and backing it up"
  # stopped first: nothing written after the backup can be lost by going back to it
  stop_relaydesk
  if ! relaydesk_cmd backup --to "$archive"; then
    start_relaydesk
    die "the backup failed; nothing was upgraded, and $previous was started again"
  fi
  before=$(applied_changesets)
  keep_plugins
  say "Upgrading Relaydesk $previous to $release"
  switch_current "$release"
  ship_plugins replace
  start_relaydesk
  if wait_until_ready; then
    runuser -u "$SERVICE_USER" -- rm -rf "$DATA_DIR/plugins.before-upgrade"
    prune_releases
    say "Relaydesk $release is ready at $base_url (the backup taken before: $archive)"
    return 0
  fi
  warn "Relaydesk $release did not become ready within ${ready_timeout}s: going back to $previous"
  stop_relaydesk
  switch_current "$previous"
  put_plugins_back
  if [ -n "$before" ] && [ "$(applied_changesets)" != "$before" ]; then
    # the new release migrated the database, which the previous one would refuse
    restore_pre_upgrade_backup "$archive" || die "Relaydesk $release migrated the database and did not start; $previous cannot run on it. The backup taken before is $archive"
  fi
  start_relaydesk
  wait_until_ready || die "Relaydesk $previous does not start either; the backup taken before the upgrade is $archive"
  die "the upgrade to $release failed and Relaydesk $previous runs again at $base_url; see journalctl -u relaydesk or $LOG_DIR/relaydesk.log"
}

do_uninstall() {
  if [ "$purge" = true ] && [ "$force" != true ]; then
    die "--purge deletes the configuration, the data and the database for good: add --force to mean it"
  fi
  say "Stopping Relaydesk"
  stop_relaydesk
  if has_systemd && [ -f "$UNIT_FILE" ]; then
    systemctl disable --quiet relaydesk || true
  fi
  rm -f "$UNIT_FILE" "$NGINX_LINK" "$NGINX_SITE"
  if has_systemd; then systemctl daemon-reload; fi
  if command -v nginx >/dev/null 2>&1 && pgrep -x nginx >/dev/null 2>&1; then service_do nginx reload || true; fi
  rm -rf "${PREFIX:?}"
  if [ "$purge" = true ]; then
    local port
    port=$(local_postgres_port)
    if [ -n "$port" ] && [[ $(conf_get relaydesk.db.url) =~ ^jdbc:postgresql://127\.0\.0\.1:$port/$DB_NAME$ ]]; then
      as_postgres dropdb -p "$port" --if-exists "$DB_NAME"
      as_postgres psql -p "$port" -q -c "DROP ROLE IF EXISTS relaydesk"
    else
      warn "the database is not the local one this script made: it was left as it is"
    fi
    rm -rf "${CONF_DIR:?}" "${DATA_DIR:?}" "${LOG_DIR:?}"
    if id "$SERVICE_USER" >/dev/null 2>&1; then userdel "$SERVICE_USER"; fi
    say "Relaydesk, its data, configuration and database are removed"
  else
    say "Relaydesk is removed; kept: $CONF_DIR, $DATA_DIR (backups included) and the database (--purge --force removes them)"
  fi
}

case "$action" in
  install) do_install ;;
  upgrade) do_upgrade ;;
  uninstall) do_uninstall ;;
esac
