/** A testkit option is missing, malformed or names something that does not exist. */
export class TestkitOptionError extends TypeError {
  override readonly name = 'TestkitOptionError';
}

/** A component (nats-server, sshd, ssh-keygen, useradd) failed to start or to become ready. */
export class ComponentStartError extends Error {
  override readonly name = 'ComponentStartError';
  readonly component: string;

  constructor(component: string, message: string, options?: { cause?: unknown }) {
    super(`${component}: ${message}`, options);
    this.component = component;
  }
}
