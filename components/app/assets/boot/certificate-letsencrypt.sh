# --- Certificate (APP-2): the stored one, else one issued now (4 tries 2 minutes apart stay
# within Let's Encrypt's 5 failed authorizations an hour), else self-signed without HSTS ---
if ! @libexec@/certificate-store restore; then
  for delay in 0 120 120 120; do
    sleep "$delay"; @libexec@/issue-certificate && break
  done
  if [ ! -e @trustedMarker@ ]; then
    @selfSignedCertificate@
  fi
fi
systemctl enable --now decision-control-certificate.timer
