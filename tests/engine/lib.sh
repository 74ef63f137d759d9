# shellcheck shell=bash disable=SC2034
# Shared settings and helpers for tests/engine/*.sh. Sourced, never run directly.
#
# Everything the engine test environment creates lives under these paths, so
# stop.sh / status.sh can find it again without any other bookkeeping.

DPS_STATE=/var/lib/dockerps-ci          # persistent state: tls, ssh, registry, engine28 data
DPS_RUN=/run/dockerps-ci                # pid files, sockets, "started with" spec files
DPS_LOG=/var/log/dockerps-ci            # daemon logs
DPS_CACHE=/var/cache/dockerps-ci        # downloaded .debs and image tarballs (survive --purge)
DPS_OPT=/opt/dockerps-ci                # unpacked sid packages
DPS_ETC=/etc/dockerps-ci                # generated config files

ENDPOINTS_FILE=${DOCKERPS_TEST_ENV:-$DPS_STATE/endpoints.json}
TLS_DIR=$DPS_STATE/tls
SSH_DIR=$DPS_STATE/ssh

# Debian packages installed from bookworm (the default release of this machine).
APT_PACKAGES=(docker.io docker-registry busybox-static debootstrap openssh-server apache2-utils
  subversion curl jq
  # the recipe tests' browser (tests/DockerPS.Recipes.Tests: noVNC in headless Chromium)
  chromium
  # things the above only Recommend (we install with --no-install-recommends) or that the
  # scripts use directly
  ca-certificates git xz-utils iptables iproute2 procps openssl cgroupfs-mount)

# Packages fetched from sid with `apt-get download` (never installed) for engine28.
SID_SOURCES_FILE=/etc/apt/sources.list.d/dockerps-sid.sources
SID_PREFS_FILE=/etc/apt/preferences.d/dockerps-sid
SID_PACKAGES=(docker.io docker-cli containerd tini-static)
SID_DOCKER_VERSION_GLOB=${DOCKERPS_SID_DOCKER_VERSION:-28.*}   # docker.io version we accept from sid
SID_DEB_CACHE=$DPS_CACHE/debs

# --- engine20: bookworm's docker.io, default socket + TLS TCP --------------------------
E20_NAME=engine20
E20_DOCKERD=/usr/sbin/dockerd
E20_CLI=/usr/bin/docker
E20_SOCK=/var/run/docker.sock
E20_HOST=unix://$E20_SOCK
E20_PIDFILE=/var/run/docker.pid
E20_CONTAINERD_PIDFILE=/var/run/docker/containerd/containerd.pid   # dockerd-managed containerd
E20_CONFIG=$DPS_ETC/engine20/daemon.json
E20_TLS_HOST=tcp://127.0.0.1:2376
E20_LOG=$DPS_LOG/engine20.log

# --- engine28: sid's docker.io + containerd, unpacked under /opt ------------------------
E28_NAME=engine28
E28_ROOT=$DPS_OPT/engine28                      # dpkg -x target
E28_DOCKERD=$E28_ROOT/usr/sbin/dockerd
E28_CONTAINERD=$E28_ROOT/usr/bin/containerd
E28_CLI=$E28_ROOT/usr/bin/docker
E28_RUN=$DPS_RUN/engine28
E28_SOCK=$E28_RUN/docker.sock
E28_HOST=unix://$E28_SOCK
E28_PIDFILE=$E28_RUN/dockerd.pid
E28_EXEC_ROOT=$E28_RUN/exec
E28_DATA=$DPS_STATE/engine28
E28_CONFIG=$DPS_ETC/engine28/daemon.json
E28_CTRD_CONFIG=$DPS_ETC/engine28/containerd.toml
E28_CTRD_SOCK=$E28_RUN/containerd/containerd.sock
E28_CTRD_STATE=$E28_RUN/containerd/state
E28_CTRD_ROOT=$E28_DATA/containerd
E28_CTRD_PIDFILE=$E28_RUN/containerd.pid
E28_TCP_HOST=tcp://127.0.0.1:2375
E28_BRIDGE=dps28
E28_BRIDGE_CIDR=172.16.250.1/24            # default bridge of engine28
E28_ADDRESS_POOL=base=172.16.0.0/16,size=24 # user networks of engine28 (engine20 never uses 172.16/16)
# sid's runc needs a newer glibc than bookworm's: engine28 uses bookworm's /usr/sbin/runc,
# found through this PATH (the sid dirs come first so the sid containerd-shim-runc-v2 wins).
E28_PATH=$E28_ROOT/usr/bin:$E28_ROOT/usr/sbin:/usr/sbin:/usr/bin:/sbin:/bin
E28_LOG=$DPS_LOG/engine28.log
E28_CTRD_LOG=$DPS_LOG/engine28-containerd.log

