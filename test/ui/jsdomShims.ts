// What React Flow needs from a browser that jsdom lacks: it only has to exist (jsdom has no layout).
class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
Object.assign(globalThis, { ResizeObserver: NoopResizeObserver });
