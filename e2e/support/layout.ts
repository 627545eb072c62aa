import type { Page } from '@playwright/test';

/**
 * Every piece of visible text inside the given regions, checked for what a narrow screen
 * does wrong: two text boxes that overlap, a box wider than its content area (clipped or
 * spilling out), text past the viewport's edge. Returns one line per problem.
 */
export function layoutProblems(page: Page, selectors: string[]): Promise<string[]> {
  return page.evaluate((sels) => {
    const problems: string[] = [];
    const boxes: Array<{ r: DOMRect; text: string; node: Node }> = [];
    const hidden = (el: Element) => el.closest('.sr-only') !== null;
    const viewport = document.documentElement.clientWidth;
    for (const sel of sels) {
      const root = document.querySelector(sel);
      if (!root) {
        problems.push(`no element for ${sel}`);
        continue;
      }
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        if (!text || !node.parentElement || hidden(node.parentElement)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width < 1 || r.height < 1) continue;
          boxes.push({ r, text: text.slice(0, 40), node });
          if (r.right > viewport + 0.5) problems.push(`past the screen's edge: "${text.slice(0, 40)}"`);
        }
      }
      for (const el of root.querySelectorAll('*')) {
        if (hidden(el) || el.clientWidth === 0 || getComputedStyle(el).display === 'inline') continue;
        if (el.scrollWidth > el.clientWidth + 1) {
          problems.push(
            `cut off or spilling: <${el.tagName.toLowerCase()}> "${el.textContent?.trim().slice(0, 40)}" ${el.scrollWidth} > ${el.clientWidth}`,
          );
        }
      }
    }
    // Line boxes may touch; 2 px of tolerance keeps adjacent lines from counting as overlap.
    const overlap = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.node !== b.node && overlap(a.r, b.r)) problems.push(`overlap: "${a.text}" and "${b.text}"`);
      }
    }
    return problems;
  }, selectors);
}
