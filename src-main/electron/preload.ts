// Placeholder preload: exposes nothing until the contract is wired.
export {};
