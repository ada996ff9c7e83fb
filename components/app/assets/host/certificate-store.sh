#!/bin/bash
set -euo pipefail
set +x
umask 077
install -d -m 0700 @runDir@
tmp="$(mktemp -d @runDir@/certificate.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
secret=(--region @region@ --secret-id @certificateSecretArn@)
case "${1:-}" in
  restore)
    aws secretsmanager get-secret-value "${secret[@]}" --query SecretString --output text > "$tmp/stored.json"
    python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); s.get("fqdn")==sys.argv[2] or sys.exit(1); [open(sys.argv[3]+"/"+k+".pem","w").write(s[k]) for k in ("fullchain","privkey")]' "$tmp/stored.json" @fqdn@ "$tmp"
    c="$tmp/fullchain.pem"
    openssl x509 -checkend 86400 -noout -in "$c" > /dev/null
    openssl verify -untrusted "$c" -verify_hostname @fqdn@ "$c" > /dev/null
    [ "$(openssl x509 -noout -pubkey -in "$c")" = "$(openssl pkey -pubout -in "$tmp/privkey.pem")" ]
    mv "$c" "$tmp/privkey.pem" @tlsDir@/
    @libexec@/use-certificate trusted ;;
  store)
    python3 -c 'import json,sys; d=sys.argv[2]; json.dump({"fqdn": sys.argv[1], "fullchain": open(d+"/fullchain.pem").read(), "privkey": open(d+"/privkey.pem").read()}, open(sys.argv[3], "w"))' @fqdn@ @tlsDir@ "$tmp/stored.json"
    aws secretsmanager put-secret-value "${secret[@]}" --secret-string "file://$tmp/stored.json" > /dev/null ;;
  *) echo "usage: certificate-store restore|store" >&2; exit 2 ;;
esac
