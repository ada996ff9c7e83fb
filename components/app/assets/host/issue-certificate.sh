#!/bin/bash
set -euo pipefail
if [ ! -d @letsencryptLive@/@fqdn@ ] && [ -e @trustedMarker@ ] \
  && openssl x509 -checkend 2592000 -noout -in @tlsDir@/fullchain.pem > /dev/null; then
  exit 0
fi
certbot certonly --webroot --webroot-path @acmeWebroot@ --domain @fqdn@ \
  --non-interactive --agree-tos @certbotContact@ --keep-until-expiring
if [ -e @trustedMarker@ ] && cmp -s @letsencryptLive@/@fqdn@/fullchain.pem @tlsDir@/fullchain.pem; then
  exit 0
fi
install -m 0600 @letsencryptLive@/@fqdn@/fullchain.pem @letsencryptLive@/@fqdn@/privkey.pem @tlsDir@/
@libexec@/certificate-store store || logger -t @appService@ "certificate not stored; a replacement host will request a new one"
@libexec@/use-certificate trusted
