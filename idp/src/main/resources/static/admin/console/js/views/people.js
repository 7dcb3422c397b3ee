import { h, seg } from '../dom.js';
import { t } from '../i18n.js';
import { api, realmPath, query } from '../api.js';
import { heading, table, field, describe, display, time, notify, confirmDialog, showProblem, button, busy,
	clearErrors } from '../ui.js';

const CRITERIA = ['nationalId', 'name', 'email', 'phone', 'q'];

export async function peopleSearch(ctx) {
	const by = CRITERIA.find((c) => ctx.query.get(c)) || 'nationalId';
	const term = ctx.query.get(by) || '';
	const form = h('form', { id: 'people-search', class: 'search', role: 'search', novalidate: true, onsubmit: (event) => {
		event.preventDefault();
		const criterion = form.querySelector('[data-field=by]').value;
		const value = form.querySelector('[data-field=term]').value.trim();
		clearErrors(form);
		if (!value) {
			showProblem({ local: true, message: t('people.termRequired') }, form);
			return;
		}
		ctx.go('#/realms/' + seg(ctx.realm) + '/people' + query({ [criterion]: value }));
	} },
	field({ name: 'by', id: 'people-by', label: t('people.by'), value: by,
		options: CRITERIA.map((c) => [c, t('people.by.' + c)]) }),
	field({ name: 'term', id: 'people-term', label: t('people.term'), value: term, type: 'search' }),
	h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'people-search-button' }, t('search'))));
	const parts = [heading(t('people.title')), form];
	if (term) {
		const { data: people } = await api(realmPath(ctx.realm, 'people') + query({ [by]: term, limit: 50 }));
		parts.push(h('h2', {}, t('people.results', { count: (people || []).length })), table(t('people.title'), [
			{ label: t('people.name'), cell: (p) => h('a', { href: '#/realms/' + seg(ctx.realm) + '/people/' + seg(p.id) },
				p.displayName || p.id) },
			{ label: t('people.nationalId'), cell: (p) => nationalId(p) },
			{ label: t('people.email'), cell: (p) => display(p.email) },
			{ label: t('people.phone'), cell: (p) => display(p.phone) },
			{ label: t('people.status'), cell: (p) => status(p.status) },
		], people || [], 'people-results'));
	}
	ctx.show(...parts);
}

function nationalId(person) {
	const number = person.nationalId || person.legacyNationalId;
	if (!number) {
		return '—';
	}
	return h('span', {}, number, person.nationalIdMasked ? h('span', { class: 'muted' }, ' ' + t('people.masked')) : '',
		person.nationalId ? '' : h('span', { class: 'badge off' }, ' ' + t('people.legacyNationalId')));
}

function legacyClaim(ctx, person) {
	const claim = person.legacyPersonalId;
	const rows = [];
	if (claim) {
		rows.push([t('people.legacyNationalId'), h('span', { id: 'person-legacy-id' }, claim.nationalId,
			person.nationalIdMasked ? h('span', { class: 'muted' }, ' ' + t('people.masked')) : '')]);
		rows.push([t('people.legacyCheck'), h('span', { id: 'person-legacy-check',
			class: 'badge ' + (claim.check === 'CONFIRMED' ? 'ok' : 'off') }, t('people.legacyCheck.' + claim.check, {}, claim.check))]);
	}
	if ((person.legacyClaimants || []).length) {
		rows.push([t('people.legacyClaimants'), h('span', { id: 'person-legacy-claimants' }, ...person.legacyClaimants.flatMap((id, i) => [
			i ? ', ' : '', h('a', { href: '#/realms/' + seg(ctx.realm) + '/people/' + seg(id) }, id)]))]);
	}
	return rows;
}

function status(value) {
	return h('span', { class: 'badge ' + (value === 'ACTIVE' ? 'ok' : 'off') }, t('people.status.' + value, {}, value || '—'));
}

