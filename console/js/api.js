// The API client: same origin (/v1), JSON in and out, problem+json errors as ApiProblem.
// The session token lives in this module and in sessionStorage (this tab only, gone when it closes),
// never in storage that outlives the tab, never in a cookie.

const SESSION_KEY = 'latchkey.session';
const DEVICE_KEY = 'latchkey.device';
const FLASH_KEY = 'latchkey.flash';
const INVITATION_KEY = 'latchkey.invitation';

let current;

/** The signed-in session ({token, id}) or null. */
export function session() {
  if (current === undefined) {
    try {
      current = JSON.parse(sessionStorage.getItem(SESSION_KEY));
    } catch {
      current = null;
    }
  }
  return current;
}

/** Keeps a session from a sign-in, a signup confirmation or a password change. */
export function saveSession({ token, id }) {
  current = { token, id };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(current));
}

export function clearSession() {
  current = null;
  sessionStorage.removeItem(SESSION_KEY);
}

/** The device token of an earlier sign-in in this tab (it softens the brute-force limits for this client). */
export function deviceToken() {
  return sessionStorage.getItem(DEVICE_KEY);
}

export function saveDeviceToken(token) {
  if (token) sessionStorage.setItem(DEVICE_KEY, token);
}

/** A message for the next page this tab opens (shown once, in its status region). */
export function flash(message) {
  sessionStorage.setItem(FLASH_KEY, message);
}

/** The flash after joining an application (from the mailed link or the list of invitations). */
export function flashJoined(app) {
  flash(`You joined ${app.name} as ${app.role === 'developer' ? 'a' : 'an'} ${app.role}.`);
}

export function takeFlash() {
  const message = sessionStorage.getItem(FLASH_KEY);
  sessionStorage.removeItem(FLASH_KEY);
  return message;
}

/** The token of a mailed invitation opened before signing in, kept (this tab only) to accept afterwards. */
export function pendingInvitation() {
  return sessionStorage.getItem(INVITATION_KEY);
}

export function keepInvitation(token) {
  if (token) sessionStorage.setItem(INVITATION_KEY, token);
  else sessionStorage.removeItem(INVITATION_KEY);
}

/** Where a fresh sign-in goes: the invitation waiting to be accepted, an email change to confirm, else the profile. */
export function afterSignIn() {
  if (pendingInvitation()) return '/accept-invitation';
  return sessionStorage.getItem('latchkey.emailChange') ? '/confirm-email' : '/profile';
}

/** An API error: the problem+json body's fields (code, detail, field, …), the status and Retry-After. */
export class ApiProblem extends Error {
  constructor(status, body, retryAfter) {
    super(body.detail);
    Object.assign(this, body);
    this.status = status;
    this.detail = body.detail;
    this.retryAfter = retryAfter;
  }
}

/**
 * METHOD /v1{path} with an optional JSON body; resolves with the parsed answer (null when empty) or rejects
 * with an ApiProblem. An ended or unknown session token sends the tab back to the sign-in page.
 */
export async function api(method, path, body) {
  const headers = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const signedIn = session();
  if (signedIn) headers.authorization = `Bearer ${signedIn.token}`;
  let response;
  try {
    response = await fetch(`/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiProblem(0, { detail: 'The server could not be reached. Check the connection and try again.' });
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (response.ok) return data;
  const problem = data && typeof data === 'object' ? data : {};
  const error = new ApiProblem(response.status, {
    ...problem,
    detail: problem.detail || problem.message || `The request failed (HTTP ${response.status}).`,
  }, response.headers.get('retry-after'));
  if (response.status === 401 && error.code === 'invalid_token' && signedIn) {
    clearSession();
    flash('Your session has ended. Sign in again.');
    location.assign('/sign-in');
    return new Promise(() => {}); // the page is leaving: nothing after this request should run
  }
  throw error;
}
