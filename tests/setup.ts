/** Unit-test setup: nothing global yet; tests that need a fake `browser` build their own. */
export {};