export async function personDetail(ctx) {
	const id = ctx.params[0];
	const path = realmPath(ctx.realm, 'people', id);
	const [{ data: person }, { data: sessions }] = await Promise.all([api(path), api(path + '/sessions')]);
	const reload = () => personDetail(ctx);
	const action = (label, slug, message, options = {}) => button(label, async (event) => {
		const answer = await confirmDialog({ title: options.title || label, message: options.confirmMessage,
			confirm: label, danger: options.danger });
		if (!answer.ok) {
			return;
		}
		try {
			const { data } = await busy(event.target, () => api(path + '/' + slug, { method: 'POST' }));
			notify(data && Array.isArray(data.sessionsEnded)
				? message + ' ' + t('people.signOutCounts', { sessions: data.sessionsEnded.length, grants: data.grantsRevoked })
				: message);
			await reload();
		}
		catch (error) {
			showProblem(error, null, actionsBox);
		}
	}, { kind: options.danger ? 'danger' : 'secondary', id: 'person-' + slug });
	const actionsBox = h('div', { class: 'actions', id: 'person-actions' });
	if (ctx.can('PEOPLE_SUPPORT')) {
		actionsBox.append(action(t('people.signOut'), 'sign-out', t('people.signedOut'),
			{ confirmMessage: t('people.signOutMessage'), danger: true }));
		if (person.locked) {
			actionsBox.append(action(t('people.unlock'), 'unlock', t('people.unlocked')));
		}
	}
	if (ctx.can('PEOPLE_WRITE')) {
		actionsBox.append(person.status === 'DISABLED'
			? action(t('people.enable'), 'enable', t('people.enabled'))
			: action(t('people.disable'), 'disable', t('people.disabled'), { confirmMessage: t('people.disableMessage'), danger: true }));
	}
	const credentials = person.credentials || {};
	const links = person.links || [];
	const linksBox = h('div', { id: 'person-links' });
	linksBox.append(table(t('people.links'), [
		{ label: t('people.provider'), cell: (l) => display(l.provider || l.id) },
		{ label: t('people.level'), cell: (l) => display(l.level || l.kind) },
		{ label: t('people.fullName'), cell: (l) => display(l.fullName) },
		{ label: t('people.nationalId'), cell: (l) => display(l.nationalId) },
		{ label: t('people.linkedAt'), cell: (l) => time(l.linkedAt) },
		{ label: t('actions'), cell: (l) => (ctx.can('PEOPLE_WRITE') && l.id != null ? button(t('people.unlink'), async () => {
			const answer = await confirmDialog({ title: t('people.unlinkTitle'), message: t('people.unlinkMessage'),
				confirm: t('people.unlink'), danger: true, reason: t('people.reason') });
			if (!answer.ok) {
				return;
			}
			try {
				await api(path + '/links/' + seg(l.id) + '/unlink', { method: 'POST', body: { reason: answer.reason } });
				notify(t('people.unlinked'));
				await reload();
			}
			catch (error) {
				showProblem(error, null, linksBox);
			}
		}, { kind: 'danger', id: 'unlink-' + l.id }) : '') },
	], links, 'link-list'));
	ctx.show(heading(person.displayName || person.id),
		describe([
			[t('people.id'), person.id],
			[t('people.nationalId'), nationalId(person)],
			[t('people.email'), person.email],
			[t('people.phone'), person.phone],
			[t('people.status'), status(person.status)],
			[t('people.locked'), person.locked && person.lockedForSeconds
				? t('people.lockedFor', { minutes: Math.ceil(person.lockedForSeconds / 60) }) : Boolean(person.locked)],
			[t('people.createdAt'), time(person.createdAt)],
			...legacyClaim(ctx, person),
		]),
		actionsBox,
		h('h2', {}, t('people.credentials')),
		describe([
			[t('people.password'), Boolean((credentials.password || {}).set)],
			[t('people.otp'), Boolean((credentials.otp || {}).enrolled)],
			[t('people.otpSince'), (credentials.otp || {}).enrolledAt ? time(credentials.otp.enrolledAt) : undefined],
		]),
		h('h2', {}, t('people.links')), linksBox,
		h('h2', {}, t('people.sessions')),
		table(t('people.sessions'), [
			{ label: t('people.sid'), cell: (s) => h('code', {}, String(s.sid || '').slice(0, 12)) },
			{ label: t('people.authTime'), cell: (s) => time(s.authTime) },
			{ label: t('people.acr'), cell: (s) => display(s.acr) },
			{ label: t('people.clients'), cell: (s) => (s.clients || []).join(', ') || '—' },
		], sessions || [], 'session-list'),
		ctx.can('AUDIT_READ') ? h('p', {}, h('a', { id: 'person-audit',
			href: '#/realms/' + seg(ctx.realm) + '/audit?person=' + encodeURIComponent(person.id) }, t('people.auditLink'))) : null);
}
