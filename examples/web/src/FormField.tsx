import type { ReactNode } from 'react';

/** A labelled input and, under it, the gateway's message for that field (from `extensions.fields`, see errors.ts). */
export function FormField(props: { label: string; name: string; errors: Record<string, string>; children: ReactNode }) {
  const error = props.errors[props.name];
  return (
    <>
      <label>
        {props.label} {props.children}
      </label>
      {error && (
        <span className="field-error" data-testid={`error-${props.name}`}>
          {error}
        </span>
      )}
    </>
  );
}
