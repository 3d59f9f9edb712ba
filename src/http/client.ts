import type { IncomingMessage } from 'node:http';
import { clientKey } from '../limits/client-limits.js';

/**
 * The client's IP as a limit counts it, from the connection itself (the node server's request in
 * Yoga's server context). X-Forwarded-For is not read: no proxy is trusted.
 */
export function clientIp(serverContext: unknown): string {
  const req = (serverContext as { req?: IncomingMessage } | undefined)?.req;
  return clientKey(req?.socket?.remoteAddress);
}

const LOOPBACK_IPV4 = /^127(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Whether a listen address reaches this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopbackBind(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || LOOPBACK_IPV4.test(h);
}

/**
 * Whether a Host header names this machine by a loopback name: localhost, 127.x.y.z or [::1],
 * with or without a port. A DNS-rebound name (evil.example resolving to 127.0.0.1) does not.
 */
export function isLoopbackHostHeader(host: string | null | undefined): boolean {
  if (!host) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::\d{1,5})?$/.exec(host.trim());
  if (!match) return false;
  const name = (match[1] as string).toLowerCase();
  return name === 'localhost' || name === '[::1]' || LOOPBACK_IPV4.test(name);
}
