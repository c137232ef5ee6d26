type KeyPart = string | bigint | number;

/** A map keyed by a tuple of primitives, in insertion order, without encoding the tuple as a string. */
export interface CompositeKeyMap<K extends readonly KeyPart[], V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  values(): V[];
  readonly size: number;
}

interface Node<V> {
  children: Map<KeyPart, Node<V>>;
  value?: { v: V };
}

export function createCompositeKeyMap<K extends readonly KeyPart[], V>(): CompositeKeyMap<K, V> {
  const root: Node<V> = { children: new Map() };
  const leaves: Node<V>[] = [];
  const find = (key: K, create: boolean): Node<V> | undefined => {
    let node = root;
    for (const part of key) {
      let child = node.children.get(part);
      if (child === undefined) {
        if (!create) return undefined;
        child = { children: new Map() };
        node.children.set(part, child);
      }
      node = child;
    }
    return node;
  };
  return {
    get: (key) => find(key, false)?.value?.v,
    set(key, value) {
      const node = find(key, true)!;
      if (node.value === undefined) leaves.push(node);
      node.value = { v: value };
    },
    values: () => leaves.map((leaf) => leaf.value!.v),
    get size() {
      return leaves.length;
    },
  };
}
