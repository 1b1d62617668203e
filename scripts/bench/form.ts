// Reads a form out of a page of this app as a browser would submit it, untouched: the successful
// controls of the first <form> that holds `marker` (hidden inputs, text, checked boxes, textareas,
// selected options). Enough for React's server markup (double-quoted attributes, escaped text);
// not a general HTML parser.

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return entities[name.toLowerCase()] ?? whole;
  });
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g)) found.set(m[1]!.toLowerCase(), decodeEntities(m[2] ?? ''));
  return found;
}

/** The form's fields in document order (repeated names kept, as FormData keeps them), or null. */
export function readForm(html: string, marker: string): URLSearchParams | null {
  for (const form of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
    const body = form[1]!;
    if (!body.includes(marker)) continue;
    const fields = new URLSearchParams();
    for (const m of body.matchAll(/<input\b[^>]*>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const tag = m[0];
      if (tag.startsWith('<input')) {
        const a = attributes(tag.slice(6));
        const name = a.get('name');
        const type = (a.get('type') ?? 'text').toLowerCase();
        if (!name || a.has('disabled') || ['submit', 'button', 'file', 'reset', 'image'].includes(type)) continue;
        if ((type === 'checkbox' || type === 'radio') && !a.has('checked')) continue;
        fields.append(name, a.get('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''));
      } else if (tag.startsWith('<textarea')) {
        const a = attributes(m[1]!);
        const name = a.get('name');
        // A browser drops one line feed right after <textarea>; React writes one when the text starts with one.
        if (name && !a.has('disabled')) fields.append(name, decodeEntities(m[2]!.replace(/^\n/, '')));
      } else {
        const a = attributes(m[3]!);
        const name = a.get('name');
        if (!name || a.has('disabled')) continue;
        const options = [...m[4]!.matchAll(/<option\b([^>]*)>/g)].map((o) => attributes(o[1]!));
        const chosen = options.find((o) => o.has('selected')) ?? options[0];
        if (chosen) fields.append(name, chosen.get('value') ?? '');
      }
    }
    return fields;
  }
  return null;
}
