// @vetkit/core/fake: a deterministic Checkr simulator for development, demos and tests.
export {}
