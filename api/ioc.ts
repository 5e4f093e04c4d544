import type { IocContainer, IocContainerFactory, ServiceIdentifier } from '@tsoa/runtime';
import type { Request } from 'express';
import { depsOf, type ApiDeps } from './deps';

/** tsoa's IoC hook: each controller is built per request with the app's dependency bag. */
export const iocContainer: IocContainerFactory<Request> = (request: Request): IocContainer => {
  const get = <T>(controller: ServiceIdentifier<T>): T => {
    if (typeof controller !== 'function') throw new Error(`unknown controller ${String(controller)}`);
    const Ctor = controller as new (deps: ApiDeps) => T;
    return new Ctor(depsOf(request));
  };
  return { get } as IocContainer;
};
