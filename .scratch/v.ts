import { validateConfig } from "../config/validate";
const base = { "decision-control:edition": "production", "decision-control:allowedCidr": "0.0.0.0/1", "decision-control:amiId": "ami-123", "decision-control:tyop": "x", "decision-control:database": JSON.stringify({multiAz: false, foo: 1, backupRetentionDays: "x"}) };
try { validateConfig(base, { region: "eu-west-1", stack: "p" }); } catch (e) { console.log((e as Error).message); }
const b2 = { "decision-control:edition": "production", "decision-control:allowedCidr": "0.0.0.0/1", "decision-control:amiId": "ami-123", "decision-control:database": JSON.stringify({multiAz: false, maintenanceWindow: "sun:02:30-sun:03:30"}), "decision-control:quarantine": "true" };
try { validateConfig(b2, { region: "us-east-1", stack: "p" }); } catch (e) { console.log("---\n"+(e as Error).message); }
const ok = validateConfig({ "decision-control:edition": "sandbox", "decision-control:allowedCidr": "203.0.113.0/24", "decision-control:amiId": "ami-0123456789abcdef0"}, { region: "eu-west-1", stack: "s" });
console.log(JSON.stringify(ok, null, 1));
