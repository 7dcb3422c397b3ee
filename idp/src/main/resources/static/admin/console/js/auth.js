// Sign-in to the admin realm: OpenID Connect authorization code flow with PKCE (S256),
// as a public client. Tokens live in sessionStorage only: they end with the tab, and
// other tabs and sites cannot read them.

const ISSUER_PATH = '/realms/admin';
export const CLIENT_ID = 'admin-console';
const FLOW = 'hpid.console.flow';
const TOKENS = 'hpid.console.tokens';

let metadata = null;
let refreshing = null;

export class SignInError extends Error {
	constructor(reason, detail) {
		super(reason);
		this.reason = reason;
		this.detail = detail || '';
	}
}

export async function discovery() {
	if (!metadata) {
		const response = await fetch(ISSUER_PATH + '/.well-known/openid-configuration',
			{ headers: { Accept: 'application/json' }, credentials: 'omit' });
		if (!response.ok) {
			throw new SignInError('discovery', String(response.status));
		}
		metadata = await response.json();
	}
	return metadata;
}

export function redirectUri() {
	return window.location.origin + '/admin/console/';
}

function base64url(bytes) {
	let text = '';
	for (const byte of new Uint8Array(bytes)) {
		text += String.fromCharCode(byte);
	}
	return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(length) {
	return base64url(crypto.getRandomValues(new Uint8Array(length)));
}

/** Sends the browser to the admin realm's sign-in, remembering where to come back to. */
export async function signIn(language) {
	const op = await discovery();
	const verifier = random(32);
	const state = random(16);
	const nonce = random(16);
	const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
	sessionStorage.setItem(FLOW, JSON.stringify({ verifier, state, nonce, returnTo: window.location.hash }));
	const url = new URL(op.authorization_endpoint);
	url.search = new URLSearchParams({
		response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri(), scope: 'openid',
		state, nonce, code_challenge: challenge, code_challenge_method: 'S256', ui_locales: language || 'vi',
	}).toString();
	window.location.assign(url.toString());
}

/**
 * Finishes a sign-in when the admin realm has sent the browser back with a code: checks
 * the state (and the issuer it names), exchanges the code with the verifier, checks the
 * ID token's nonce, audience and issuer. Returns the hash to show, or null when this
 * load is not a callback.
 */
export async function completeSignIn() {
	const params = new URLSearchParams(window.location.search);
	if (!params.has('code') && !params.has('error')) {
		return null;
	}
	const flow = JSON.parse(sessionStorage.getItem(FLOW) || 'null');
	sessionStorage.removeItem(FLOW);
	// The code must not stay in the address bar or the history.
	window.history.replaceState(null, '', window.location.pathname + ((flow && flow.returnTo) || ''));
	if (!flow || params.get('state') !== flow.state) {
		throw new SignInError('state');
	}
	if (params.has('error')) {
		throw new SignInError('refused', params.get('error_description') || params.get('error'));
	}
	const op = await discovery();
	if (params.has('iss') && params.get('iss') !== op.issuer) {
		throw new SignInError('issuer');
	}
	const tokens = await tokenRequest({
		grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
		client_id: CLIENT_ID, code_verifier: flow.verifier,
	});
	const claims = jwtClaims(tokens.id_token);
	const audience = [].concat(claims.aud || []);
	if (claims.nonce !== flow.nonce || claims.iss !== op.issuer || !audience.includes(CLIENT_ID)) {
		throw new SignInError('idToken');
	}
	keep(tokens);
	return flow.returnTo || '';
}

async function tokenRequest(form) {
	const op = await discovery();
	const response = await fetch(op.token_endpoint, {
		method: 'POST', credentials: 'omit', cache: 'no-store',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: new URLSearchParams(form),
	});
	const body = await response.json().catch(() => ({}));
	if (!response.ok || !body.access_token) {
		throw new SignInError('token', body.error_description || body.error || String(response.status));
	}
	return body;
}

/** The ID token came straight from the token endpoint over this origin's TLS: its claims are read, not re-verified. */
function jwtClaims(jwt) {
	try {
		const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
		const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
		return JSON.parse(new TextDecoder().decode(bytes));
	}
	catch (e) {
		throw new SignInError('idToken');
	}
}

function stored() {
	return JSON.parse(sessionStorage.getItem(TOKENS) || 'null');
}

function keep(body) {
	const previous = stored() || {};
	sessionStorage.setItem(TOKENS, JSON.stringify({
		access: body.access_token,
		refresh: body.refresh_token || previous.refresh || null,
		idToken: body.id_token || previous.idToken || null,
	}));
}

export function accessToken() {
	const tokens = stored();
	return tokens ? tokens.access : null;
}

export function forget() {
	sessionStorage.removeItem(TOKENS);
}

/** A new access token from the refresh token, if there is one; false otherwise. One request at a time. */
export function refresh() {
	const tokens = stored();
	if (!tokens || !tokens.refresh) {
		return Promise.resolve(false);
	}
	if (!refreshing) {
		refreshing = tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh, client_id: CLIENT_ID })
			.then((body) => {
				keep(body);
				return true;
			})
			.catch(() => false)
			.finally(() => {
				refreshing = null;
			});
	}
	return refreshing;
}

/** Ends the admin realm's session too (RP-initiated logout), then comes back to the console. */
export async function signOut(language) {
	const tokens = stored() || {};
	forget();
	const op = await discovery().catch(() => null);
	if (!op || !op.end_session_endpoint) {
		window.location.assign(redirectUri());
		return;
	}
	const url = new URL(op.end_session_endpoint);
	const params = new URLSearchParams({ client_id: CLIENT_ID, post_logout_redirect_uri: redirectUri(), ui_locales: language || 'vi' });
	if (tokens.idToken) {
		params.set('id_token_hint', tokens.idToken);
	}
	url.search = params.toString();
	window.location.assign(url.toString());
}
