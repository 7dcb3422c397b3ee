// The admin API over fetch: the bearer token on every call, one refresh (or a new
// sign-in) on 401, and RFC 9457 problem details turned into Problem errors.

import { accessToken, forget, refresh, signIn } from './auth.js';
import { language } from './i18n.js';

export class Problem extends Error {
	constructor(status, body) {
		super(body.title || String(status));
		this.status = status;
		this.type = body.type || '';
		this.title = body.title || '';
		this.detail = body.detail || '';
		this.errors = Array.isArray(body.errors) ? body.errors : [];
	}

	get slug() {
		return this.type.substring(this.type.lastIndexOf('/') + 1);
	}
}

/** Thrown when the page is leaving for the sign-in: nothing to show. */
export class Redirecting extends Error {
}

function send(path, options) {
	const headers = { Accept: options.accept || 'application/json', Authorization: 'Bearer ' + accessToken() };
	if (options.body !== undefined) {
		headers['Content-Type'] = 'application/json';
	}
	if (options.ifMatch) {
		headers['If-Match'] = options.ifMatch;
	}
	return fetch('/admin/api' + path, {
		method: options.method || 'GET', headers, credentials: 'omit', cache: 'no-store',
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
	});
}

/**
 * Calls the API; resolves to {data, etag, location} (or the Response itself with
 * {raw: true}); rejects with a Problem.
 */
export async function api(path, options = {}) {
	if (!accessToken()) {
		await signIn(language());
		throw new Redirecting();
	}
	let response = await send(path, options);
	if (response.status === 401) {
		if (await refresh()) {
			response = await send(path, options);
		}
		if (response.status === 401) {
			forget();
			await signIn(language());
			throw new Redirecting();
		}
	}
	if (!response.ok) {
		const body = await response.json().catch(() => ({}));
		throw new Problem(response.status, body && typeof body === 'object' ? body : {});
	}
	if (options.raw) {
		return response;
	}
	const text = await response.text();
	return {
		data: text ? JSON.parse(text) : null,
		etag: response.headers.get('ETag'),
		location: response.headers.get('Location'),
	};
}

/** /realms/{realm}/... with each segment encoded. */
export function realmPath(realm, ...segments) {
	return ['/realms', realm, ...segments].map((s, i) => (i === 0 ? s : encodeURIComponent(String(s)))).join('/');
}

export function query(params) {
	const search = new URLSearchParams();
	for (const [name, value] of Object.entries(params)) {
		if (value !== undefined && value !== null && String(value).trim() !== '') {
			search.set(name, String(value).trim());
		}
	}
	const text = search.toString();
	return text ? '?' + text : '';
}
