import { h, seg } from '../dom.js';
import { t } from '../i18n.js';
import { api, realmPath, Problem } from '../api.js';
import { heading, table, field, lines, words, clearErrors, showProblem, notify, confirmDialog, localized,
	button, busy, display } from '../ui.js';
import { managedBy } from './realms.js';

const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'];

export async function clientList(ctx) {
	const { data: clients } = await api(realmPath(ctx.realm, 'clients'));
	const base = '#/realms/' + seg(ctx.realm) + '/clients/';
	ctx.show(heading(t('clients.title')),
		ctx.can('CLIENTS_WRITE') ? h('p', {}, h('a', { href: base + 'new', class: 'button primary', id: 'new-client' }, t('clients.new'))) : null,
		table(t('clients.title'), [
			{ label: t('clients.clientId'), cell: (c) => h('a', { href: base + seg(c.clientId) }, c.clientId) },
			{ label: t('clients.displayName'), cell: (c) => localized(c.displayName) },
			{ label: t('clients.type'), cell: (c) => t('clients.type.' + c.type, {}, c.type) },
			{ label: t('clients.status'), cell: (c) => (c.enabled === false ? t('clients.disabled') : t('clients.enabled')) },
			{ label: t('managedBy'), cell: (c) => managedBy(c.managedBy) },
		], clients || [], 'client-list'));
}

/** The form of a client; its controls are named by the API's field paths, so errors land next to them. */
function clientForm(client, isNew, onsubmit) {
	const granted = new Set(client.grantTypes || ['authorization_code']);
	return h('form', { id: 'client-form', novalidate: true, onsubmit },
		field({ name: 'clientId', label: t('clients.clientId'), value: client.clientId, required: true, readonly: !isNew,
			hint: isNew ? t('clients.clientIdHint') : null }),
		field({ name: 'displayName.vi', label: t('clients.displayNameVi'), value: (client.displayName || {}).vi, required: true }),
		field({ name: 'displayName.en', label: t('clients.displayNameEn'), value: (client.displayName || {}).en }),
		field({ name: 'type', label: t('clients.type'), value: client.type || 'confidential', options: [
			['confidential', t('clients.type.confidential')], ['public', t('clients.type.public')]] }),
		field({ name: 'redirectUris', label: t('clients.redirectUris'), multiline: true, hint: t('onePerLine'),
			value: (client.redirectUris || []).join('\n') }),
		field({ name: 'postLogoutRedirectUris', label: t('clients.postLogoutRedirectUris'), multiline: true,
			hint: t('onePerLine'), value: (client.postLogoutRedirectUris || []).join('\n') }),
		field({ name: 'webOrigins', label: t('clients.webOrigins'), multiline: true, hint: t('clients.webOriginsHint'),
			value: (client.webOrigins || []).join('\n') }),
		field({ name: 'scopes', label: t('clients.scopes'), hint: t('clients.scopesHint'),
			value: (client.scopes || ['openid']).join(' ') }),
		h('fieldset', { 'data-field': 'grantTypes', id: 'grant-types', 'aria-describedby': 'grant-types-error' },
			h('legend', {}, t('clients.grantTypes')),
			GRANT_TYPES.map((grant) => field({ name: 'grantTypes:' + grant, id: 'grant-' + grant, label: grant, type: 'checkbox',
				value: granted.has(grant) })),
			h('p', { class: 'field-error', id: 'grant-types-error', hidden: true })),
		field({ name: 'enabled', label: t('clients.enabledLabel'), type: 'checkbox', value: client.enabled !== false }));
}

function readForm(form) {
	const value = (name) => form.querySelector('[data-field="' + name + '"]').value.trim();
	const displayName = { vi: value('displayName.vi') };
	if (value('displayName.en')) {
		displayName.en = value('displayName.en');
	}
	return {
		clientId: value('clientId'),
		displayName,
		type: value('type'),
		redirectUris: lines(value('redirectUris')),
		postLogoutRedirectUris: lines(value('postLogoutRedirectUris')),
		webOrigins: lines(value('webOrigins')),
		scopes: words(value('scopes')),
		grantTypes: GRANT_TYPES.filter((grant) => form.querySelector('#grant-' + grant).checked),
		enabled: form.querySelector('[data-field="enabled"]').checked,
	};
}

/**
 * The body of a save: the client as read, with the form's fields over it, so that the
 * settings the form does not show (authentication methods, keys, back-channel logout,
 * level, subject type, consent, lifetimes) are sent back unchanged instead of reset to
 * their defaults by a PUT. The API sets the read-only fields of a GET aside.
 */
function edited(client, form) {
	return { ...client, ...readForm(form) };
}

