# shellcheck shell=bash
# Debian packages: bookworm installs, and sid .debs for engine28 (downloaded, never installed).
# Sourced by setup.sh.

APT_UPDATED=0
export DEBIAN_FRONTEND=noninteractive

pkg_installed() { [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]; }

apt_update_once() {
  ((APT_UPDATED)) && return 0
  log "apt: apt-get update"
  apt-get update >"$DPS_LOG/apt-update.log" 2>&1 || die_log "$DPS_LOG/apt-update.log" "apt-get update failed"
  APT_UPDATED=1
}

# write FILE with CONTENT unless it already has exactly that content; true if it changed
write_if_changed() { # write_if_changed FILE CONTENT
  local file=$1 content=$2
  if [[ -f $file && $(cat "$file") == "$content" ]]; then return 1; fi
  mkdir -p "$(dirname "$file")"
  printf '%s\n' "$content" >"$file.tmp.$$"
  mv "$file.tmp.$$" "$file"
  return 0
}

# The sid entry, pinned to -1 so that apt never installs anything from it.
ensure_sid_source() {
  local mirror
  mirror=$(debian_mirror)
  if write_if_changed "$SID_SOURCES_FILE" "# Added by DockerPS tests/engine/setup.sh. Only used with \`apt-get download\` for the
# engine28 test daemon; $SID_PREFS_FILE pins it to -1 so apt never installs from it.
Types: deb
URIs: $mirror
Suites: sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"; then
    log "apt: wrote $SID_SOURCES_FILE (mirror $mirror)"
  fi
  if write_if_changed "$SID_PREFS_FILE" "# Added by DockerPS tests/engine/setup.sh: never install anything from sid.
Package: *
Pin: release n=sid
Pin-Priority: -1"; then
    log "apt: wrote $SID_PREFS_FILE (sid pinned to -1)"
  fi
}

ensure_packages() {
  local missing=() p installed
  installed=" $(dpkg-query -W -f='${db:Status-Status}:${Package} ' "${APT_PACKAGES[@]}" 2>/dev/null || true) "
  for p in "${APT_PACKAGES[@]}"; do
    [[ $installed == *" installed:$p "* ]] || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    log "apt: all bookworm packages present"
  else
    apt_update_once
    log "apt: installing ${missing[*]}"
    # 9>&-: a service that a package's postinst may start must not inherit our lock
    apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold "${missing[@]}" \
      >"$DPS_LOG/apt-install.log" 2>&1 9>&- || die_log "$DPS_LOG/apt-install.log" "apt-get install failed"
    for p in "${missing[@]}"; do
      pkg_installed "$p" || die "apt: package $p is still not installed (see $DPS_LOG/apt-install.log)"
    done
  fi
  # apt must never take docker from sid (see $SID_PREFS_FILE)
  [[ $(dpkg-query -W -f='${Version}' docker.io) == 20.10.* ]] ||
    die "apt: the installed docker.io is $(dpkg-query -W -f='${Version}' docker.io), not bookworm's 20.10"
}

# Make sure cgroup v1 hierarchies (or cgroup2) are mounted; normally the machine does it.
ensure_cgroups() {
  if grep -qE ' /sys/fs/cgroup(/[a-z_,=]+)? (cgroup|cgroup2) ' /proc/mounts; then return 0; fi
  log "cgroups: not mounted, running cgroupfs-mount"
  cgroupfs-mount || die "cgroups: cgroupfs-mount failed"
}

_sid_cached_deb() { # _sid_cached_deb PACKAGE: path of the cached .deb, if any
  local version_glob='*' f
  [[ $1 == docker.io || $1 == docker-cli ]] && version_glob=$SID_DOCKER_VERSION_GLOB
  # shellcheck disable=SC2206
  local matches=($SID_DEB_CACHE/${1}_${version_glob}_amd64.deb)
  for f in "${matches[@]}"; do
    [[ -s $f ]] && {
      printf '%s\n' "$f"
      return 0
    }
  done
  return 1
}

