# --- HTTPS on the instance (APP-2): port 80 first; 443 once there is a certificate ---
pkg_install nginx openssl
install -d -m 0700 @tlsDir@
install -d -m 0755 @acmeWebroot@ @nginxSites@
@writeNginxConf@
@writeNginxHttpServer@
@writeNginxHttpsTemplate@
@writeUseCertificate@
systemctl enable --now nginx
