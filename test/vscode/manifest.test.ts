/** The extension's manifest (extension/package.json): what it contributes, against the code that uses it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DUE_SOON_DAYS } from '@plankit/core';
import { describe, expect, it } from 'vitest';
import { ALL_LANGUAGES, PLAN_LANGUAGES, REGISTER_LANGUAGES } from '../../extension/src/languages.js';
import { DEFAULT_DOCS_BASE_URL, normaliseSettings } from '../../language-server/src/settings.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}extension/package.json`, 'utf8'));
const contributes = manifest.contributes;

/** VS Code's reading of a `filenamePatterns` glob against a base name (only `*` is used here). */
function matches(pattern: string, name: string): boolean {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`).test(name);
}

function languageOf(name: string): string | undefined {
  return contributes.languages.find((language: { filenamePatterns?: string[] }) => language.filenamePatterns?.some((pattern) => matches(pattern, name)))?.id;
}

describe('languages', () => {
  it('gives plans and agency registers their own languages, by file name', () => {
    expect(languageOf('safer-kingston.plan.yaml')).toBe('plankit-plan');
    expect(languageOf('safer-kingston.plan.yml')).toBe('plankit-plan');
    expect(languageOf('safer-kingston.plan.json')).toBe('plankit-plan-json');
    expect(languageOf('kent.agencies.yaml')).toBe('plankit-agencies');
    expect(languageOf('kent.agencies.yml')).toBe('plankit-agencies');
    expect(languageOf('kent.agencies.json')).toBe('plankit-agencies-json');
    expect(languageOf('docker-compose.yaml')).toBeUndefined();
    expect(languageOf('plan.yaml')).toBeUndefined();
  });

  it('contributes exactly the languages the code knows, and activates on each', () => {
    expect(contributes.languages.map((language: { id: string }) => language.id).sort()).toEqual([...ALL_LANGUAGES].sort());
    for (const language of ALL_LANGUAGES) expect(manifest.activationEvents).toContain(`onLanguage:${language}`);
  });

  it('also starts when the folder VS Code opens holds a plan or a register, so the workspace is checked before one is opened', () => {
    const patterns = contributes.languages.flatMap((language: { filenamePatterns: string[] }) => language.filenamePatterns);
    const onFolder = manifest.activationEvents.filter((event: string) => event.startsWith('workspaceContains:'));
    expect(onFolder.sort()).toEqual(patterns.map((pattern: string) => `workspaceContains:**/${pattern}`).sort());
  });

  it('colours YAML languages with VS Code’s YAML grammar and JSON ones with its JSON grammar', () => {
    for (const grammar of contributes.grammars) {
      const file = JSON.parse(readFileSync(`${root}extension/${grammar.path}`, 'utf8'));
      expect(file.scopeName).toBe(grammar.scopeName);
      const included = grammar.language.endsWith('-json') ? 'source.json' : 'source.yaml';
      expect(file.patterns, grammar.language).toEqual([{ include: included }]);
    }
    expect(contributes.grammars.map((grammar: { language: string }) => grammar.language).sort()).toEqual([...ALL_LANGUAGES].sort());
  });

  it('lets VS Code’s JSON support check JSON plans and registers against the schemas', () => {
    expect(contributes.jsonLanguageParticipants.map((participant: { languageId: string }) => participant.languageId).sort()).toEqual(['plankit-agencies-json', 'plankit-plan-json']);
    expect(contributes.jsonValidation).toEqual([
      { fileMatch: ['*.plan.json'], url: './dist/schemas/plan.schema.json' },
      { fileMatch: ['*.agencies.json'], url: './dist/schemas/agencies.schema.json' },
    ]);
  });

  it('suggests as officers type inside JSON strings, where agency ids and statuses go', () => {
    const jsonLanguages = ALL_LANGUAGES.filter((language) => language.endsWith('-json'));
    expect(jsonLanguages.sort()).toEqual(['plankit-agencies-json', 'plankit-plan-json']);
    for (const language of jsonLanguages) {
      expect(contributes.configurationDefaults[`[${language}]`]['editor.quickSuggestions'].strings, language).toBe('on');
    }
  });

  it('has a language configuration for each language (YAML comments are #)', () => {
    for (const language of contributes.languages) {
      const config = JSON.parse(readFileSync(`${root}extension/${language.configuration}`, 'utf8'));
      if (language.id.endsWith('-json')) expect(config.comments, language.id).toBeUndefined();
      else expect(config.comments, language.id).toEqual({ lineComment: '#' });
      for (const rule of Object.values(config.indentationRules ?? {})) expect(() => new RegExp(rule as string)).not.toThrow();
    }
  });
});

describe('commands', () => {
  it('has Open Preview, Save Report and New Plan in the Plankit category', () => {
    const titles = Object.fromEntries(contributes.commands.map((command: { command: string; category: string; title: string }) => [command.command, `${command.category}: ${command.title}`]));
    expect(titles).toEqual({ 'plankit.openPreview': 'Plankit: Open Preview', 'plankit.saveReport': 'Plankit: Save Report for Committee (HTML)', 'plankit.newPlan': 'Plankit: New Plan' });
    // Offered for plans only, in the palette and on a plan file in the explorer.
    for (const menu of ['commandPalette', 'explorer/context']) {
      const entry = contributes.menus[menu].find((item: { command: string }) => item.command === 'plankit.saveReport');
      expect(entry?.when, menu).toBe(PLAN_LANGUAGES.map((language) => `${menu === 'commandPalette' ? 'editorLangId' : 'resourceLangId'} == ${language}`).join(' || '));
    }
    expect(contributes.commands.find((command: { command: string }) => command.command === 'plankit.openPreview').icon).toBe('$(open-preview)');
  });

  it('shows the preview button in the editor title of plans only', () => {
    const [button] = contributes.menus['editor/title'];
    expect(button.command).toBe('plankit.openPreview');
    expect(button.group).toBe('navigation');
    expect(button.when).toBe(PLAN_LANGUAGES.map((language) => `editorLangId == ${language}`).join(' || '));
    for (const language of REGISTER_LANGUAGES) expect(button.when).not.toContain(`== ${language}`);
  });
});

describe('settings', () => {
  const properties = contributes.configuration.properties;

  it('has the settings the issue asks for, with their defaults', () => {
    expect(properties['plankit.checkWorkspace']).toMatchObject({ type: 'boolean', default: true });
    expect(properties['plankit.asOf']).toMatchObject({ type: 'string', default: '' });
    // The core's default, so VS Code with nothing set reports what the CLI and other editors do.
    expect(properties['plankit.dueSoonDays']).toMatchObject({ type: 'number', default: DEFAULT_DUE_SOON_DAYS });
    expect(properties['plankit.severity']).toMatchObject({ type: 'object', default: {} });
    expect(properties['plankit.severity'].additionalProperties.enum).toEqual(['error', 'warning', 'information', 'hint', 'off']);
    expect(properties['plankit.trace.server']).toMatchObject({ type: 'string', enum: ['off', 'messages', 'verbose'], default: 'off' });
    // The codes' links: the server's own default, changeable for an intranet copy.
    expect(properties['plankit.docsBaseUrl']).toMatchObject({ type: 'string', default: DEFAULT_DOCS_BASE_URL });
    for (const [key, value] of Object.entries(properties)) expect((value as { markdownDescription?: string }).markdownDescription?.length ?? 0, key).toBeGreaterThan(30);
  });

  it('accepts in plankit.asOf only a date or nothing', () => {
    const pattern = new RegExp(properties['plankit.asOf'].pattern);
    expect(pattern.test('')).toBe(true);
    expect(pattern.test('2026-11-23')).toBe(true);
    expect(pattern.test('23/11/2026')).toBe(false);
  });

  it('are each read by the language server (section plankit), with a value other than the default', () => {
    const given: Record<string, unknown> = {
      checkWorkspace: false,
      asOf: '2026-11-23',
      dueSoonDays: 7,
      severity: { overdue: 'error', 'due-tbc': 'off' },
      inlayHints: false,
      codeLens: false,
      docsBaseUrl: 'https://intranet.example.gov.uk/plankit/checks.html',
    };
    const keys = Object.keys(properties)
      .filter((key) => key !== 'plankit.trace.server')
      .map((key) => key.slice('plankit.'.length));
    expect(keys.sort()).toEqual(Object.keys(given).sort());
    const read = normaliseSettings(given) as unknown as Record<string, unknown>;
    for (const key of keys) expect(read[key], key).toEqual(given[key]);
  });
});

describe('package', () => {
  it('is built by the root build, last, and packaged without dependencies', () => {
    const rootManifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(rootManifest.scripts.build).toMatch(/npm run build --workspace plankit-vscode( --if-present)?$/);
    expect(manifest.scripts.build).toBe('node scripts/build.mjs');
    expect(readFileSync(`${root}extension/scripts/build.mjs`, 'utf8')).toContain("'package', '--no-dependencies'");
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.engines.vscode).toBe(`^${manifest.devDependencies['@types/vscode']}`);
    expect(manifest.repository.url).toMatch(/^https:\/\//);
  });
});
