import { h, seg } from '../dom.js';
import { t } from '../i18n.js';
import { api, realmPath, query } from '../api.js';
import { heading, table, field, display, time, showProblem, button, busy, clearErrors } from '../ui.js';

const FILTERS = ['person', 'client', 'type', 'from', 'to'];

/** datetime-local (the administrator's clock) to an instant, and back. */
function toInstant(local) {
	return local ? new Date(local).toISOString() : '';
}

function toLocal(instant) {
	if (!instant) {
		return '';
	}
	const date = new Date(instant);
	if (Number.isNaN(date.getTime())) {
		return '';
	}
	return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

export async function auditView(ctx) {
	const filters = Object.fromEntries(FILTERS.map((name) => [name, ctx.query.get(name) || '']));
	const form = h('form', { id: 'audit-filter', class: 'search', novalidate: true, onsubmit: (event) => {
		event.preventDefault();
		clearErrors(form);
		const value = (name) => form.querySelector('[data-field=' + name + ']').value;
		const from = toInstant(value('from'));
		const to = toInstant(value('to'));
		if (from && to && from > to) {
			showProblem({ local: true, message: t('audit.rangeInvalid') }, form);
			return;
		}
		ctx.go('#/realms/' + seg(ctx.realm) + '/audit' + query({ person: value('person'), client: value('client'),
			type: value('type'), from, to, run: '1' }));
	} },
	field({ name: 'person', id: 'audit-person', label: t('audit.person'), value: filters.person }),
	field({ name: 'client', id: 'audit-client', label: t('audit.client'), value: filters.client }),
	field({ name: 'type', id: 'audit-type', label: t('audit.type'), value: filters.type, hint: t('audit.typeHint') }),
	field({ name: 'from', id: 'audit-from', label: t('audit.from'), type: 'datetime-local', value: toLocal(filters.from) }),
	field({ name: 'to', id: 'audit-to', label: t('audit.to'), type: 'datetime-local', value: toLocal(filters.to) }),
	h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'audit-search' }, t('search'))));
	const parameters = query({ ...filters, limit: 200 });
	const results = h('div', { id: 'audit-results' });
	const { data: events } = await api(realmPath(ctx.realm, 'audit') + parameters);
	const exportButton = button(t('audit.export'), async () => {
		try {
			const response = await busy(exportButton, () => api(realmPath(ctx.realm, 'audit', 'export') + query(filters),
				{ raw: true, accept: 'application/jsonl' }));
			const url = URL.createObjectURL(await response.blob());
			const link = h('a', { href: url, download: 'audit-' + ctx.realm + '.jsonl', hidden: true });
			document.body.append(link);
			link.click();
			link.remove();
			setTimeout(() => URL.revokeObjectURL(url), 10000);
		}
		catch (error) {
			showProblem(error, null, results);
		}
	}, { id: 'audit-export' });
	results.append(h('div', { class: 'actions' }, h('h2', {}, t('audit.results', { count: (events || []).length })), exportButton),
		table(t('audit.title'), [
			{ label: t('audit.time'), cell: (e) => time(e.time) },
			{ label: t('audit.type'), cell: (e) => h('code', { class: 'event-type' }, String(e.type)) },
			{ label: t('audit.actor'), cell: (e) => display(e.actor) },
			{ label: t('audit.person'), cell: (e) => (e.person ? h('a', { href: '#/realms/' + seg(ctx.realm) + '/people/' + seg(e.person) },
				e.person) : '—') },
			{ label: t('audit.client'), cell: (e) => display(e.client) },
			{ label: t('audit.ip'), cell: (e) => display(e.ip) },
			{ label: t('details'), cell: (e) => (e.details && Object.keys(e.details).length
				? h('details', {}, h('summary', {}, t('audit.show')), display(e.details)) : '—') },
		], events || [], 'audit-list'));
	ctx.show(heading(t('audit.title')), form, results);
}
