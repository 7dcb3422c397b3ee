import { h, seg } from '../dom.js';
import { t } from '../i18n.js';
import { api, realmPath } from '../api.js';
import { heading, table, display, time, notify, confirmDialog, showProblem, button } from '../ui.js';

const SHOWN = ['id', 'createdAt', 'time', 'reason', 'status', 'upstream', 'personId'];

export async function conflictList(ctx) {
	const { data: conflicts } = await api(realmPath(ctx.realm, 'link-conflicts') + '?status=open');
	const box = h('div', { id: 'conflicts' });
	box.append(table(t('conflicts.title'), [
		{ label: t('conflicts.when'), cell: (c) => time(c.createdAt || c.time) },
		{ label: t('conflicts.reason'), cell: (c) => display(c.reason || c.type) },
		{ label: t('conflicts.person'), cell: (c) => (c.personId ? h('a', { href: '#/realms/' + seg(ctx.realm) + '/people/' + seg(c.personId) },
			c.personId) : '—') },
		{ label: t('details'), cell: (c) => display(Object.fromEntries(Object.entries(c).filter(([key]) => !SHOWN.includes(key)))) },
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
