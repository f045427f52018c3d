// Consoles reconnect to the relay with jittered exponential backoff, never waiting more than 10 s.
import { describe, expect, it } from 'vitest';
import { backoffDelay, MAX_BACKOFF_MS } from '../../electron/core/sync/relay-stream.js';
import { normalizeRelayUrl, streamUrl } from '../../electron/core/sync/relay-http.js';
import { formatCredential, parseCredential } from '../../shared/sync/credentials.js';

describe('relay reconnection', () => {
  it('backs off exponentially with jitter and is capped at 10 s', () => {
    expect(MAX_BACKOFF_MS).toBe(10_000);
    expect(backoffDelay(0, () => 0)).toBe(125);
    expect(backoffDelay(0, () => 1)).toBe(250);
    expect(backoffDelay(3, () => 1)).toBe(2000);
    for (let attempt = 0; attempt < 60; attempt++) {
      for (const r of [0, 0.5, 0.999]) expect(backoffDelay(attempt, () => r)).toBeLessThanOrEqual(10_000);
    }
    expect(backoffDelay(40, () => 0)).toBe(5000);
  });

  it('takes the relay address as the relay prints it, and refuses anything else', () => {
    expect(normalizeRelayUrl('http://127.0.0.1:7430')).toBe('http://127.0.0.1:7430');
    expect(normalizeRelayUrl(' https://relay.example.com/steward/ ')).toBe('https://relay.example.com/steward');
    expect(streamUrl('https://relay.example.com/steward')).toBe('wss://relay.example.com/steward/v1/stream');
    for (const bad of ['relay.example.com', 'ftp://x', 'http://user:pw@x', 'http://x/?a=1', '']) expect(normalizeRelayUrl(bad)).toBeNull();
  });

  it('reads invitations and member tokens only in their own format', () => {
    const text = formatCredential('invitation', { id: 'abc', secret: 'S3cr3t_-x' });
    expect(parseCredential('invitation', text)).toEqual({ id: 'abc', secret: 'S3cr3t_-x' });
    expect(parseCredential('member', text)).toBeNull();
    expect(parseCredential('invitation', 'sti1.a.b.c')).toBeNull();
    expect(parseCredential('invitation', 'sti1.a b.c')).toBeNull();
  });
});
