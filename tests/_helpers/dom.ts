// The DOM members the tests' page functions (Playwright's evaluate and evaluateAll) use. Those functions
// run in the browser, but the project compiles without the DOM library (lib ES2023), so they name these
// structural types instead. Only types: a page function is sent as its source, so it cannot use a value
// imported here, and `globalThis as unknown as BrowserGlobal` compiles to plain `globalThis`.

export interface DomElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly dataset: Readonly<Record<string, string | undefined>>;
  readonly nextElementSibling: DomElement | null;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  closest(selector: string): DomElement | null;
}

export interface DomTableRow extends DomElement {
  readonly cells: Iterable<DomElement> & ArrayLike<DomElement>;
}

export interface DomTable extends DomElement {
  readonly tBodies: ArrayLike<{ readonly rows: Iterable<DomTableRow> }>;
}

/** `globalThis` in the page. */
export interface BrowserGlobal {
  readonly document: { readonly documentElement: DomElement; readonly scrollingElement: DomElement };
  getComputedStyle(element: DomElement): { readonly lineHeight: string };
}
