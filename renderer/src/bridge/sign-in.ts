// Web console sign-in: exchanges the API token for the HttpOnly session cookie (the token is
// sent once and never kept in JavaScript), and signs out by clearing that cookie.
export async function signInWithToken(token: string, baseUrl = window.location.origin): Promise<{ ok: true } | { ok: false; message: string }> {
  let response: Response;
  try {
    response = await fetch(new URL('/auth/login', baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: token.trim() }),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, message: 'The console cannot be reached. Is it running?' };
  }
  if (response.ok) return { ok: true };
  if (response.status === 401) return { ok: false, message: 'That token is not right. Copy it again from the api-token file in the data folder.' };
  return { ok: false, message: `Sign-in failed (HTTP ${response.status}).` };
}

export async function signOut(baseUrl = window.location.origin): Promise<void> {
  await fetch(new URL('/auth/logout', baseUrl), { method: 'POST', credentials: 'same-origin' });
}

/** The server sends a wrong `?token=` link back as `?signin=failed`; reads and removes that mark. */
export function takeSignInFailure(): boolean {
  const url = new URL(window.location.href);
  if (url.searchParams.get('signin') !== 'failed') return false;
  url.searchParams.delete('signin');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  return true;
}
