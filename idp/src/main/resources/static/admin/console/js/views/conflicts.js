import { h, seg } from '../dom.js';
import { t } from '../i18n.js';
import { api, realmPath } from '../api.js';
import { heading, table, display, time, notify, confirmDialog, showProblem, button } from '../ui.js';

function personLink(ctx, id) {
	return id ? h('a', { href: '#/realms/' + seg(ctx.realm) + '/people/' + seg(id) }, id) : '—';
}

export async function conflictList(ctx) {
	const { data: conflicts } = await api(realmPath(ctx.realm, 'link-conflicts') + '?status=open');
	const box = h('div', { id: 'conflicts' });
	box.append(table(t('conflicts.title'), [
		{ label: t('conflicts.when'), cell: (c) => time(c.at || c.createdAt) },
		{ label: t('conflicts.provider'), cell: (c) => display(c.provider) },
		{ label: t('conflicts.number'), cell: (c) => display(c.personalIdMasked) },
		{ label: t('conflicts.person'), cell: (c) => personLink(ctx, c.personId) },
		{ label: t('conflicts.holder'), cell: (c) => personLink(ctx, c.holderPersonId) },
		{ label: t('audit.ip'), cell: (c) => display(c.ipAddress) },
		{ label: t('actions'), cell: (c) => (ctx.can('CONFLICTS_WRITE') ? button(t('conflicts.resolve'), async () => {
			const answer = await confirmDialog({ title: t('conflicts.resolveTitle'), confirm: t('conflicts.resolve'),
				reason: t('conflicts.note') });
			if (!answer.ok) {
				return;
			}
			try {
				await api(realmPath(ctx.realm, 'link-conflicts', c.id, 'resolve'), { method: 'POST', body: { note: answer.reason } });
				notify(t('conflicts.resolved'));
				await conflictList(ctx);
			}
			catch (error) {
				showProblem(error, null, box);
			}
		}, { id: 'resolve-' + c.id }) : '') },
	], conflicts || [], 'conflict-list'));
	ctx.show(heading(t('conflicts.title')), h('p', {}, t('conflicts.lead')), box);
}
