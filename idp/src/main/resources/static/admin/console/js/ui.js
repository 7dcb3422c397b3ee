// Shared pieces of the views: form fields with their error slots, problem details,
// confirmation dialogs, tables, notices, dates.

import { h, byId } from './dom.js';
import { t, language } from './i18n.js';
import { Problem, Redirecting } from './api.js';

let fieldCounter = 0;

/**
 * A labelled field. spec: {name (the API's field path), label, type, value, required,
 * hint, multiline, options: [[value, label]], readonly, autocomplete}.
 */
export function field(spec) {
	const id = spec.id || 'f-' + spec.name.replace(/[^A-Za-z0-9]+/g, '-') + '-' + (++fieldCounter);
	const errorId = id + '-error';
	const hintId = spec.hint ? id + '-hint' : null;
	const common = {
		id, name: spec.name, 'data-field': spec.name, required: spec.required, readonly: spec.readonly,
		'aria-describedby': [hintId, errorId].filter(Boolean).join(' '), autocomplete: spec.autocomplete || 'off',
	};
	let control;
	if (spec.options) {
		control = h('select', common, spec.options.map(([value, label]) => h('option', { value, selected: value === spec.value }, label)));
	}
	else if (spec.multiline) {
		control = h('textarea', { ...common, rows: spec.rows || 3, value: spec.value || '' });
	}
	else if (spec.type === 'checkbox') {
		control = h('input', { ...common, type: 'checkbox', checked: spec.value });
		return h('div', { class: 'field check' }, control, h('label', { for: id }, spec.label),
			h('p', { class: 'field-error', id: errorId, hidden: true }));
	}
	else {
		control = h('input', { ...common, type: spec.type || 'text', value: spec.value === undefined ? '' : spec.value,
			inputmode: spec.inputmode });
	}
	return h('div', { class: 'field' }, h('label', { for: id }, spec.label),
		hintId ? h('p', { class: 'hint', id: hintId }, spec.hint) : null, control,
		h('p', { class: 'field-error', id: errorId, hidden: true }));
}

/** Lines of a textarea as a list. */
export function lines(value) {
	return String(value || '').split(/[\n,]+/).map((s) => s.trim()).filter(Boolean);
}

