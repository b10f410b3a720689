// Reads the configuration file and validates it with the model's loader; every diagnostic is kept.
import { readFile as fsReadFile } from 'node:fs/promises';
import { ConfigError, formatDiagnostic, loadConfig, type ConfigSource, type Diagnostic, type RouterConfig } from '@routerd/model';
import { ConfigReadError } from './errors.js';

export interface LoadedConfig {
  config: RouterConfig;
  /** Formatted warnings: the configuration is valid, but an operator should read them. */
  warnings: string[];
}

export interface ConfigFileLoaderDeps {
  readFile: (path: string) => Promise<string>;
  load: (sources: ConfigSource[]) => { config: RouterConfig | undefined; diagnostics: readonly Diagnostic[] };
  format: (diagnostic: Diagnostic) => string;
}

export type ConfigFileLoader = (path: string) => Promise<LoadedConfig>;

/** A loader over injected parts; throws ConfigReadError or ConfigError (every diagnostic, formatted). */
export function createConfigFileLoader({ readFile, load, format }: ConfigFileLoaderDeps): ConfigFileLoader {
  return async (path) => {
    let text: string;
    try {
      text = await readFile(path);
    } catch (cause) {
      throw new ConfigReadError(path, cause);
    }
    const { config, diagnostics } = load([{ file: path, text }]);
    const lines = diagnostics.map(format);
    if (config === undefined) {
      throw new ConfigError(diagnostics, { file: path, lines: lines.length > 0 ? lines : [`${path}: the loader returned no configuration and no diagnostics`] });
    }
    return { config, warnings: diagnostics.filter((d) => d.severity !== 'error').map(format) };
  };
}

const utf8 = (path: string) => fsReadFile(path, 'utf8');

/** Reads and validates `path` with @routerd/model's loadConfig. */
export function loadConfigFile(path: string, readFile: (path: string) => Promise<string> = utf8): Promise<LoadedConfig> {
  return createConfigFileLoader({ readFile, load: loadConfig, format: formatDiagnostic })(path);
}
