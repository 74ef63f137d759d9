# shellcheck shell=bash
# TLS material for engine20's TLS listener (tcp://127.0.0.1:2376). Sourced by setup.sh.
#
# $TLS_DIR/
#   ca.pem ca-key.pem                 CA that signs the server and the client cert
#   server-cert.pem server-key.pem    server cert, SAN IP:127.0.0.1 DNS:localhost
#   other-ca.pem other-ca-key.pem     an unrelated CA (signed nothing we use)
#   client/{ca.pem,cert.pem,key.pem}          good DOCKER_CERT_PATH (key: PKCS#1 "RSA PRIVATE KEY")
#   client-pkcs8/{ca.pem,cert.pem,key.pem}    same cert, key as PKCS#8 "PRIVATE KEY"
#   wrong-ca/{ca.pem,cert.pem,key.pem}        ca.pem = other-ca.pem, cert/key = the good client
#   no-client-cert/ca.pem                     the right CA only

TLS_MIN_VALID_SECONDS=$((30 * 24 * 3600)) # regenerate when anything expires within 30 days

_tls_valid() { # _tls_valid CERT: exists and is valid for a while
  [[ -s $1 ]] && openssl x509 -in "$1" -noout -checkend "$TLS_MIN_VALID_SECONDS" >/dev/null 2>&1
}

tls_complete() {
  local f
  for f in ca.pem ca-key.pem server-cert.pem server-key.pem other-ca.pem \
    client/ca.pem client/cert.pem client/key.pem \
    client-pkcs8/ca.pem client-pkcs8/cert.pem client-pkcs8/key.pem \
    wrong-ca/ca.pem wrong-ca/cert.pem wrong-ca/key.pem no-client-cert/ca.pem; do
    [[ -s $TLS_DIR/$f ]] || return 1
  done
  _tls_valid "$TLS_DIR/ca.pem" && _tls_valid "$TLS_DIR/server-cert.pem" &&
    _tls_valid "$TLS_DIR/client/cert.pem" && _tls_valid "$TLS_DIR/other-ca.pem" || return 1
  openssl verify -CAfile "$TLS_DIR/ca.pem" "$TLS_DIR/server-cert.pem" "$TLS_DIR/client/cert.pem" >/dev/null 2>&1 || return 1
  # the key really belongs to the cert
  [[ $(openssl x509 -in "$TLS_DIR/client/cert.pem" -noout -pubkey) == "$(openssl pkey -in "$TLS_DIR/client/key.pem" -pubout 2>/dev/null)" ]]
}

_tls_serial() { echo "0x$(openssl rand -hex 16)"; }

_tls_make_ca() { # _tls_make_ca DIR BASENAME CN
  local dir=$1 base=$2 cn=$3
  openssl genrsa -traditional -out "$dir/$base-key.pem" 2048 2>/dev/null
  cat >"$dir/$base.cnf" <<EOF
[req]
distinguished_name = dn
prompt = no
x509_extensions = v3_ca
[dn]
CN = $cn
O = DockerPS CI
[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
  openssl req -new -x509 -sha256 -days 3650 -set_serial "$(_tls_serial)" \
    -config "$dir/$base.cnf" -key "$dir/$base-key.pem" -out "$dir/$base.pem"
  rm -f "$dir/$base.cnf"
}

_tls_make_leaf() { # _tls_make_leaf DIR BASENAME CN EXTENSIONS...
  local dir=$1 base=$2 cn=$3
  shift 3
  openssl genrsa -traditional -out "$dir/$base-key.pem" 2048 2>/dev/null
  openssl req -new -sha256 -subj "/CN=$cn/O=DockerPS CI" -key "$dir/$base-key.pem" -out "$dir/$base.csr"
  printf '%s\n' "$@" >"$dir/$base.ext"
  openssl x509 -req -sha256 -days 825 -in "$dir/$base.csr" -set_serial "$(_tls_serial)" \
    -CA "$dir/ca.pem" -CAkey "$dir/ca-key.pem" -extfile "$dir/$base.ext" \
    -out "$dir/$base-cert.pem" 2>/dev/null
  rm -f "$dir/$base.csr" "$dir/$base.ext"
}

ensure_tls() {
  if tls_complete; then
    log "tls: certificates in $TLS_DIR are present and valid"
    return 0
  fi
  log "tls: generating CA, server and client certificates in $TLS_DIR"
  local tmp
  mkdir -p "$(dirname "$TLS_DIR")"
  tmp=$(mktemp -d "$(dirname "$TLS_DIR")/tls.new.XXXXXX")
  (
    set -euo pipefail
    umask 077
    _tls_make_ca "$tmp" ca "DockerPS CI CA"
    _tls_make_ca "$tmp" other-ca "DockerPS CI unrelated CA"
    _tls_make_leaf "$tmp" server localhost \
      "basicConstraints = critical, CA:FALSE" \
      "keyUsage = critical, digitalSignature, keyEncipherment" \
      "extendedKeyUsage = serverAuth" \
      "subjectAltName = IP:127.0.0.1, DNS:localhost"
    _tls_make_leaf "$tmp" client dockerps-client \
      "basicConstraints = critical, CA:FALSE" \
      "keyUsage = critical, digitalSignature, keyEncipherment" \
      "extendedKeyUsage = clientAuth"
    mkdir "$tmp/client" "$tmp/client-pkcs8" "$tmp/wrong-ca" "$tmp/no-client-cert"
    cp "$tmp/ca.pem" "$tmp/client/ca.pem"
    mv "$tmp/client-cert.pem" "$tmp/client/cert.pem"
    mv "$tmp/client-key.pem" "$tmp/client/key.pem"
    cp "$tmp/ca.pem" "$tmp/client-pkcs8/ca.pem"
    cp "$tmp/client/cert.pem" "$tmp/client-pkcs8/cert.pem"
    openssl pkcs8 -topk8 -nocrypt -in "$tmp/client/key.pem" -out "$tmp/client-pkcs8/key.pem"
    cp "$tmp/other-ca.pem" "$tmp/wrong-ca/ca.pem"
    cp "$tmp/client/cert.pem" "$tmp/client/key.pem" "$tmp/wrong-ca/"
    cp "$tmp/ca.pem" "$tmp/no-client-cert/ca.pem"
    # readable certificates, root-only keys
    find "$tmp" -type d -exec chmod 0755 {} +
    find "$tmp" -name '*.pem' -exec chmod 0644 {} +
    find "$tmp" \( -name '*key.pem' -o -name key.pem \) -exec chmod 0600 {} +
  ) || {
    rm -rf "$tmp"
    die "tls: certificate generation with openssl failed"
  }
  rm -rf "$TLS_DIR.old"
  [[ -e $TLS_DIR ]] && mv "$TLS_DIR" "$TLS_DIR.old"
  mv "$tmp" "$TLS_DIR"
  rm -rf "$TLS_DIR.old"
  tls_complete || die "tls: freshly generated certificates in $TLS_DIR do not verify"
}