/** Words (spaces or commas) as a list. */
export function words(value) {
	return String(value || '').split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

export function clearErrors(form) {
	for (const slot of form.querySelectorAll('.field-error')) {
		slot.hidden = true;
		slot.textContent = '';
	}
	for (const control of form.querySelectorAll('[aria-invalid]')) {
		control.removeAttribute('aria-invalid');
	}
	const summary = form.querySelector('.problem');
	if (summary) {
		summary.remove();
	}
}

/**
 * Shows a problem readably: its title and detail above the form (or in place), and
 * each field error next to its field ("redirectUris[1]" goes to "redirectUris").
 */
export function showProblem(error, form, container) {
	if (error instanceof Redirecting) {
		return null; // leaving for the sign-in: nothing to say
	}
	const problem = error instanceof Problem ? error : null;
	const box = h('div', { class: 'problem', role: 'alert' });
	if (error && error.local) {
		box.append(h('p', { class: 'problem-title' }, error.message));
	}
	else if (!problem) {
		box.append(h('p', { class: 'problem-title' }, t('error.network')), h('p', {}, String(error && error.message || error)));
	}
	else {
		box.append(h('p', { class: 'problem-title' }, problemTitle(problem)));
		if (problem.detail) {
			box.append(h('p', {}, problem.detail));
		}
		const unplaced = [];
		let first = null;
		for (const fieldError of problem.errors) {
			const control = form ? findControl(form, String(fieldError.field || '')) : null;
			if (control) {
				const slot = byId(control.id + '-error');
				slot.textContent = (slot.textContent ? slot.textContent + ' ' : '') + fieldError.reason;
				slot.hidden = false;
				control.setAttribute('aria-invalid', 'true');
				first = first || control;
			}
			else {
				unplaced.push(fieldError);
			}
		}
		if (unplaced.length) {
			box.append(h('ul', {}, unplaced.map((e) => h('li', {}, (e.field ? e.field + ': ' : '') + e.reason))));
		}
		if (first) {
			first.focus();
		}
	}
	const target = form || container;
	if (target) {
		target.prepend(box);
		if (!form) {
			box.tabIndex = -1;
		}
	}
	return box;
}

function problemTitle(problem) {
	const known = t('problem.' + problem.slug, {}, null) || t('status.' + problem.status, {}, null);
	const title = known || problem.title || t('error.status', { status: problem.status });
	return title + ' (' + problem.status + ')';
}

function findControl(form, path) {
	const candidates = [path, path.replace(/\[\d+\]/g, ''), path.replace(/\[\d+\].*$/, ''), path.split('.')[0]];
	for (const candidate of candidates) {
		const control = [...form.querySelectorAll('[data-field]')].find((c) => c.getAttribute('data-field') === candidate);
		if (control) {
			return control;
		}
	}
	return null;
}

/** A short message in the live region. */
export function notify(message, kind) {
	const notice = byId('notice');
	notice.replaceChildren(h('p', { class: kind === 'error' ? 'error' : 'ok' }, message));
}

export function clearNotice() {
	byId('notice').replaceChildren();
}

/**
 * A modal confirmation. With {reason: label} it asks for a required text first.
 * Resolves to {ok, reason}.
 */
export function confirmDialog({ title, message, confirm, danger, reason }) {
	return new Promise((resolve) => {
		const reasonField = reason ? field({ name: 'reason', label: reason, multiline: true, required: true }) : null;
		const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' });
		const finish = (ok) => {
			const text = reasonField ? reasonField.querySelector('textarea').value.trim() : '';
			if (ok && reasonField && !text) {
				const slot = reasonField.querySelector('.field-error');
				slot.textContent = t('error.reasonRequired');
				slot.hidden = false;
				reasonField.querySelector('textarea').setAttribute('aria-invalid', 'true');
				reasonField.querySelector('textarea').focus();
				return;
			}
			dialog.close();
			dialog.remove();
			resolve({ ok, reason: text });
		};
		const form = h('form', { novalidate: true, onsubmit: (event) => {
			event.preventDefault();
			finish(true);
		} },
		h('h2', { id: 'dialog-title' }, title),
		message ? h('p', {}, message) : null,
		reasonField,
		h('div', { class: 'actions' },
			h('button', { type: 'submit', class: danger ? 'danger' : 'primary', id: 'dialog-confirm' }, confirm || t('ok')),
			h('button', { type: 'button', class: 'secondary', id: 'dialog-cancel', onclick: () => finish(false) }, t('cancel'))));
		dialog.append(form);
		dialog.addEventListener('cancel', (event) => {
			event.preventDefault();
			finish(false);
		});
		document.body.append(dialog);
		dialog.showModal();
		(reasonField ? reasonField.querySelector('textarea') : dialog.querySelector('#dialog-confirm')).focus();
	});
}

/** A table that scrolls sideways inside its own box on a narrow screen. */
export function table(caption, columns, rows, id) {
	if (!rows.length) {
		return h('p', { class: 'empty', id }, t('empty'));
	}
	return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
		h('table', { id },
			h('caption', {}, caption),
			h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
			h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) => h('td', { 'data-label': c.label }, c.cell(row))))))));
}

/** Key/value pairs; nested values as indented JSON. */
export function describe(entries) {
	return h('dl', { class: 'props' }, entries.filter(([, value]) => value !== undefined).map(([label, value]) => [
		h('dt', {}, label), h('dd', {}, value instanceof Node ? value : display(value))]));
}

export function display(value) {
	if (value === null || value === undefined || value === '') {
		return '—';
	}
	if (typeof value === 'boolean') {
		return value ? t('yes') : t('no');
	}
	if (typeof value === 'object') {
		return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
	}
	return String(value);
}

export function time(value) {
	if (!value) {
		return '—';
	}
	const date = new Date(typeof value === 'number' && value < 1e12 ? value * 1000 : value);
	if (Number.isNaN(date.getTime())) {
		return String(value);
	}
	return h('time', { datetime: date.toISOString() }, new Intl.DateTimeFormat(language() === 'en' ? 'en-GB' : 'vi-VN',
		{ dateStyle: 'short', timeStyle: 'medium' }).format(date));
}

/** A label in the console's language from a {vi, en} object. */
export function localized(names) {
	if (!names || typeof names !== 'object') {
		return names || '';
	}
	return names[language()] || names.vi || names.en || '';
}

export function button(label, onclick, options = {}) {
	return h('button', { type: 'button', class: options.kind || 'secondary', id: options.id, onclick }, label);
}

/** Runs an action with its button disabled meanwhile. */
export async function busy(control, action) {
	control.disabled = true;
	try {
		return await action();
	}
	finally {
		control.disabled = false;
	}
}

/** The view's heading; it takes the focus, so a screen reader announces the new view. */
export function heading(text) {
	return h('h1', { tabindex: -1, class: 'view-title' }, text);
}
