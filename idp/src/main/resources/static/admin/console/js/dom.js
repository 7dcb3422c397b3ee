// Builds the DOM from data, never from HTML strings: values from the API are text, so
// nothing they contain can run (the page's policy enforces this with Trusted Types).

/** h('a', {href: '#/x', class: 'y', onclick: fn}, 'text', child) */
export function h(tag, attributes, ...children) {
	const element = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes || {})) {
		if (value === null || value === undefined || value === false) {
			continue;
		}
		if (name === 'class') {
			element.className = value;
		}
		else if (name.startsWith('on') && typeof value === 'function') {
			element.addEventListener(name.slice(2), value);
		}
		else if (name === 'value') {
			element.value = value;
		}
		else if (name === 'checked' || name === 'selected') {
			element[name] = Boolean(value);
		}
		else {
			element.setAttribute(name, value === true ? '' : String(value));
		}
	}
	append(element, children);
	return element;
}

export function append(element, children) {
	for (const child of [children].flat(Infinity)) {
		if (child === null || child === undefined || child === false) {
			continue;
		}
		element.append(child instanceof Node ? child : String(child));
	}
	return element;
}

export function byId(id) {
	return document.getElementById(id);
}

/** A path segment for a link or an API path. */
export function seg(value) {
	return encodeURIComponent(String(value));
}
