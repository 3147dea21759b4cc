import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { Span } from '@kqlr/common/core';

/**
 * Typed access to chevrotain CST children. After error recovery a rule's node may lack children
 * and tokens inserted by recovery have NaN offsets, so every accessor may return undefined and
 * spans are built only from real tokens.
 */

function isToken(e: CstElement): e is IToken {
  return (e as IToken).tokenType !== undefined;
}

export function tokens(node: CstNode, key: string): IToken[] {
  return (node.children[key] ?? []).filter(isToken).filter(isRealToken);
}

export function token(node: CstNode, key: string, index = 0): IToken | undefined {
  return tokens(node, key)[index];
}

export function nodes(node: CstNode, key: string): CstNode[] {
  return (node.children[key] ?? []).filter((e): e is CstNode => !isToken(e));
}

export function child(node: CstNode, key: string, index = 0): CstNode | undefined {
  return nodes(node, key)[index];
}

/** Tokens inserted by single-token-insertion recovery have no position in the text. */
export function isRealToken(t: IToken): boolean {
  return !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
}

export function tokenSpan(t: IToken): Span {
  return { start: t.startOffset, end: (t.endOffset ?? t.startOffset + t.image.length - 1) + 1 };
}

/** All real tokens of a subtree, in text order. */
export function allTokens(node: CstNode): IToken[] {
  const out: IToken[] = [];
  const walk = (n: CstNode) => {
    for (const elements of Object.values(n.children)) {
      for (const e of elements) {
        if (isToken(e)) {
          if (isRealToken(e)) out.push(e);
        } else walk(e);
      }
    }
  };
  walk(node);
  return out.sort((a, b) => a.startOffset - b.startOffset);
}

/**
 * Span from the first to the last real token of a subtree; `fallback` when it has none. Uses the
 * location chevrotain tracks while parsing (`nodeLocationTracking: 'onlyOffset'`), which is O(1);
 * walking the subtree instead made span computation O(size x depth) across the visitor.
 */
export function nodeSpan(node: CstNode, fallback: Span): Span {
  const loc = node.location;
  if (loc && Number.isFinite(loc.startOffset) && Number.isFinite(loc.endOffset)) {
    return { start: loc.startOffset, end: (loc.endOffset as number) + 1 };
  }
  return walkedSpan(node, fallback);
}

/** Recovery may leave a location partly unset: then the span comes from the real tokens. */
function walkedSpan(node: CstNode, fallback: Span): Span {
  let start = Infinity;
  let end = -Infinity;
  const walk = (n: CstNode) => {
    for (const elements of Object.values(n.children)) {
      for (const e of elements) {
        if (isToken(e)) {
          if (!isRealToken(e)) continue;
          const s = tokenSpan(e);
          if (s.start < start) start = s.start;
          if (s.end > end) end = s.end;
        } else walk(e);
      }
    }
  };
  walk(node);
  return Number.isFinite(start) ? { start, end } : fallback;
}

export function joinSpans(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