# --- registry ------------------------------------------------------------------------------
REG_ADDR=127.0.0.1:5000
REG_USER=dockerps
REG_DIR=$DPS_STATE/registry
REG_CONFIG=$DPS_ETC/registry/config.yml
REG_PIDFILE=$DPS_RUN/registry.pid
REG_LOG=$DPS_LOG/registry.log

# --- sshd ----------------------------------------------------------------------------------
SSHD_PORT=2222
SSHD_CONFIG=$DPS_ETC/sshd_config
SSHD_PIDFILE=$DPS_RUN/sshd.pid
SSHD_LOG=$DPS_LOG/sshd.log
SSH_HOST=ssh://root@127.0.0.1:$SSHD_PORT
SSH_CLIENT_CONFIG=/root/.ssh/config

# --- images --------------------------------------------------------------------------------
BUSYBOX_IMAGE=busybox:latest
DEBIAN_IMAGE=debian:bookworm
BUSYBOX_TAR=$DPS_CACHE/busybox-rootfs.tar
DEBIAN_TAR=$DPS_CACHE/debian-bookworm.tar

# ---------------------------------------------------------------------------------------------
# logging

log() { printf '[engine-env %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
warn() { printf '[engine-env %s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  printf '[engine-env %s] FAILED: %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit 1
}
# die with the last lines of a log file, to make CI failures self-explaining
die_log() { # die_log LOGFILE MESSAGE...
  local logfile=$1
  shift
  if [[ -f $logfile ]]; then
    printf -- '----- last lines of %s -----\n' "$logfile" >&2
    tail -n 25 "$logfile" >&2 || true
    printf -- '-----\n' >&2
  fi
  die "$* (log: $logfile)"
}

require_root() { [[ $(id -u) -eq 0 ]] || die "must run as root"; }

# ---------------------------------------------------------------------------------------------
# processes

# true if process $1 exists and is not a zombie (PID 1 here may reap orphans late)
pid_alive() {
  [[ -n ${1:-} ]] || return 1
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) } # state is the field after "(comm) "
  [[ -n $stat && ${stat:0:1} != Z && ${stat:0:1} != X ]]
}
read_pid() { # read_pid PIDFILE: the pid in it (one line), or nothing
  local p
  [[ -f $1 ]] || return 0
  p=$(tr -dc '0-9' 2>/dev/null <"$1") || true
  [[ -n $p ]] && echo "$p"
  return 0
}
# the command line of a process, NUL separators turned into single spaces (trailing space)
proc_cmdline() { tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" || true; }
# true when the executable of a process was replaced on disk (package upgrade, re-unpack)
exe_deleted() { [[ $(readlink "/proc/$1/exe" 2>/dev/null || true) == *" (deleted)" ]]; }
# the form proc_cmdline returns, for an argv array
argv_string() { printf '%s ' "$@"; }

# pids whose executable is exactly $1 (also when it was deleted/replaced on disk)
pids_by_exe() {
  find /proc -mindepth 2 -maxdepth 2 -name exe \( -lname "$1" -o -lname "$1 (deleted)" \) 2>/dev/null |
    cut -d/ -f3 || true
}

# start_bg LOGFILE PIDFILE CMD...: start CMD detached from this shell (own session, stdin
# from /dev/null, output appended to LOGFILE, no inherited descriptors such as our lock fd)
# and write its pid to PIDFILE ("-": the daemon writes its own pid file).
# setsid, nohup and env all exec into CMD, so $! is CMD's pid.
start_bg() {
  local logfile=$1 pidfile=$2
  shift 2
  mkdir -p "$(dirname "$logfile")"
  printf '\n===== %s started by tests/engine/setup.sh: %s\n' "$(date -Is)" "$*" >>"$logfile"
  setsid nohup "$@" >>"$logfile" 2>&1 </dev/null 9>&- &
  if [[ $pidfile != - ]]; then
    mkdir -p "$(dirname "$pidfile")"
    echo $! >"$pidfile"
  fi
}

# stop_pid NAME PID [TIMEOUT]: SIGTERM, wait, then SIGKILL
stop_pid() {
  local name=$1 pid=$2 timeout=${3:-30} i
  pid_alive "$pid" || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 5; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.2
  done
  warn "$name (pid $pid) did not stop within ${timeout}s, killing it"
  kill -KILL "$pid" 2>/dev/null || true
  sleep 0.5
}

# remove_tree DIR: unmount whatever is still mounted below DIR (a failed debootstrap's /proc,
# netns bind mounts of a killed dockerd, ...), then delete it without crossing file systems
remove_tree() {
  local dir=$1 m
  [[ -e $dir ]] || return 0
  while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done < <(awk -v d="$dir" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts | sort -r)
  rm -rf --one-file-system "$dir"
}

# wait_until TIMEOUT_SECONDS CMD...: retry CMD until it succeeds
wait_until() {
  local timeout=$1 deadline
  shift
  deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.3
  done
}

# true when something listens on 127.0.0.1:PORT (TCP)
port_listening() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
# pids of the processes listening on TCP PORT
port_owner_pids() { { ss -Hltnp "sport = :$1" 2>/dev/null || true; } | { grep -o 'pid=[0-9]*' || true; } | cut -d= -f2 | sort -u; }

# ---------------------------------------------------------------------------------------------
# "spec" files: what a daemon was started with (argv plus hashes of the files it reads).
# A running daemon is only accepted if its spec file equals the spec we would start it with
# now and its /proc cmdline still matches; otherwise it is restarted.

spec_of() { # spec_of FILE... -- ARGV...
  while [[ $1 != -- ]]; do
    if [[ -e $1 ]]; then sha256sum "$1"; else echo "missing $1"; fi
    shift
  done
  shift
  argv_string "$@"
  echo
}

# daemon_matches PIDFILE SPECFILE SPEC ARGV...: true if the pid in PIDFILE runs ARGV and was
# started with SPEC.
daemon_matches() {
  local pidfile=$1 specfile=$2 spec=$3 pid have want
  shift 3
  pid=$(read_pid "$pidfile")
  pid_alive "$pid" || return 1
  exe_deleted "$pid" && return 1
  have=$(proc_cmdline "$pid")
  want=$(argv_string "$@")
  # sshd rewrites its process title to "sshd: ARGV [listener] ..."
  [[ $have == "$want" || $have == "sshd: ${want% } [listener]"* ]] || return 1
  [[ -f $specfile && $(cat "$specfile") == "$spec" ]] || return 1
}

# ---------------------------------------------------------------------------------------------
# docker CLI wrappers. Never pull anything from a public registry.

e20() { DOCKER_CONFIG=$DPS_STATE/docker-config "$E20_CLI" -H "$E20_HOST" "$@"; }
e28() { DOCKER_CONFIG=$DPS_STATE/docker-config "$E28_CLI" -H "$E28_HOST" "$@"; }

# The apt mirror this machine is configured with (bookworm main), reused for sid and debootstrap.
debian_mirror() {
  local uri=""
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    # first deb822 stanza whose Suites include plain "bookworm"
    uri=$(awk '
      BEGIN { RS = ""; FS = "\n" }
      {
        u = ""; s = 0
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", $i); split($i, a, /[ \t]+/); u = a[1] }
          if ($i ~ /^Suites:/ && $i ~ /[ \t]bookworm([ \t]|$)/) s = 1
        }
        if (s && u != "") { print u; exit }
      }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [[ -z $uri && -f /etc/apt/sources.list ]]; then
    uri=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list)
  fi
  [[ -n $uri ]] || uri=http://deb.debian.org/debian
  printf '%s\n' "${uri%/}"
}
