import { problemText } from "@/lib/ui/problem-text";

/** A failed request, as the server explained it: its sentence and every field's reason. */
export function ProblemAlert({ error, className }: { error: unknown; className?: string }) {
  if (!error) return null;
  const { message, fields } = problemText(error);
  return (
    <div role="alert" className={className ?? "mt-1 text-sm text-danger"}>
      <p>{message}</p>
      {fields.length ? (
        <ul className="mt-0.5 list-disc pl-5">
          {fields.map((f, i) => (
            <li key={i}>
              {f.field ? <span className="font-mono">{f.field}</span> : null}
              {f.field ? ": " : ""}
              {f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
