/** The @kqlr/replay API the `test`/`diff` commands and reports use, imported from one place. */
export * from '@kqlr/replay';
