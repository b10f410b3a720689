// docs/routerctl.md, generated from the commands' own help and the exit-code table, so the
// reference cannot drift from the code (reference.test.ts compares; `npx vitest run -u` rewrites).
import { COMMANDS, HELP } from './cli.js';
import { EXIT_CODES } from './exit-codes.js';
import { OUTPUT_FORMATS } from './output/formats.js';

const INTRO = `# routerctl

The operator's CLI of routerd lease sync. Offline commands (\`validate\`, \`plan\`, \`render\`) read a
configuration file; live commands (\`describe\`, \`get\`, \`events\`, \`check\`) ask the agents of one node
over NATS and never change anything.

This page is generated from routerctl's own \`--help\` texts and exit-code table
(\`apps/routerctl/src/reference.ts\`; a test fails when they differ, and
\`cd apps/routerctl && npx vitest run -u src/reference.test.ts\` rewrites it). \`routerctl help COMMAND\`
prints the same on a router.
`;

function exitTable(): string {
  const rows = EXIT_CODES.map(([code, meaning]) => `| ${code} | ${meaning} |`);
  return ['| Code | Meaning |', '| ---: | --- |', ...rows].join('\n');
}

function formatsTable(): string {
  const rows = COMMANDS.filter((c) => 'output' in c.options).map((c) => {
    const accepted = c.complete?.values?.output ?? [];
    return `| \`${c.name}\` | ${OUTPUT_FORMATS.map((f) => (accepted.includes(f) ? f : '–')).join(' | ')} |`;
  });
  return [`| Command | ${OUTPUT_FORMATS.join(' | ')} |`, `| --- |${OUTPUT_FORMATS.map(() => ' --- |').join('')}`, ...rows].join('\n');
}

export function referenceMarkdown(): string {
  const commands = COMMANDS.map((c) => `### routerctl ${c.name}\n\n${c.summary}.\n\n\`\`\`\n${c.help.trimEnd()}\n\`\`\`\n`);
  return `${INTRO}
## Exit codes

One table for every command (\`apps/routerctl/src/exit-codes.ts\`). A health check reads 0 as
healthy; 3 and 4 tell a bus or agent outage from a usage error (2).

${exitTable()}

## Output formats

One vocabulary (\`-o/--output\`) for every command that prints data; each takes the formats that mean
something for it. \`table\` is the default: for people. \`wide\` is the table with more columns.
\`json\` and \`yaml\` print the data itself: the objects as the agents sent them (\`describe\`, \`get\`,
\`events\`), the report (\`validate\`, \`check\`), the plan, or the version. \`render\` prints a daemon's
configuration file and takes no \`-o\`; \`completion\` prints a script.

${formatsTable()}

## Shell completion

\`\`\`
source <(routerctl completion bash)                      # this shell
routerctl completion bash > /etc/bash_completion.d/routerctl
routerctl completion zsh > "\${fpath[1]}/_routerctl"      # zsh, after compinit
\`\`\`

## Commands

### routerctl

\`\`\`
${HELP.trimEnd()}
\`\`\`

${commands.join('\n')}`;
}
