import { h, seg } from '../dom.js';
import { t } from '../i18n.js';
import { api, realmPath } from '../api.js';
import { heading, table, describe, localized, display } from '../ui.js';

export async function realmList(ctx) {
	const realms = ctx.realms;
	ctx.show(heading(t('realms.title')),
		table(t('realms.title'), [
			{ label: t('realms.name'), cell: (r) => h('a', { href: '#/realms/' + seg(r.name) }, r.name) },
			{ label: t('realms.displayName'), cell: (r) => localized(r.displayName) },
			{ label: t('realms.issuer'), cell: (r) => display(r.issuer) },
			{ label: t('managedBy'), cell: (r) => managedBy(r.managedBy) },
		], realms, 'realm-list'));
}

export async function realmDetail(ctx) {
	const { data: realm } = await api(realmPath(ctx.realm));
	const sections = [heading(t('realms.detail', { realm: ctx.realm })),
		h('p', { class: 'badge-line' }, managedBy(realm.managedBy), ' ', t('realms.readOnly')),
		describe(Object.entries(realm).map(([key, value]) => [key, key === 'displayName' ? localized(value) : value]))];
	if (ctx.can('UPSTREAMS_READ')) {
		const { data: upstreams } = await api(realmPath(ctx.realm, 'upstreams'));
		sections.push(h('h2', {}, t('realms.upstreams')), table(t('realms.upstreams'), [
			{ label: t('realms.alias'), cell: (u) => display(u.alias) },
			{ label: t('realms.type'), cell: (u) => display(u.type) },
			{ label: t('realms.displayName'), cell: (u) => localized(u.displayName) },
			{ label: t('details'), cell: (u) => display(Object.fromEntries(Object.entries(u)
				.filter(([key]) => !['alias', 'type', 'displayName'].includes(key)))) },
		], upstreams || [], 'upstream-list'));
	}
	ctx.show(...sections);
}

export function managedBy(value) {
	if (!value) {
		return '';
	}
	return h('span', { class: 'badge ' + (value === 'config' ? 'config' : 'api') }, t('managedBy.' + value, {}, value));
}
