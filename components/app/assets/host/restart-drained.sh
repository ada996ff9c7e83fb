imds() {
  local token
  token="$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token)"
  curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}
if instance_id="$(imds instance-id)" && zone="$(imds placement/availability-zone)"; then
  # One AZ at a time, so the others keep serving: slot n starts n x @restartSlotSeconds@ s after the rotation.
  slot=$(( $(printf '%d' "'${zone: -1}") - 97 ))
  if (( slot < 0 || slot > 5 )); then slot=0; fi
  rotated="$(printf '%s' "$secret" | python3 -c 'import datetime,json,sys,time
v=json.load(sys.stdin).get("LastRotatedDate")
try: t=float(v)
except (TypeError,ValueError):
  try: t=datetime.datetime.fromisoformat(str(v).replace("Z","+00:00")).timestamp()
  except ValueError: t=time.time()
print(int(t))')"
  delay=$(( rotated + slot * @restartSlotSeconds@ - $(date +%s) ))
  if (( delay > 0 )); then sleep "$delay"; fi
  if aws elbv2 deregister-targets --region "$region" --target-group-arn @targetGroupArn@ --targets "Id=$instance_id"; then
    trap 'aws elbv2 register-targets --region "$region" --target-group-arn @targetGroupArn@ --targets "Id=$instance_id"; logger -t @appService@ "rejoined the load balancer"' EXIT
    logger -t @appService@ "database secret rotated; left the load balancer (slot $slot), restarting after the drain"
    sleep @deregistrationDelaySeconds@
  fi
fi
systemctl restart @appService@
for _ in $(seq 1 @healthWaitTries@); do
  if curl -fsS -o /dev/null http://127.0.0.1:@appPort@@healthPath@; then break; fi
  sleep 10
done
