# shellcheck shell=bash
# Base images, built locally (no public registry is reachable) and `docker import`ed into
# both engines. Sourced by setup.sh.
#
#   busybox:latest   rootfs from busybox-static: /bin/busybox + a symlink per applet,
#                    /etc/passwd + /etc/group with root and nobody, /tmp; CMD ["sh"]
#   debian:bookworm  debootstrap --variant=minbase bookworm from the machine's mirror; CMD ["bash"]

BUSYBOX_REQUIRED_APPLETS=(sh ls cat echo sleep true false env id wc head tail touch mkdir rm yes dd
  sha256sum printf grep sed cut sort uniq find stat ln mv cp chmod date hostname ps kill nc wget vi
  tr tee seq md5sum tar gzip)

build_busybox_tar() {
  local bb=/bin/busybox root a
  [[ -x $bb ]] || die "images: $bb missing (package busybox-static)"
  root=$(mktemp -d)
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,home,tmp,var/tmp,proc,sys,dev}
  cp "$bb" "$root/bin/busybox"
  while read -r a; do
    [[ -n $a && $a != busybox ]] && ln -s busybox "$root/bin/$a"
  done < <("$bb" --list)
  for a in "${BUSYBOX_REQUIRED_APPLETS[@]}"; do
    [[ -L $root/bin/$a ]] || {
      rm -rf "$root"
      die "images: busybox-static has no applet '$a'"
    }
  done
  ln -s ../../bin/env "$root/usr/bin/env" # for #!/usr/bin/env scripts
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$root/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nobody:x:65534:' 'nogroup:x:65534:' >"$root/etc/group"
  chmod 0700 "$root/root"
  chmod 1777 "$root/tmp" "$root/var/tmp"
  tar --numeric-owner --owner=0 --group=0 --sort=name --mtime=@0 -C "$root" -cf "$BUSYBOX_TAR.tmp" . ||
    die "images: creating $BUSYBOX_TAR failed"
  mv "$BUSYBOX_TAR.tmp" "$BUSYBOX_TAR"
  rm -rf "$root"
}

build_debian_tar() {
  local mirror work
  mirror=$(debian_mirror)
  mkdir -p "$DPS_CACHE"
  work=$DPS_CACHE/debootstrap.work
  remove_tree "$work"
  log "images: debootstrap --variant=minbase bookworm from $mirror (a few minutes; log $DPS_LOG/debootstrap.log)"
  if ! debootstrap --variant=minbase bookworm "$work" "$mirror" >"$DPS_LOG/debootstrap.log" 2>&1; then
    [[ -f $work/debootstrap/debootstrap.log ]] && cp "$work/debootstrap/debootstrap.log" "$DPS_LOG/debootstrap-inner.log"
    remove_tree "$work"
    die_log "$DPS_LOG/debootstrap.log" "images: debootstrap failed"
  fi
  # slim it down like the official image and drop host-specific files
  rm -rf "$work"/var/lib/apt/lists/* "$work"/var/cache/apt/*.bin "$work"/var/cache/apt/archives/*.deb \
    "$work"/var/log/* "$work"/debootstrap "$work"/tmp/* "$work"/root/.bash_history
  rm -f "$work/etc/resolv.conf" "$work/etc/hostname"
  echo "deb $mirror bookworm main" >"$work/etc/apt/sources.list"
  tar --numeric-owner --sort=name -C "$work" \
    --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -cf "$DEBIAN_TAR.tmp" . ||
    die "images: creating $DEBIAN_TAR failed"
  mv "$DEBIAN_TAR.tmp" "$DEBIAN_TAR"
  remove_tree "$work"
  log "images: cached $DEBIAN_TAR ($(du -h "$DEBIAN_TAR" | cut -f1))"
}

# image_ok CLI HOST IMAGE: the image is one of ours (right CMD, and it works as the tests expect)
image_ok() {
  local cli=$1 host=$2 image=$3 cmd check want out
  case $image in
    "$BUSYBOX_IMAGE") cmd='["sh"]' check=(--user nobody "$image" id -un) want=nobody ;;
    "$DEBIAN_IMAGE") cmd='["bash"]' check=("$image" cat /etc/debian_version) want='12.*' ;;
    *) die "images: unknown image $image" ;;
  esac
  [[ $("$cli" -H "$host" image inspect --format '{{json .Config.Cmd}}' "$image" 2>/dev/null) == "$cmd" ]] || return 1
  out=$(DOCKER_CONFIG=$DPS_STATE/docker-config timeout 60 "$cli" -H "$host" run --rm --pull=never "${check[@]}" 2>&1) || return 1
  # shellcheck disable=SC2053
  [[ $out == $want ]]
}

# ensure_image NAME CLI HOST IMAGE TAR CMD-JSON: import unless the engine already has a good one
ensure_image() {
  local name=$1 cli=$2 host=$3 image=$4 tar=$5 cmd=$6 out id stamp
  stamp=$DPS_STATE/images/$name.${image//[:\/]/_}.id # id of the image we last checked/imported
  if id=$("$cli" -H "$host" image inspect --format '{{.Id}}' "$image" 2>/dev/null); then
    if [[ -f $stamp && $(cat "$stamp") == "$id" ]]; then
      log "images: $name has $image"
      return 0
    fi
    if image_ok "$cli" "$host" "$image"; then
      log "images: $name has $image (checked)"
      mkdir -p "${stamp%/*}" && echo "$id" >"$stamp"
      return 0
    fi
    log "images: $image in $name is not the one this script imports (CMD or content differs); re-importing"
  else
    log "images: importing $image into $name"
  fi
  out=$("$cli" -H "$host" import --change "CMD $cmd" - "$image" <"$tar" 2>&1) ||
    die "images: docker import of $image into $name failed: $out"
  image_ok "$cli" "$host" "$image" || die "images: freshly imported $image does not work in $name"
  mkdir -p "${stamp%/*}"
  "$cli" -H "$host" image inspect --format '{{.Id}}' "$image" >"$stamp"
}

ensure_images() {
  [[ -s $BUSYBOX_TAR ]] || build_busybox_tar
  [[ -s $DEBIAN_TAR ]] || build_debian_tar
  local e cli host
  for e in engine20 engine28; do
    if [[ $e == engine20 ]]; then cli=$E20_CLI host=$E20_HOST; else cli=$E28_CLI host=$E28_HOST; fi
    ensure_image "$e" "$cli" "$host" "$BUSYBOX_IMAGE" "$BUSYBOX_TAR" '["sh"]'
    ensure_image "$e" "$cli" "$host" "$DEBIAN_IMAGE" "$DEBIAN_TAR" '["bash"]'
  done
}

# docker run on both engines (also checks runc/containerd/bridge wiring)
verify_run() { # verify_run NAME CLI HOST
  local name=$1 cli=$2 host=$3 out
  out=$(DOCKER_CONFIG=$DPS_STATE/docker-config timeout 60 "$cli" -H "$host" run --rm --pull=never "$BUSYBOX_IMAGE" true 2>&1) ||
    die "$name: 'docker run --rm $BUSYBOX_IMAGE true' failed: $out"
}
