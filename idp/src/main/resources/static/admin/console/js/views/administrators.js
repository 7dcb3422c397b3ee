import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { heading, table, field, display, notify, showProblem, clearErrors, button, busy } from '../ui.js';

const ROLES = ['super-admin', 'realm-admin', 'helpdesk', 'auditor', 'personal-id-viewer'];

export function roleLabel(assignment) {
	const role = t('role.' + assignment.role, {}, assignment.role);
	return assignment.realm ? t('role.inRealm', { role, realm: assignment.realm }) : role;
}

/**
 * Rows of role and realm, with add and remove; {@code read()} gives the list the API
 * takes. Errors on "roles[1].realm" land under the whole editor (data-field "roles").
 */
function rolesEditor(realms, assignments) {
	const rows = h('ul', { class: 'role-rows' });
	let counter = 0;
	const addRow = (assignment) => {
		const n = ++counter;
		const role = h('select', { id: 'role-' + n, class: 'role' },
			ROLES.map((r) => h('option', { value: r, selected: r === assignment.role }, t('role.' + r))));
		const realm = h('select', { id: 'role-realm-' + n, class: 'role-realm' },
			h('option', { value: '', selected: !assignment.realm }, t('role.allRealms')),
			realms.map((r) => h('option', { value: r.name, selected: r.name === assignment.realm }, r.name)));
		const row = h('li', { class: 'role-row' },
			h('label', { for: 'role-' + n }, t('role.role')), role,
			h('label', { for: 'role-realm-' + n }, t('role.realm')), realm,
			button(t('role.remove'), () => row.remove(), { id: 'role-remove-' + n }));
		rows.append(row);
	};
	assignments.forEach(addRow);
	const editor = h('fieldset', { 'data-field': 'roles', id: 'roles-editor', 'aria-describedby': 'roles-editor-error' },
		h('legend', {}, t('administrators.roles')),
		h('p', { class: 'hint' }, t('administrators.rolesHint')),
		rows,
		button(t('role.add'), () => addRow({ role: 'helpdesk', realm: realms.length ? realms[0].name : null }), { id: 'role-add' }),
		h('p', { class: 'field-error', id: 'roles-editor-error', hidden: true }));
	editor.read = () => [...rows.querySelectorAll('.role-row')].map((row) => ({
		role: row.querySelector('.role').value,
		realm: row.querySelector('.role-realm').value || null,
	}));
	return editor;
}

export async function administratorList(ctx) {
	const { data: administrators } = await api('/administrators');
	const list = h('div', { id: 'administrators' });
	const render = (items) => list.replaceChildren(table(t('administrators.title'), [
		{ label: t('administrators.email'), cell: (a) => display(a.email) },
		{ label: t('administrators.name'), cell: (a) => display(a.displayName) },
		{ label: t('people.status'), cell: (a) => t('people.status.' + a.status, {}, a.status || '—') },
		{ label: t('administrators.roles'), cell: (a) => (a.roles || []).map(roleLabel).join(', ') || t('administrators.noRole') },
		{ label: t('actions'), cell: (a) => button(t('administrators.editRoles'), () => editRoles(ctx, a), { id: 'edit-roles-' + a.id }) },
	], items, 'administrator-list'));
	render(administrators || []);

	const roles = rolesEditor(ctx.realms, [{ role: 'helpdesk', realm: ctx.realm }]);
	const form = h('form', { id: 'administrator-form', novalidate: true, onsubmit: async (event) => {
		event.preventDefault();
		clearErrors(form);
		const value = (name) => form.querySelector('[data-field="' + name + '"]').value;
		try {
			const { data } = await busy(form.querySelector('button[type=submit]'), () => api('/administrators', { method: 'POST', body: {
				email: value('email').trim(), displayName: value('displayName').trim(), password: value('password'), roles: roles.read(),
			} }));
			notify(t('administrators.created', { email: data.email }));
			await administratorList(ctx);
		}
		catch (error) {
			showProblem(error, form);
		}
	} },
	field({ name: 'email', label: t('administrators.email'), type: 'email', required: true, autocomplete: 'off' }),
	field({ name: 'displayName', label: t('administrators.name') }),
	field({ name: 'password', label: t('administrators.password'), type: 'password', required: true,
		autocomplete: 'new-password', hint: t('administrators.passwordHint') }),
	roles,
	h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'create-administrator' }, t('administrators.create'))));
	ctx.show(heading(t('administrators.title')), list, h('h2', {}, t('administrators.new')), form);
}

async function editRoles(ctx, administrator) {
	const roles = rolesEditor(ctx.realms, administrator.roles || []);
	const form = h('form', { id: 'roles-form', novalidate: true, onsubmit: async (event) => {
		event.preventDefault();
		clearErrors(form);
		try {
			await api('/administrators/' + encodeURIComponent(administrator.id) + '/roles', { method: 'PUT', body: { roles: roles.read() } });
			notify(t('administrators.rolesSaved', { email: administrator.email }));
			await administratorList(ctx);
		}
		catch (error) {
			showProblem(error, form);
		}
	} },
	roles,
	h('div', { class: 'actions' },
		h('button', { type: 'submit', class: 'primary', id: 'save-roles' }, t('save')),
		button(t('cancel'), () => administratorList(ctx), { id: 'cancel-roles' })));
	ctx.show(heading(t('administrators.rolesOf', { email: administrator.email || administrator.id })), form);
}
