/**
 * Discord's message limits, enforced by the fake the way Discord does (400, code 50035), so a test
 * fails when the adapter sends something the real API would refuse.
 */

const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  optionLabel: 100,
  optionValue: 100,
} as const;

interface LooseEmbed {
  title?: string;
  description?: string;
  fields?: { name?: string; value?: string }[];
  footer?: { text?: string };
  author?: { name?: string };
}

interface LooseComponent {
  type?: number;
  custom_id?: string;
  label?: string;
  components?: LooseComponent[];
  options?: { label?: string; value?: string }[];
}

const len = (s: string | undefined) => (s ?? '').length;

/** Returns the problems Discord would report for this message body (empty when it is acceptable). */
export function messageProblems(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const b = body as { content?: string; embeds?: LooseEmbed[]; components?: LooseComponent[] };
  const problems: string[] = [];
  if (len(b.content) > LIMITS.content) problems.push(`content: longer than ${LIMITS.content}`);
  const embeds = b.embeds ?? [];
  if (embeds.length > LIMITS.embeds) problems.push(`embeds: more than ${LIMITS.embeds}`);
  let total = 0;
  embeds.forEach((e, i) => {
    if (len(e.title) > LIMITS.title) problems.push(`embeds[${i}].title: too long`);
    if (len(e.description) > LIMITS.description) problems.push(`embeds[${i}].description: too long`);
    if ((e.fields ?? []).length > LIMITS.fields)
      problems.push(`embeds[${i}].fields: more than ${LIMITS.fields}`);
    total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name);
    (e.fields ?? []).forEach((f, j) => {
      if (len(f.name) > LIMITS.fieldName || len(f.name) === 0)
        problems.push(`embeds[${i}].fields[${j}].name`);
      if (len(f.value) > LIMITS.fieldValue || len(f.value) === 0)
        problems.push(`embeds[${i}].fields[${j}].value`);
      total += len(f.name) + len(f.value);
    });
  });
  if (total > LIMITS.embedTotal) problems.push(`embeds: more than ${LIMITS.embedTotal} characters in all`);
  const rows = b.components ?? [];
  if (rows.length > LIMITS.rows) problems.push(`components: more than ${LIMITS.rows} rows`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const inner = row.components ?? [];
    if (inner.length > LIMITS.buttonsPerRow) problems.push(`components[${i}]: more than 5 components`);
    for (const c of inner) {
      if (c.custom_id !== undefined) {
        if (len(c.custom_id) > LIMITS.customId) problems.push(`components[${i}]: custom_id too long`);
        if (ids.has(c.custom_id)) problems.push(`components[${i}]: duplicate custom_id`);
        ids.add(c.custom_id);
      }
      if (len(c.label) > LIMITS.buttonLabel) problems.push(`components[${i}]: label too long`);
      if ((c.options ?? []).length > LIMITS.selectOptions)
        problems.push(`components[${i}]: too many options`);
      for (const o of c.options ?? []) {
        if (len(o.label) > LIMITS.optionLabel || len(o.value) > LIMITS.optionValue) {
          problems.push(`components[${i}]: option too long`);
        }
      }
    }
  });
  return problems;
}
