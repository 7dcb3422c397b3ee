// The console's shell: sign-in, the header and navigation, and a hash router over the views.

import { h, byId, seg } from './dom.js';
import { t, language, setLanguage, translatePage } from './i18n.js';
import { api, Redirecting, Problem } from './api.js';
import { completeSignIn, accessToken, signIn, signOut, SignInError } from './auth.js';
import { allows, namedRealms } from './permissions.js';
import { showProblem, clearNotice } from './ui.js';
import { realmList, realmDetail } from './views/realms.js';
import { clientList, clientNew, clientEdit } from './views/clients.js';
import { peopleSearch, personDetail } from './views/people.js';
import { conflictList } from './views/conflicts.js';
import { keyList } from './views/keys.js';
import { auditView } from './views/audit.js';
import { administratorList } from './views/administrators.js';

/** Sections of a realm: hash segment, message key, the permission that shows it. */
const SECTIONS = [
	['clients', 'nav.clients', 'CLIENTS_READ'],
	['people', 'nav.people', 'PEOPLE_READ'],
	['conflicts', 'nav.conflicts', 'CONFLICTS_READ'],
	['keys', 'nav.keys', 'KEYS_READ'],
	['audit', 'nav.audit', 'AUDIT_READ'],
];

const ROUTES = [
	[/^realms$/, realmList],
	[/^administrators$/, administratorList],
	[/^realms\/([^/]+)$/, realmDetail],
	[/^realms\/([^/]+)\/clients$/, clientList],
	[/^realms\/([^/]+)\/clients\/new$/, clientNew],
	[/^realms\/([^/]+)\/clients\/([^/]+)$/, clientEdit],
	[/^realms\/([^/]+)\/people$/, peopleSearch],
	[/^realms\/([^/]+)\/people\/([^/]+)$/, personDetail],
	[/^realms\/([^/]+)\/conflicts$/, conflictList],
	[/^realms\/([^/]+)\/keys$/, keyList],
	[/^realms\/([^/]+)\/audit$/, auditView],
];

const state = { me: null, realms: [], realm: null, rendering: 0 };

