/**
 * The ports the components open, listen on and connect to. The control numbers come from the
 * control catalogue, so the security groups, the listeners, the policy pack and the checklist
 * cannot disagree; the app's own port is the vendor's and lives only here.
 */
import { CATALOGUE } from "../../policy-pack/controls";

const { controls } = CATALOGUE;

/** The container's plain-HTTP port (a vendor fact): only the load balancer or nginx reach it (NET-4). */
export const APP_PORT = 8080;
/** Plain HTTP: the one port the internet may reach, for the ACME challenge and the redirect (NET-1). */
export const HTTP_PORT = controls["NET-1"].values.worldPort;
/** HTTPS, where clients reach the app from `allowedCidr` (NET-4). */
export const HTTPS_PORT = controls["NET-4"].values.httpsPort;
/** PostgreSQL, open only to the app tier's security group (NET-4, ACC-1). */
export const POSTGRES_PORT = controls["NET-4"].values.databasePort;
/** SSH, only when explicitly enabled and only from `allowedCidr` (ACC-2). */
export const SSH_PORT = controls["ACC-2"].values.sshPort;
