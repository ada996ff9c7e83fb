# Liveness (the load balancer's check): curl -fsS http://127.0.0.1:@appPort@@livenessPath@
# Full health, the database included: curl -fsS http://127.0.0.1:@appPort@@healthPath@
