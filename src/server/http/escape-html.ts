import { escapeToBuffer } from 'hono/utils/html';

/**
 * Text or an attribute value (in double or single quotes) made safe to write into HTML:
 * `& < > " '` as entities. Hono's own escaper, the one its `html` template and JSX use
 * (decision 0026). Not for JSON inside `<script>`: that is `jsonForScript` (page/first-paint.ts).
 */
export function escapeHtml(value: string): string {
  const buffer: [string] = [''];
  escapeToBuffer(value, buffer);
  return buffer[0];
}
