pkg_install certbot || { python3 -m venv /opt/certbot && /opt/certbot/bin/pip install --quiet certbot && ln -sfn /opt/certbot/bin/certbot /usr/local/bin/certbot; }
@writeCertificateStore@
@writeIssueCertificate@
@writeCertificateService@
@writeCertificateTimer@
