# --- The app container, its password read from Secrets Manager at each start (APP-1) ---
@writeStartScript@
@writeSecretWatchScript@
@writeAppService@
@writeSecretWatchService@
@writeSecretWatchTimer@
systemctl daemon-reload
systemctl enable --now docker
systemctl enable --now @appService@.service decision-control-secret-watch.timer
