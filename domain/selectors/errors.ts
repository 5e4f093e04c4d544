import { InputError } from '../errors';

/** Stable codes of selector errors (see `SelectorError.code`). */
export type SelectorErrorCode =
  | 'invalid_spec'
  | 'unknown_method'
  | 'invalid_value'
  | 'missing_state'
  | 'unknown_selector'
  | 'invalid_yaml_selector';

/**
 * A selection expression that cannot be evaluated. The message always names the expression the
 * user wrote, so the edge (CLI, API, UI) can show it as it is.
 */
export class SelectorError extends InputError {
  constructor(
    message: string,
    override readonly code: SelectorErrorCode,
    readonly expression: string,
  ) {
    super(message, code);
    this.name = 'SelectorError';
  }
}