# The version of PACKAGE that sid offers (first match of GLOB, if given).
_sid_version() { # _sid_version PACKAGE [GLOB]
  local glob=${2:-*} v
  while read -r v; do
    # shellcheck disable=SC2053
    [[ $v == $glob ]] && {
      printf '%s\n' "$v"
      return 0
    }
  done < <(apt-cache madison "$1" | awk -F'|' '$3 ~ / sid\/main / { gsub(/ /, "", $2); print $2 }')
  return 1
}

ensure_sid_debs() {
  local missing=() p v tmp
  for p in "${SID_PACKAGES[@]}"; do
    _sid_cached_deb "$p" >/dev/null || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    log "sid: .debs cached in $SID_DEB_CACHE"
    return 0
  fi
  apt_update_once
  mkdir -p "$SID_DEB_CACHE"
  tmp=$(mktemp -d "$SID_DEB_CACHE/download.XXXXXX")
  chown _apt "$tmp" 2>/dev/null || true # apt-get download drops to _apt
  local wanted=()
  for p in "${missing[@]}"; do
    if [[ $p == docker.io || $p == docker-cli ]]; then
      v=$(_sid_version "$p" "$SID_DOCKER_VERSION_GLOB") ||
        die "sid: no $p version matching $SID_DOCKER_VERSION_GLOB in sid (apt-cache madison $p); set DOCKERPS_SID_DOCKER_VERSION"
    else
      v=$(_sid_version "$p") || die "sid: package $p not found in sid (apt-cache madison $p)"
    fi
    wanted+=("$p=$v")
  done
  log "sid: apt-get download ${wanted[*]}"
  (cd "$tmp" && apt-get download -q "${wanted[@]}") >>"$DPS_LOG/apt-download.log" 2>&1 ||
    die_log "$DPS_LOG/apt-download.log" "apt-get download ${wanted[*]} from sid failed"
  mv "$tmp"/*.deb "$SID_DEB_CACHE"/
  rm -rf "$tmp"
  for p in "${SID_PACKAGES[@]}"; do
    _sid_cached_deb "$p" >/dev/null || die "sid: $p .deb missing from $SID_DEB_CACHE after download"
  done
}

# dpkg -x the cached sid .debs into $E28_ROOT (again only if the set of .debs changed)
ensure_sid_unpacked() {
  local debs=() p stamp tmp
  for p in "${SID_PACKAGES[@]}"; do debs+=("$(_sid_cached_deb "$p")"); done
  stamp=$(cd "$SID_DEB_CACHE" && sha256sum "${debs[@]##*/}")
  if [[ -x $E28_DOCKERD && -f $E28_ROOT/.dockerps-debs && $(cat "$E28_ROOT/.dockerps-debs") == "$stamp" ]]; then
    log "sid: packages already unpacked in $E28_ROOT"
    return 0
  fi
  log "sid: unpacking ${debs[*]##*/} into $E28_ROOT"
  mkdir -p "$(dirname "$E28_ROOT")"
  tmp=$(mktemp -d "$E28_ROOT.new.XXXXXX")
  for p in "${debs[@]}"; do
    dpkg -x "$p" "$tmp" || die "sid: dpkg -x $p failed"
  done
  printf '%s\n' "$stamp" >"$tmp/.dockerps-debs"
  chmod 0755 "$tmp"
  rm -rf "$E28_ROOT"
  mv "$tmp" "$E28_ROOT"
  local bin
  for bin in "$E28_DOCKERD" "$E28_CONTAINERD" "$E28_CLI" "$E28_ROOT/usr/bin/containerd-shim-runc-v2" \
    "$E28_ROOT/usr/bin/ctr" "$E28_ROOT/usr/sbin/docker-proxy" "$E28_ROOT/usr/bin/docker-init"; do
    [[ -x $bin ]] || die "sid: $bin missing after unpacking"
  done
  "$E28_DOCKERD" --version >/dev/null 2>&1 || die "sid: $E28_DOCKERD does not run on this system"
  "$E28_CONTAINERD" --version >/dev/null 2>&1 || die "sid: $E28_CONTAINERD does not run on this system"
}
