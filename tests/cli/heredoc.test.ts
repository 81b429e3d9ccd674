import { describe, expect, it } from 'vitest';
import { writeFileCommand } from '../../src/cli/heredoc';
import { Session } from '../../src/cli/session';

describe('writeFileCommand', () => {
  it('writes the text exactly, $ and backticks included, through a quoted heredoc', () => {
    const session = new Session({ seed: 1 });
    const text = 'kind: ConfigMap\ndata:\n  greeting: "hello $USER `date`"\n';
    const command = writeFileCommand('web.yaml', text);
    expect(command).toBe(`cat > web.yaml <<'EOF'\nkind: ConfigMap\ndata:\n  greeting: "hello $USER \`date\`"\nEOF`);
    expect(session.run(command).exitCode).toBe(0);
    expect(session.run('cat web.yaml').output).toBe(text);
  });

  it('picks a delimiter no line of the text is, and quotes an unusual path', () => {
    const session = new Session({ seed: 1 });
    const text = 'a\nEOF\nEOF_\nb';
    const command = writeFileCommand("my file's.yaml", text);
    expect(command.split('\n')[0]).toBe(`cat > 'my file'\\''s.yaml' <<'EOF__'`);
    expect(session.run(command).exitCode).toBe(0);
    expect(session.run(`cat "my file's.yaml"`).output).toBe(`${text}\n`);
  });
});
