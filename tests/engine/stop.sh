#!/usr/bin/env bash
# Stop everything tests/engine/setup.sh started (sshd, registry, engine28, engine20).
#
#   bash tests/engine/stop.sh                 stop the daemons, keep all state
#   bash tests/engine/stop.sh --purge         also delete what setup.sh created (TLS, ssh keys,
#                                             registry data and password, engine28 data and
#                                             unpacked binaries, configs, the sid apt entry,
#                                             the block in /root/.ssh/config, bridge dps28),
#                                             but keep the download cache /var/cache/dockerps-ci
#   bash tests/engine/stop.sh --purge-cache   --purge and the cache too
#
# engine20's data (/var/lib/docker, the default data root) and the installed packages are
# never removed.
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=engines.sh
. "$HERE/engines.sh"
# shellcheck source=services.sh
. "$HERE/services.sh"

purge=0 purge_cache=0
for arg in "$@"; do
  case $arg in
    --purge) purge=1 ;;
    --purge-cache) purge=1 purge_cache=1 ;;
    -h | --help)
      sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument '$arg' (try --help)" ;;
  esac
done
require_root

stop_sshd
stop_registry
stop_engine28
stop_engine20
log "all daemons stopped"

if ((purge)); then
  if ip link show "$E28_BRIDGE" >/dev/null 2>&1; then
    log "deleting bridge $E28_BRIDGE"
    ip link del "$E28_BRIDGE" || warn "could not delete bridge $E28_BRIDGE"
  fi
  remove_ssh_client_config
  for d in "$DPS_RUN" "$DPS_STATE" "$DPS_OPT" "$DPS_ETC"; do
    log "removing $d"
    remove_tree "$d"
  done
  [[ -n ${DOCKERPS_TEST_ENV:-} ]] && rm -f "$DOCKERPS_TEST_ENV"
  rm -f "$SID_SOURCES_FILE" "$SID_PREFS_FILE"
  if ((purge_cache)); then
    log "removing $DPS_CACHE"
    remove_tree "$DPS_CACHE"
  fi
  log "purged (logs kept in $DPS_LOG)"
fi
