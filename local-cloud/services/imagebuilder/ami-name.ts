/** `{{ imagebuilder:buildDate }}`, with or without the spaces. Every output AMI name must contain it. */
export const BUILD_DATE = /\{\{\s*imagebuilder:buildDate\s*\}\}/;
const BUILD_VERSION = /\{\{\s*imagebuilder:buildVersion\s*\}\}/g;

/** The build date as it appears in AMI names, which cannot hold colons: `2026-11-10T04-47-12.345Z`. */
export function buildDateLabel(ms: number): string {
  return new Date(ms).toISOString().replace(/:/g, '-');
}

/**
 * Resolves the name of an output AMI from its distribution's template; with no template, Image Builder
 * names the AMI after the recipe followed by the build date.
 */
export function resolveAmiName(template: string | undefined, build: { recipeName: string; buildVersion: number; buildDate: number }): string {
  const date = buildDateLabel(build.buildDate);
  if (template === undefined) return `${build.recipeName} ${date}`;
  return template.replace(new RegExp(BUILD_DATE.source, 'g'), date).replace(BUILD_VERSION, String(build.buildVersion));
}
