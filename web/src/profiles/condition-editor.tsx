// A plain textarea over a backdrop that marks each diagnostic at its line and column, so the
// author sees exactly where the node's parser or type checker objects while typing.
import { useMemo } from 'react';

export interface Diagnostic {
  line: number;
  column: number;
  length?: number | undefined;
  message: string;
}

/** Character offset of a 1-based line and column in text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

export function ConditionEditor({ value, onChange, diagnostics }: { value: string; onChange(v: string): void; diagnostics: readonly Diagnostic[] }) {
  const backdrop = useMemo(() => {
    const marks = diagnostics
      .map((d) => {
        const start = offsetOf(value, d.line, d.column);
        return { start, end: Math.max(start + 1, Math.min(value.length, start + (d.length ?? 1))), message: d.message };
      })
      .sort((a, b) => a.start - b.start);
    const parts: (string | { text: string; message: string })[] = [];
    let at = 0;
    for (const m of marks) {
      if (m.start < at) continue;
      parts.push(value.slice(at, m.start));
      parts.push({ text: value.slice(m.start, m.end) || ' ', message: m.message });
      at = m.end;
    }
    parts.push(value.slice(at));
    return parts;
  }, [value, diagnostics]);
  return (
    <div className="code-editor">
      <div className="code-backdrop" aria-hidden="true">
        {backdrop.map((p, i) => (typeof p === 'string' ? <span key={i}>{p}</span> : <mark key={i} data-testid="diagnostic-mark" title={p.message}>{p.text}</mark>))}
        {'\n'}
      </div>
      <textarea data-testid="condition" spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} rows={6} />
    </div>
  );
}
