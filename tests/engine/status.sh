#!/usr/bin/env bash
# Print what of the engine test environment is up. Exit 0 when everything is, 1 otherwise.
# Read-only: starts, stops and changes nothing.
set -uo pipefail # no -e: keep going and report every component

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=engines.sh
. "$HERE/engines.sh"
# shellcheck source=services.sh
. "$HERE/services.sh"

bad=0
row() { # row NAME OK(0/1) DETAILS
  local mark=up
  [[ $2 == 0 ]] || {
    mark=DOWN
    bad=1
  }
  printf '%-18s %-5s %s\n' "$1" "$mark" "$3"
}
pid_info() { # pid_info PIDFILE
  local p
  p=$(read_pid "$1")
  if pid_alive "$p"; then echo "pid $p"; else echo "no process"; fi
}

v=$(timeout 10 "$E20_CLI" -H "$E20_HOST" version --format '{{.Server.Version}} API {{.Server.APIVersion}}' 2>/dev/null)
row engine20 $? "$E20_HOST  ${v:-not answering}  ($(pid_info "$E20_PIDFILE"))"
e20_tls_ping
row "engine20 TLS" $? "$E20_TLS_HOST  (client certs in $TLS_DIR/client)"

timeout 5 "$E28_ROOT/usr/bin/ctr" --address "$E28_CTRD_SOCK" version >/dev/null 2>&1
row "engine28 ctrd" $? "$E28_CTRD_SOCK  ($(pid_info "$E28_CTRD_PIDFILE"))"
v=$(timeout 10 "$E28_CLI" -H "$E28_HOST" version --format '{{.Server.Version}} API {{.Server.APIVersion}}' 2>/dev/null)
row engine28 $? "$E28_HOST  ${v:-not answering}  ($(pid_info "$E28_PIDFILE"))"
[[ $(curl -sS --max-time 5 "http://${E28_TCP_HOST#tcp://}/_ping" 2>/dev/null) == OK ]]
row "engine28 TCP" $? "$E28_TCP_HOST (no TLS)"

if [[ -s $REG_DIR/password ]]; then
  reg_healthy
  row registry $? "http://$REG_ADDR  user $REG_USER  ($(pid_info "$REG_PIDFILE"))"
else
  row registry 1 "http://$REG_ADDR  (no password file $REG_DIR/password)"
fi

ssh_healthy
row sshd $? "$SSH_HOST  ($(pid_info "$SSHD_PIDFILE"))"

for e in engine20 engine28; do
  if [[ $e == engine20 ]]; then cli=$E20_CLI host=$E20_HOST; else cli=$E28_CLI host=$E28_HOST; fi
  for img in "$BUSYBOX_IMAGE" "$DEBIAN_IMAGE"; do
    timeout 10 "$cli" -H "$host" image inspect "$img" >/dev/null 2>&1
    row "$e image" $? "$img"
  done
done

[[ -s $ENDPOINTS_FILE ]] && jq -e . "$ENDPOINTS_FILE" >/dev/null 2>&1
row endpoints $? "$ENDPOINTS_FILE"

exit "$bad"