/** The secret, once: a copy button and a warning that it will not be shown again. */
function secretPanel(clientId, secret) {
	const output = h('output', { id: 'client-secret', class: 'secret', 'aria-labelledby': 'secret-title' }, secret);
	const status = h('span', { class: 'copy-status', role: 'status' });
	return h('section', { class: 'card secret-card', id: 'secret-panel', 'aria-labelledby': 'secret-title' },
		h('h2', { id: 'secret-title' }, t('secret.title', { clientId })),
		h('p', { class: 'warning' }, t('secret.warning')),
		output,
		h('div', { class: 'actions' },
			button(t('secret.copy'), async () => {
				try {
					await navigator.clipboard.writeText(secret);
					status.textContent = t('secret.copied');
				}
				catch (e) {
					window.getSelection().selectAllChildren(output);
					status.textContent = t('secret.copyManually');
				}
			}, { kind: 'primary', id: 'copy-secret' }), status));
}

export async function clientNew(ctx) {
	const form = clientForm({}, true, async (event) => {
		event.preventDefault();
		clearErrors(form);
		const submit = form.querySelector('button[type=submit]');
		try {
			const { data } = await busy(submit, () => api(realmPath(ctx.realm, 'clients'), { method: 'POST', body: readForm(form) }));
			const panel = data.secret ? secretPanel(data.clientId, data.secret) : null;
			notify(t('clients.created', { clientId: data.clientId }));
			// To the new client's address without a navigation, which would drop the secret.
			window.history.replaceState(null, '', '#/realms/' + seg(ctx.realm) + '/clients/' + seg(data.clientId));
			await clientEdit({ ...ctx, params: [data.clientId] }, panel);
		}
		catch (error) {
			showProblem(error, form);
		}
	});
	form.append(h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'save-client' }, t('clients.create')),
		h('a', { href: '#/realms/' + seg(ctx.realm) + '/clients', class: 'button secondary' }, t('cancel'))));
	ctx.show(heading(t('clients.new')), form);
}

/** A client's page; {@code flash} (a secret shown once) goes above the form. */
export async function clientEdit(ctx, flash) {
	const clientId = ctx.params[0];
	const path = realmPath(ctx.realm, 'clients', clientId);
	const { data: client, etag } = await api(path);
	const writable = ctx.can('CLIENTS_WRITE') && client.managedBy !== 'config';
	const reload = () => clientEdit(ctx);
	const form = clientForm(client, false, async (event) => {
		event.preventDefault();
		await save(edited(client, form), t('clients.saved'));
	});
	const save = async (body, message) => {
		clearErrors(form);
		try {
			await api(path, { method: 'PUT', body, ifMatch: etag });
			notify(message);
			await reload();
		}
		catch (error) {
			stale(error, form, reload);
		}
	};
	if (!writable) {
		for (const control of form.querySelectorAll('input, select, textarea')) {
			control.disabled = true;
		}
	}
	const actions = h('div', { class: 'actions' });
	if (writable) {
		actions.append(h('button', { type: 'submit', class: 'primary', id: 'save-client' }, t('save')));
		actions.append(button(client.enabled === false ? t('clients.enable') : t('clients.disable'), async () => {
			const body = edited(client, form);
			body.enabled = client.enabled === false;
			if (!body.enabled) {
				const answer = await confirmDialog({ title: t('clients.disableTitle', { clientId }),
					message: t('clients.disableMessage'), confirm: t('clients.disable'), danger: true });
				if (!answer.ok) {
					return;
				}
			}
			await save(body, body.enabled ? t('clients.enabledDone') : t('clients.disabledDone'));
		}, { id: 'toggle-client' }));
		if (client.type === 'confidential') {
			actions.append(button(t('clients.rotate'), async (event) => {
				const answer = await confirmDialog({ title: t('clients.rotateTitle', { clientId }),
					message: t('clients.rotateMessage'), confirm: t('clients.rotate'), danger: true });
				if (!answer.ok) {
					return;
				}
				try {
					const { data } = await busy(event.target, () => api(path + '/secret', { method: 'POST', ifMatch: etag }));
					notify(t('clients.rotated', { clientId }));
					await clientEdit(ctx, secretPanel(data.clientId || clientId, data.secret));
				}
				catch (error) {
					stale(error, form, reload);
				}
			}, { kind: 'danger', id: 'rotate-secret' }));
		}
	}
	form.append(actions);
	ctx.show(heading(t('clients.detail', { clientId })),
		h('p', { class: 'badge-line' }, managedBy(client.managedBy), ' ',
			client.managedBy === 'config' ? t('clients.managedNote') : '',
			h('span', { class: 'muted' }, ' ' + t('clients.version', { version: display(client.version) }))),
		flash, form,
		h('p', {}, h('a', { href: '#/realms/' + seg(ctx.realm) + '/audit?client=' + encodeURIComponent(clientId), id: 'client-audit' },
			t('clients.auditLink'))));
	if (flash) {
		flash.querySelector('#copy-secret').focus();
	}
}

/** 412: someone saved first; nothing was changed here, so say so and offer the current version. */
function stale(error, form, reload) {
	if (error instanceof Problem && (error.status === 412 || error.status === 428)) {
		const box = showProblem(error, form);
		box.append(h('p', {}, t('clients.staleHelp')), button(t('clients.reload'), reload, { kind: 'primary', id: 'reload-client' }));
		box.scrollIntoView();
		return;
	}
	showProblem(error, form);
}
