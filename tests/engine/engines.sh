# shellcheck shell=bash
# The two Docker engines. Sourced by setup.sh / stop.sh / status.sh.
#
# engine20: bookworm's dockerd 20.10 with the containerd it starts itself, on the default
#           socket plus a TLS listener (client certificate required) on 127.0.0.1:2376.
# engine28: sid's dockerd 28.x + sid's containerd 2.x (unpacked under $E28_ROOT) with its own
#           containerd, sockets, data/exec roots and bridge, plus plain TCP on 127.0.0.1:2375.
#
# Two dockerds on one host step on each other in two ways, which decides the order setup.sh
# uses (engine28 first, then engine20, then restore_shared_iptables):
#  - a dockerd that has default-address-pools configured (engine28 has, to keep its networks
#    apart from engine20's) deletes the link "docker0" -- hard-coded name -- when it restarts
#    with a stale default network in its store. That kills engine20's bridge, so engine20's
#    health check includes docker0, and engine20 is restarted after such an engine28 restart.
#    engine20 (no pools) never deletes links.
#  - both use the iptables chains DOCKER (nat and filter) and DOCKER-ISOLATION-STAGE-1/2 and
#    flush them when they start. restore_shared_iptables puts back the base rules of the
#    other engine's default bridge (what its dockerd adds at start); both still work without
#    them (forwarding and NAT live in other chains), but hairpin NAT and isolation would not.

# ----------------------------------------------------------------------------- engine20

e20_argv() {
  E20_ARGV=("$E20_DOCKERD" --config-file "$E20_CONFIG"
    --host "$E20_HOST" --host "$E20_TLS_HOST"
    --tlsverify --tlscacert "$TLS_DIR/ca.pem"
    --tlscert "$TLS_DIR/server-cert.pem" --tlskey "$TLS_DIR/server-key.pem"
    --pidfile "$E20_PIDFILE")
}
e20_spec() { spec_of "$E20_CONFIG" "$TLS_DIR/ca.pem" "$TLS_DIR/server-cert.pem" "$TLS_DIR/server-key.pem" -- "${E20_ARGV[@]}"; }

e20_tls_ping() {
  [[ $(curl -sS --max-time 5 --cacert "$TLS_DIR/client/ca.pem" --cert "$TLS_DIR/client/cert.pem" \
    --key "$TLS_DIR/client/key.pem" "https://${E20_TLS_HOST#tcp://}/_ping" 2>/dev/null) == OK ]]
}
e20_healthy() {
  ip link show docker0 >/dev/null 2>&1 &&
    [[ $(timeout 10 "$E20_CLI" -H "$E20_HOST" version --format '{{.Server.Version}}' 2>/dev/null) == 20.10.* ]] &&
    e20_tls_ping
}

# pids of every bookworm dockerd on this machine (ours or one started by hand / by the package)
e20_running_pids() {
  local p
  for p in $({ read_pid "$E20_PIDFILE"; pids_by_exe "$E20_DOCKERD"; } | sort -u); do
    if pid_alive "$p" && [[ $(readlink "/proc/$p/exe") == "$E20_DOCKERD"* ]]; then echo "$p"; fi
  done
  return 0
}

stop_engine20() {
  local p
  for p in $(e20_running_pids); do stop_pid "engine20 dockerd" "$p" 60; done
  # the containerd it manages normally exits with it
  p=$(read_pid "$E20_CONTAINERD_PIDFILE")
  if pid_alive "$p" && [[ $(readlink "/proc/$p/exe") == /usr/bin/containerd* ]]; then
    stop_pid "engine20 containerd" "$p" 20
  fi
  rm -f "$DPS_RUN/engine20.spec"
}