function parseHash() {
	const hash = window.location.hash.replace(/^#\/?/, '');
	const [path, search] = hash.split('?');
	return { path: path || 'realms', query: new URLSearchParams(search || '') };
}

async function route() {
	const { path, query } = parseHash();
	const match = ROUTES.map(([pattern, view]) => [path.match(pattern), view]).find(([m]) => m);
	const view = byId('view');
	const ticket = ++state.rendering;
	clearNoticeOnNavigation();
	if (!match) {
		view.replaceChildren(h('h1', { tabindex: -1 }, t('notFound')));
		return;
	}
	const [groups, render] = match;
	const params = groups.slice(1).map(decodeURIComponent);
	const realm = /^realms\//.test(path) && params.length ? params[0] : state.realm;
	if (realm && realm !== state.realm) {
		state.realm = realm;
	}
	renderNav(path);
	const ctx = {
		me: state.me, realms: state.realms, realm, params: params.slice(1), query,
		can: (permission) => allows(state.me, permission, realm),
		go: (hash) => {
			if (window.location.hash === hash) {
				route();
			}
			else {
				window.location.hash = hash;
			}
		},
		show: (...children) => {
			if (ticket !== state.rendering) {
				return; // a later navigation won
			}
			view.replaceChildren(...children.flat().filter(Boolean));
			const title = view.querySelector('h1');
			if (title) {
				document.title = title.textContent + ' – hpid';
				title.focus();
			}
		},
	};
	view.setAttribute('aria-busy', 'true');
	try {
		await render(ctx);
	}
	catch (error) {
		if (error instanceof Redirecting) {
			return;
		}
		if (ticket === state.rendering) {
			view.replaceChildren(h('h1', { tabindex: -1 }, t('error.title')));
			showProblem(error, null, view);
		}
	}
	finally {
		view.removeAttribute('aria-busy');
	}
}

let lastPath = null;

function clearNoticeOnNavigation() {
	const { path } = parseHash();
	if (lastPath !== null && lastPath !== path) {
		clearNotice();
	}
	lastPath = path;
}

function renderNav(path) {
	const nav = byId('nav');
	nav.hidden = false;
	const select = byId('realm-select');
	select.replaceChildren(...state.realms.map((r) => h('option', { value: r.name, selected: r.name === state.realm },
		r.name)));
	if (!state.realm && state.realms.length) {
		state.realm = state.realms[0].name;
	}
	const links = byId('nav-links');
	const items = [['#/realms', t('nav.realms'), path === 'realms']];
	if (allows(state.me, 'ROLES_WRITE', null)) {
		items.push(['#/administrators', t('nav.administrators'), path === 'administrators']);
	}
	if (state.realm) {
		items.push(['#/realms/' + seg(state.realm), t('nav.realm'), path === 'realms/' + state.realm]);
		for (const [section, key, permission] of SECTIONS) {
			if (allows(state.me, permission, state.realm)) {
				const target = 'realms/' + state.realm + '/' + section;
				items.push(['#/' + target.replace(state.realm, seg(state.realm)), t(key), path === target || path.startsWith(target + '/')]);
			}
		}
	}
	links.replaceChildren(...items.map(([href, label, current]) => h('li', {},
		h('a', { href, 'aria-current': current ? 'page' : null, id: 'nav-' + href.split('/').pop() }, label))));
}

function onRealmChange() {
	const realm = byId('realm-select').value;
	const { path } = parseHash();
	const section = SECTIONS.find(([name]) => path.split('/')[2] === name);
	state.realm = realm;
	window.location.hash = '#/realms/' + seg(realm) + (section && allows(state.me, section[2], realm) ? '/' + section[0] : '');
}

function showSignIn(error) {
	byId('signin').hidden = false;
	const box = byId('signin-error');
	if (error) {
		box.hidden = false;
		box.replaceChildren(h('p', { class: 'problem-title' }, t('signInError.' + (error.reason || 'token'), {}, t('signInError.token'))),
			error.detail ? h('p', {}, error.detail) : null);
	}
	byId('sign-in').focus();
}

function switchLanguage() {
	setLanguage(language() === 'vi' ? 'en' : 'vi');
	translatePage();
	if (state.me) {
		route();
	}
}

async function start() {
	translatePage();
	byId('lang-switch').addEventListener('click', switchLanguage);
	// The hash is the router's: the skip link moves the focus without touching it.
	byId('skip-link').addEventListener('click', (event) => {
		event.preventDefault();
		byId('main').focus();
	});
	byId('sign-in').addEventListener('click', () => signIn(language()));
	byId('sign-out').addEventListener('click', () => signOut(language()));
	byId('realm-select').addEventListener('change', onRealmChange);
	try {
		const returnTo = await completeSignIn();
		if (returnTo !== null && returnTo !== window.location.hash) {
			window.location.hash = returnTo;
		}
	}
	catch (error) {
		showSignIn(error instanceof SignInError ? error : new SignInError('token', String(error.message)));
		return;
	}
	if (!accessToken()) {
		showSignIn();
		return;
	}
	try {
		state.me = (await api('/me')).data;
		try {
			state.realms = (await api('/realms')).data || [];
		}
		catch (error) {
			if (!(error instanceof Problem) || error.status !== 403) {
				throw error;
			}
			state.realms = namedRealms(state.me).map((name) => ({ name }));
		}
	}
	catch (error) {
		if (!(error instanceof Redirecting)) {
			// Signed in but refused (no admin role, or the API is down): say why, and offer another account.
			byId('sign-out').hidden = false;
			byId('view').replaceChildren(h('h1', { tabindex: -1 }, t('error.title')));
			showProblem(error, null, byId('view'));
			byId('view').querySelector('h1').focus();
		}
		return;
	}
	const who = byId('who');
	who.textContent = state.me.displayName || state.me.subject;
	who.hidden = false;
	byId('sign-out').hidden = false;
	window.addEventListener('hashchange', route);
	await route();
}

start();
