#!/bin/bash
set -euo pipefail
case "${1:-}" in trusted|self-signed) ;; *) echo "usage: use-certificate trusted|self-signed" >&2; exit 2 ;; esac
rm -f @trustedMarker@; echo '# no HSTS' > @hstsInclude@
install -m 0644 @httpsTemplate@ @nginxSites@/https.conf
nginx -t -q || { rm -f @nginxSites@/https.conf; exit 1; }
if [ "$1" = trusted ]; then echo '@hstsHeader@' > @hstsInclude@; touch @trustedMarker@; fi
systemctl reload-or-restart nginx
