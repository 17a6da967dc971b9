// Compiles the server (tsconfig.build.json) as `tsc` would, with the @nestjs/swagger compiler plugin, which reads
// DTO property types, class-validator rules and doc comments into the OpenAPI document. Nest's own CLI does the
// same with `nest build`; this keeps the plain-tsc build the project already has. Exit 1 on any type error.
import ts from 'typescript';
import { before as swaggerPlugin } from '@nestjs/swagger/plugin';

const configPath = process.argv[2] ?? 'tsconfig.build.json';
const parsed = ts.getParsedCommandLineOfConfigFile(
  configPath,
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      console.error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      process.exit(1);
    },
  },
);
const builder = ts.createIncrementalProgram({
  rootNames: parsed.fileNames,
  options: parsed.options,
  projectReferences: parsed.projectReferences,
  configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
});
const program = builder.getProgram();
// DTO classes are read from `*.dto.ts` files (the plugin's default); keep request and response classes there.
const plugin = swaggerPlugin({ classValidatorShim: true, introspectComments: true }, program);
const emitted = builder.emit(undefined, undefined, undefined, false, { before: [plugin] });
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
if (diagnostics.length) {
  const host = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: ts.sys.getCurrentDirectory,
    getNewLine: () => '\n',
  };
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}
