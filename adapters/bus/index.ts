export type { Bus, BusMessage } from './types';
export { createMemoryBus } from './memoryBus';
export { createRedisBus, type RedisBusOptions } from './redisBus';
