// The canvas reducer lives in domain/ so that the UI and the API fold canvas events the same way.
export * from '../../../domain/canvas/reducer';
