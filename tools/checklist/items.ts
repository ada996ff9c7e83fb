/**
 * The guide's pre-production checklist, mapped to control IDs exactly as in the control catalogue's
 * table ("The guide's pre-production checklist, mapped"). One entry per item; the evidence each item
 * needs lives in evidence.ts (under mocks) and tools/live/ (against the deployed account).
 */
export interface ChecklistItem {
  readonly number: number;
  readonly title: string;
  readonly controls: readonly string[];
}

export const CHECKLIST: readonly ChecklistItem[] = [
  {
    number: 1,
    title: "IP restrictions configured (allowedCidr not 0.0.0.0/0)",
    controls: ["NET-1"],
  },
  { number: 2, title: "HTTPS with a valid certificate", controls: ["APP-2"] },
  { number: 3, title: "Database password changed from default", controls: ["APP-1"] },
  { number: 4, title: "EBS encryption verified", controls: ["DATA-1"] },
  { number: 5, title: "RDS encryption enabled", controls: ["DATA-2"] },
  { number: 6, title: "Multi-AZ RDS", controls: ["DATA-4"] },
  { number: 7, title: "Automated backups (7-30 days)", controls: ["DATA-3"] },
  { number: 8, title: "CloudWatch alarms configured", controls: ["MON-1"] },
  { number: 9, title: "CloudTrail logging enabled", controls: ["IAM-3"] },
  { number: 10, title: "VPC flow logs enabled", controls: ["NET-3"] },
  { number: 11, title: "Security groups least privilege", controls: ["NET-4", "NET-5"] },
  { number: 12, title: "RDS not publicly accessible", controls: ["ACC-1"] },
  { number: 13, title: "SSM Session Manager works", controls: ["IAM-1"] },
  { number: 14, title: "SSH keys secured or disabled", controls: ["ACC-2"] },
  { number: 15, title: "AMI up to date", controls: ["APP-3", "APP-4"] },
  { number: 16, title: "Incident response plan documented", controls: ["IR-1", "IR-2", "IR-3"] },
];

/** Items whose controls include `controlId`. */
export function itemsFor(controlId: string): ChecklistItem[] {
  return CHECKLIST.filter((item) => item.controls.includes(controlId));
}
