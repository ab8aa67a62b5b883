/** Fills {{name}} placeholders the way i18next does, for text the server writes (mail, generated titles). */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
