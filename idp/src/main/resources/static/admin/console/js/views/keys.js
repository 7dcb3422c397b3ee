import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api, realmPath } from '../api.js';
import { heading, table, display, time, notify, confirmDialog, showProblem, button, busy } from '../ui.js';

/** The key signing now cannot be retired (rotate instead), nor a retired one again. */
function retirable(key) {
	return !/^(active|retired)$/i.test(String(key.state || key.status || ''));
}

export async function keyList(ctx) {
	const { data: keys } = await api(realmPath(ctx.realm, 'keys'));
	const box = h('div', { id: 'keys' });
	const writable = ctx.can('KEYS_WRITE');
	const run = async (control, path, title, message, done) => {
		const answer = await confirmDialog({ title, message, confirm: title, danger: true });
		if (!answer.ok) {
			return;
		}
		try {
			await busy(control, () => api(path, { method: 'POST' }));
			notify(done);
			await keyList(ctx);
		}
		catch (error) {
			showProblem(error, null, box);
		}
	};
	box.append(table(t('keys.title'), [
		{ label: 'kid', cell: (k) => h('code', {}, String(k.kid)) },
		{ label: t('keys.algorithm'), cell: (k) => display(k.alg || k.algorithm) },
		{ label: t('keys.status'), cell: (k) => display(k.status || k.state) },
		{ label: t('keys.created'), cell: (k) => time(k.createdAt || k.created) },
		{ label: t('keys.activates'), cell: (k) => time(k.activatesAt) },
		{ label: t('keys.retired'), cell: (k) => time(k.retiredAt || k.retired) },
		{ label: t('actions'), cell: (k) => (writable && retirable(k) ? button(t('keys.retire'),
			(event) => run(event.target, realmPath(ctx.realm, 'keys', k.kid, 'retire'), t('keys.retire'),
				t('keys.retireMessage', { kid: k.kid }), t('keys.retiredDone')), { kind: 'danger', id: 'retire-' + k.kid }) : '') },
	], keys || [], 'key-list'));
	ctx.show(heading(t('keys.title')),
		writable ? h('div', { class: 'actions' }, button(t('keys.rotate'), (event) => run(event.target,
			realmPath(ctx.realm, 'keys', 'rotate'), t('keys.rotate'), t('keys.rotateMessage'), t('keys.rotated')),
		{ kind: 'primary', id: 'rotate-keys' })) : null,
		box);
}
