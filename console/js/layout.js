// The signed-in pages' frame: the guard, the navigation with sign-out, and small display helpers.

import { api, clearSession, flash, session, takeFlash } from './api.js';
import { alertError, announce, element } from './forms.js';

const PAGES = [
  ['/profile', 'Profile'],
  ['/password', 'Password'],
  ['/two-factor', 'Two-factor authentication'],
  ['/sessions', 'Sessions'],
  ['/api-keys', 'API keys'],
  ['/applications', 'Applications'],
  ['/delete-account', 'Delete account'],
];

/**
 * For a page that needs a session (`await accountPage()`): without one it sends the tab to the sign-in page and
 * never resolves, so the page's script goes no further; else it draws the navigation.
 */
export function accountPage() {
  if (!session()) {
    location.replace('/sign-in');
    return new Promise(() => {});
  }
  const nav = document.getElementById('nav');
  const list = element('ul');
  for (const [path, label] of PAGES) {
    const link = element('a', { href: path }, label);
    const here = location.pathname.replace(/\.html$/, '').replace(/^\/application$/, '/applications');
    if (here === path) link.setAttribute('aria-current', 'page');
    list.append(element('li', {}, link));
  }
  const signOut = element('button', { type: 'button', class: 'secondary', id: 'sign-out' }, 'Sign out');
  signOut.addEventListener('click', () => signOutNow());
  list.append(element('li', {}, signOut));
  nav.append(list);
  showFlash();
  // a page's own load (GET /v1/me, the lists) failing: say so instead of leaving the page half drawn (a module's
  // top-level await that rejects is an error event, a rejection in an event handler an unhandledrejection)
  const failed = (event, reason) => {
    event.preventDefault();
    alertError({ detail: `The page could not load: ${reason?.detail || reason?.message || reason}` });
  };
  window.addEventListener('unhandledrejection', (event) => failed(event, event.reason));
  window.addEventListener('error', (event) => failed(event, event.error));
  return Promise.resolve();
}

/** Shows a message the previous page left for this one. */
export function showFlash() {
  const message = takeFlash();
  if (message) announce(message);
}

/** Ends this tab's session (DELETE /v1/sessions/{id}) and goes to the sign-in page. */
export async function signOutNow(message = 'You are signed out.') {
  const signedIn = session();
  try {
    if (signedIn) await api('DELETE', `/sessions/${encodeURIComponent(signedIn.id)}`);
  } catch {
    // an already ended session is signed out all the same
  }
  clearSession();
  flash(message);
  location.assign('/sign-in');
}

/** A <time> for an ISO-8601 instant, shown in the browser's locale; '—' for none. */
export function time(iso, none = '—') {
  if (!iso) return document.createTextNode(none);
  return element('time', { datetime: iso }, new Date(iso).toLocaleString());
}

/** A button that copies `text()` to the clipboard and says so. */
export function copyButton(label, text) {
  const button = element('button', { type: 'button', class: 'secondary' }, label);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text());
      announce('Copied to the clipboard.');
    } catch {
      announce('Copying is not allowed here: select the text and copy it yourself.');
    }
  });
  return button;
}

/** The token from a mailed link's fragment (#token=…), removed from the address bar and history at once. */
export function linkToken() {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (location.hash) history.replaceState(null, '', location.pathname);
  return token;
}
