import { Input, Label } from "@/components/ui/input";
import { cn } from "@/lib/ui/cn";

/** The free-text "why" that goes on the timeline with a change (severity, status). */
export function ReasonField({
  id,
  label,
  value,
  onChange,
  maxLength,
  className,
}: {
  id: string;
  label: React.ReactNode;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  className?: string;
}) {
  return (
    <div className={cn("flex-1", className)}>
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        value={value}
        maxLength={maxLength}
        onChange={(e) => onChange(e.target.value)}
        placeholder="Why — goes on the timeline"
      />
    </div>
  );
}
