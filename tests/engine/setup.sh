#!/usr/bin/env bash
# Bring up the real-engine test environment for DockerPS (see README.md in this folder).
#
#   sudo bash tests/engine/setup.sh
#
# Idempotent: on a machine where everything is already up it only checks and returns within
# seconds; whatever is missing, stale or not configured as below is (re)created/restarted.
# Writes $DOCKERPS_TEST_ENV (default /var/lib/dockerps-ci/endpoints.json) at the end.
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=packages.sh
. "$HERE/packages.sh"
# shellcheck source=certs.sh
. "$HERE/certs.sh"
# shellcheck source=engines.sh
. "$HERE/engines.sh"
# shellcheck source=services.sh
. "$HERE/services.sh"
# shellcheck source=images.sh
. "$HERE/images.sh"

# shellcheck disable=SC2154
trap 'rc=$?; printf "[engine-env] FAILED: command \"%s\" exited %s (%s line %s)\n" "$BASH_COMMAND" "$rc" "${BASH_SOURCE[0]##*/}" "$LINENO" >&2; exit $rc' ERR

write_endpoints() {
  local v20 v28 tmp
  v20=$(timeout 10 "$E20_CLI" -H "$E20_HOST" version --format '{{.Server.APIVersion}}') || die "endpoints: cannot read engine20's API version"
  v28=$(timeout 10 "$E28_CLI" -H "$E28_HOST" version --format '{{.Server.APIVersion}}') || die "endpoints: cannot read engine28's API version"
  mkdir -p "$(dirname "$ENDPOINTS_FILE")"
  tmp=$(mktemp "$ENDPOINTS_FILE.tmp.XXXXXX")
  jq -n \
    --arg e20host "$E20_HOST" --arg v20 "$v20" --arg e20cli "$E20_CLI" \
    --arg e28host "$E28_HOST" --arg v28 "$v28" --arg e28cli "$E28_CLI" \
    --arg tlshost "$E20_TLS_HOST" --arg tlsdir "$TLS_DIR" \
    --arg tcphost "$E28_TCP_HOST" --arg sshhost "$SSH_HOST" \
    --arg regaddr "$REG_ADDR" --arg reguser "$REG_USER" --arg regpass "$(reg_password)" \
    --arg busybox "$BUSYBOX_IMAGE" --arg debian "$DEBIAN_IMAGE" '
    {
      engines: [
        { name: "engine20", host: $e20host, apiVersion: $v20, cli: $e20cli },
        { name: "engine28", host: $e28host, apiVersion: $v28, cli: $e28cli }
      ],
      tls: { host: $tlshost, engine: "engine20", certPath: ($tlsdir + "/client"),
             wrongCaCertPath: ($tlsdir + "/wrong-ca"), noClientCertPath: ($tlsdir + "/no-client-cert") },
      tcp: { host: $tcphost, engine: "engine28" },
      ssh: { host: $sshhost, engine: "engine20" },
      registry: { address: $regaddr, username: $reguser, password: $regpass },
      images: { busybox: $busybox, debian: $debian }
    }' >"$tmp"
  chmod 0644 "$tmp"
  if [[ -f $ENDPOINTS_FILE ]] && cmp -s "$tmp" "$ENDPOINTS_FILE"; then
    rm -f "$tmp"
  else
    mv "$tmp" "$ENDPOINTS_FILE"
  fi
  log "endpoints: $ENDPOINTS_FILE (engine20 API $v20, engine28 API $v28)"
}

main() {
  require_root
  local start=$SECONDS
  mkdir -p "$DPS_STATE" "$DPS_RUN" "$DPS_LOG" "$DPS_CACHE" "$DPS_ETC" "$DPS_STATE/docker-config"
  chmod 0755 "$DPS_STATE"
  # one setup at a time (fd 9 is closed for the daemons we start)
  exec 9>"$DPS_RUN/setup.lock"
  flock -w 900 9 || die "another tests/engine/setup.sh is still running (lock $DPS_RUN/setup.lock)"

  log "1/8 packages"
  ensure_sid_source
  ensure_packages
  ensure_cgroups
  ensure_sid_debs
  ensure_sid_unpacked

  log "2/8 TLS material"
  ensure_tls

  # engine28 before engine20: restarting engine28 deletes docker0 (see engines.sh)
  log "3/8 engine28 (sid docker.io + containerd, bookworm runc)"
  ensure_engine28

  log "4/8 engine20 (bookworm docker.io)"
  ensure_engine20
  verify_engine20_tls
  restore_shared_iptables || die "iptables: cannot restore the base rules of docker0/$E28_BRIDGE"

  log "5/8 registry"
  ensure_registry

  log "6/8 sshd"
  ensure_sshd

  log "7/8 images"
  ensure_images

  log "8/8 checks"
  verify_run engine20 "$E20_CLI" "$E20_HOST"
  verify_run engine28 "$E28_CLI" "$E28_HOST"
  verify_registry_login engine20 "$E20_CLI" "$E20_HOST"
  verify_registry_login engine28 "$E28_CLI" "$E28_HOST"
  verify_ssh_docker
  write_endpoints

  log "ready in $((SECONDS - start))s"
}

main "$@"