ensure_engine20() {
  mkdir -p "$(dirname "$E20_CONFIG")" "$DPS_RUN" "$DPS_LOG"
  # empty config file: keeps a machine-wide /etc/docker/daemon.json out of the picture
  [[ -f $E20_CONFIG ]] || echo '{}' >"$E20_CONFIG"
  e20_argv
  local spec
  spec=$(e20_spec)
  if daemon_matches "$E20_PIDFILE" "$DPS_RUN/engine20.spec" "$spec" "${E20_ARGV[@]}" && e20_healthy; then
    log "engine20: running (pid $(read_pid "$E20_PIDFILE"))"
    return 0
  fi
  if [[ -n $(e20_running_pids) ]]; then
    if ! ip link show docker0 >/dev/null 2>&1; then
      log "engine20: bridge docker0 is gone (engine28's restart removes it); restarting engine20"
    else
      log "engine20: a dockerd is running but not as configured (TLS listener, flags or certs differ); restarting it"
    fi
  fi
  stop_engine20
  if port_listening "${E20_TLS_HOST##*:}"; then
    die "engine20: port ${E20_TLS_HOST##*:} is used by another process (pids: $(port_owner_pids "${E20_TLS_HOST##*:}" | xargs))"
  fi
  if timeout 5 "$E20_CLI" -H "$E20_HOST" version >/dev/null 2>&1; then
    die "engine20: $E20_SOCK is still served by a process that is not $E20_DOCKERD; stop it first"
  fi
  log "engine20: starting $E20_DOCKERD (log $E20_LOG)"
  start_bg "$E20_LOG" - env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "${E20_ARGV[@]}"
  printf '%s\n' "$spec" >"$DPS_RUN/engine20.spec"
  wait_until 90 e20_healthy ||
    die_log "$E20_LOG" "engine20 did not come up on $E20_HOST and $E20_TLS_HOST within 90s"
  log "engine20: up (pid $(read_pid "$E20_PIDFILE"), $("$E20_CLI" -H "$E20_HOST" version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}'))"
}

# TLS negative checks: no client cert and an unrelated CA must both be refused.
verify_engine20_tls() {
  e20_tls_ping || die "engine20: TLS ping with the client certificate failed"
  if curl -sS --max-time 5 --cacert "$TLS_DIR/no-client-cert/ca.pem" "https://${E20_TLS_HOST#tcp://}/_ping" >/dev/null 2>&1; then
    die "engine20: TLS listener accepted a connection without a client certificate"
  fi
  if curl -sS --max-time 5 --cacert "$TLS_DIR/wrong-ca/ca.pem" --cert "$TLS_DIR/wrong-ca/cert.pem" \
    --key "$TLS_DIR/wrong-ca/key.pem" "https://${E20_TLS_HOST#tcp://}/_ping" >/dev/null 2>&1; then
    die "engine20: server certificate verified against the unrelated CA in $TLS_DIR/wrong-ca"
  fi
  DOCKER_CONFIG=$DPS_STATE/docker-config DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$TLS_DIR/client \
    timeout 20 "$E20_CLI" -H "$E20_TLS_HOST" version >/dev/null 2>&1 ||
    die "engine20: 'docker -H $E20_TLS_HOST --tlsverify' with DOCKER_CERT_PATH=$TLS_DIR/client failed"
}

# restore_shared_iptables: re-add the base rules of both default bridges (docker0 of
# engine20, dps28 of engine28) to the shared chains, exactly as each dockerd adds them at start.
restore_shared_iptables() {
  local br
  for br in docker0 "$E28_BRIDGE"; do
    ip link show "$br" >/dev/null 2>&1 || continue
    iptables -w -t nat -C DOCKER -i "$br" -j RETURN 2>/dev/null ||
      iptables -w -t nat -I DOCKER -i "$br" -j RETURN || return 1
    iptables -w -C DOCKER-ISOLATION-STAGE-1 -i "$br" ! -o "$br" -j DOCKER-ISOLATION-STAGE-2 2>/dev/null ||
      iptables -w -I DOCKER-ISOLATION-STAGE-1 -i "$br" ! -o "$br" -j DOCKER-ISOLATION-STAGE-2 || return 1
    iptables -w -C DOCKER-ISOLATION-STAGE-2 -o "$br" -j DROP 2>/dev/null ||
      iptables -w -I DOCKER-ISOLATION-STAGE-2 -o "$br" -j DROP || return 1
  done
  # dockerd 28 also blocks direct access to its bridge from outside (last rule of DOCKER)
  iptables -w -C DOCKER ! -i "$E28_BRIDGE" -o "$E28_BRIDGE" -j DROP 2>/dev/null ||
    iptables -w -A DOCKER ! -i "$E28_BRIDGE" -o "$E28_BRIDGE" -j DROP || return 1
}

# ----------------------------------------------------------------------------- engine28

e28_write_configs() {
  mkdir -p "$(dirname "$E28_CONFIG")"
  # an explicit (empty) daemon.json: otherwise dockerd 28 would read /etc/docker/daemon.json
  [[ -f $E28_CONFIG ]] || echo '{}' >"$E28_CONFIG"
  write_if_changed "$E28_CTRD_CONFIG" "# containerd 2.x for DockerPS engine28 (generated by tests/engine/setup.sh)
version = 3
root = \"$E28_CTRD_ROOT\"
state = \"$E28_CTRD_STATE\"
disabled_plugins = [\"io.containerd.grpc.v1.cri\", \"io.containerd.cri.v1.images\", \"io.containerd.cri.v1.runtime\", \"io.containerd.podsandbox.controller.v1.podsandbox\", \"io.containerd.nri.v1.nri\"]

[grpc]
  address = \"$E28_CTRD_SOCK\"

[ttrpc]
  address = \"$E28_CTRD_SOCK.ttrpc\"

[debug]
  address = \"$E28_RUN/containerd/debug.sock\"

[plugins.'io.containerd.internal.v1.opt']
  path = \"$E28_CTRD_ROOT/opt\"" || true
}

e28_ctrd_argv() { E28_CTRD_ARGV=("$E28_CONTAINERD" --config "$E28_CTRD_CONFIG"); }
e28_ctrd_spec() { spec_of "$E28_CTRD_CONFIG" "$E28_ROOT/.dockerps-debs" -- "${E28_CTRD_ARGV[@]}"; }
e28_ctrd_healthy() { timeout 5 "$E28_ROOT/usr/bin/ctr" --address "$E28_CTRD_SOCK" version >/dev/null 2>&1; }

e28_argv() {
  E28_ARGV=("$E28_DOCKERD" --config-file "$E28_CONFIG"
    --host "$E28_HOST" --host "$E28_TCP_HOST" --tls=false
    --containerd "$E28_CTRD_SOCK"
    --data-root "$E28_DATA" --exec-root "$E28_EXEC_ROOT" --pidfile "$E28_PIDFILE"
    --bridge "$E28_BRIDGE" --default-address-pool "$E28_ADDRESS_POOL"
    --userland-proxy-path "$E28_ROOT/usr/sbin/docker-proxy"
    --init-path "$E28_ROOT/usr/bin/docker-init")
}
e28_spec() {
  spec_of "$E28_CONFIG" "$E28_ROOT/.dockerps-debs" -- "${E28_ARGV[@]}"
  echo "bridge $E28_BRIDGE $E28_BRIDGE_CIDR"
}

e28_healthy() {
  [[ $(timeout 10 "$E28_CLI" -H "$E28_HOST" version --format '{{.Server.Version}}' 2>/dev/null) == 28.* ]] &&
    [[ $(curl -sS --max-time 5 "http://${E28_TCP_HOST#tcp://}/_ping" 2>/dev/null) == OK ]]
}

ensure_e28_bridge() {
  if ! ip link show "$E28_BRIDGE" >/dev/null 2>&1; then
    log "engine28: creating bridge $E28_BRIDGE ($E28_BRIDGE_CIDR)"
    ip link add "$E28_BRIDGE" type bridge || die "engine28: cannot create bridge $E28_BRIDGE"
  fi
  if ! ip -4 -o addr show dev "$E28_BRIDGE" | grep -qw "inet $E28_BRIDGE_CIDR"; then
    ip addr flush dev "$E28_BRIDGE"
    ip addr add "$E28_BRIDGE_CIDR" dev "$E28_BRIDGE" || die "engine28: cannot set $E28_BRIDGE_CIDR on $E28_BRIDGE"
  fi
  ip link set "$E28_BRIDGE" up || die "engine28: cannot bring $E28_BRIDGE up"
}

stop_engine28_dockerd() {
  local p
  p=$(read_pid "$E28_PIDFILE")
  if pid_alive "$p" && [[ $(readlink "/proc/$p/exe") == "$E28_DOCKERD"* ]]; then stop_pid "engine28 dockerd" "$p" 60; fi
  for p in $(pids_by_exe "$E28_DOCKERD"); do stop_pid "engine28 dockerd" "$p" 60; done
  rm -f "$DPS_RUN/engine28.spec"
}
stop_engine28_containerd() {
  local p
  p=$(read_pid "$E28_CTRD_PIDFILE")
  if pid_alive "$p" && [[ $(readlink "/proc/$p/exe") == "$E28_CONTAINERD"* ]]; then stop_pid "engine28 containerd" "$p" 30; fi
  for p in $(pids_by_exe "$E28_CONTAINERD"); do stop_pid "engine28 containerd" "$p" 30; done
  rm -f "$DPS_RUN/engine28-containerd.spec"
}
stop_engine28() {
  stop_engine28_dockerd
  stop_engine28_containerd
}

ensure_engine28() {
  mkdir -p "$E28_RUN" "$E28_DATA" "$DPS_LOG"
  e28_write_configs
  e28_ctrd_argv
  e28_argv
  local ctrd_spec spec ctrd_ok=0
  ctrd_spec=$(e28_ctrd_spec)
  spec=$(e28_spec)

  if daemon_matches "$E28_CTRD_PIDFILE" "$DPS_RUN/engine28-containerd.spec" "$ctrd_spec" "${E28_CTRD_ARGV[@]}" &&
    e28_ctrd_healthy; then
    ctrd_ok=1
  fi
  if ((ctrd_ok)) &&
    daemon_matches "$E28_PIDFILE" "$DPS_RUN/engine28.spec" "$spec" "${E28_ARGV[@]}" && e28_healthy; then
    log "engine28: running (dockerd pid $(read_pid "$E28_PIDFILE"), containerd pid $(read_pid "$E28_CTRD_PIDFILE"))"
    return 0
  fi
  stop_engine28_dockerd
  if ((!ctrd_ok)); then
    stop_engine28_containerd
    rm -f "$E28_CTRD_SOCK" "$E28_CTRD_SOCK.ttrpc"
    mkdir -p "$(dirname "$E28_CTRD_SOCK")" "$E28_CTRD_ROOT"
    log "engine28: starting containerd $("$E28_CONTAINERD" --version | awk '{print $3}') (log $E28_CTRD_LOG)"
    start_bg "$E28_CTRD_LOG" "$E28_CTRD_PIDFILE" env -i PATH="$E28_PATH" HOME=/root "${E28_CTRD_ARGV[@]}"
    printf '%s\n' "$ctrd_spec" >"$DPS_RUN/engine28-containerd.spec"
    wait_until 60 e28_ctrd_healthy || die_log "$E28_CTRD_LOG" "engine28: containerd did not come up on $E28_CTRD_SOCK"
  fi
  ensure_e28_bridge
  if port_listening "${E28_TCP_HOST##*:}"; then
    die "engine28: port ${E28_TCP_HOST##*:} is used by another process (pids: $(port_owner_pids "${E28_TCP_HOST##*:}" | xargs))"
  fi
  log "engine28: starting $E28_DOCKERD (log $E28_LOG)"
  start_bg "$E28_LOG" - env -i PATH="$E28_PATH" HOME=/root "${E28_ARGV[@]}"
  printf '%s\n' "$spec" >"$DPS_RUN/engine28.spec"
  wait_until 90 e28_healthy ||
    die_log "$E28_LOG" "engine28 did not come up on $E28_HOST and $E28_TCP_HOST within 90s"
  log "engine28: up (pid $(read_pid "$E28_PIDFILE"), $("$E28_CLI" -H "$E28_HOST" version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}, containerd {{range .Server.Components}}{{if eq .Name "containerd"}}{{.Version}}{{end}}{{end}}'))"
}
