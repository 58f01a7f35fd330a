/**
 * Test support: a small strict XML reader for the diagram tests (Node has no DOMParser). It accepts only
 * well-formed markup — balanced tags, quoted attributes without `<`, the five predefined entities — and throws
 * on anything else, so an unescaped name in the SVG fails the test that reads it.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, where: number): string {
  return text.replace(/&([a-z]*);?/g, (all, name: string) => {
    if (!all.endsWith(';') || !(name in ENTITIES)) throw new Error(`bad entity ${all} near ${where}`);
    return ENTITIES[name]!;
  });
}

export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > i) {
      const text = xml.slice(i, textEnd);
      if (text.includes('>')) throw new Error(`raw > in text near ${i}`);
      stack[stack.length - 1]!.children.push(decode(text, i));
    }
    if (lt === -1) break;
    const close = /^<\/([A-Za-z][\w:.-]*)>/.exec(xml.slice(lt));
    if (close) {
      const top = stack.pop();
      if (!top || top.name !== close[1]) throw new Error(`unbalanced </${close[1]}> near ${lt}`);
      i = lt + close[0].length;
      continue;
    }
    const open = /^<([A-Za-z][\w:.-]*)((?:\s+[A-Za-z][\w:.-]*="[^"<]*")*)\s*(\/?)>/.exec(xml.slice(lt));
    if (!open) throw new Error(`malformed tag near ${lt}: ${xml.slice(lt, lt + 40)}`);
    const attrs: Record<string, string> = {};
    for (const m of open[2]!.matchAll(/([A-Za-z][\w:.-]*)="([^"<]*)"/g)) {
      if (m[1]! in attrs) throw new Error(`duplicate attribute ${m[1]} near ${lt}`);
      attrs[m[1]!] = decode(m[2]!, lt);
    }
    const element: XmlElement = { name: open[1]!, attrs, children: [] };
    stack[stack.length - 1]!.children.push(element);
    if (!open[3]) stack.push(element);
    i = lt + open[0].length;
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  const elements = root.children.filter((c): c is XmlElement => typeof c !== 'string');
  if (elements.length !== 1 || root.children.some((c) => typeof c === 'string' && c.trim())) {
    throw new Error('expected exactly one root element');
  }
  return elements[0]!;
}

export function textContent(node: XmlNode): string {
  return typeof node === 'string' ? node : node.children.map(textContent).join('');
}

/** Every element below (and including) `node`, in document order. */
export function allElements(node: XmlElement): XmlElement[] {
  return [node, ...node.children.flatMap((c) => (typeof c === 'string' ? [] : allElements(c)))];
}
