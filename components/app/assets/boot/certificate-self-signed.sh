# --- Self-signed certificate for the Elastic IP (no domain): HTTPS without HSTS ---
@selfSignedCertificate@
