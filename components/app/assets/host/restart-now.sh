logger -t @appService@ "database secret rotated; restarting @appService@"
systemctl restart @appService@
