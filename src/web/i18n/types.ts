// The shape a translation must have: the same groups and keys as the Vietnamese texts, any words.
export type Translation<T> = { [K in keyof T]: { [L in keyof T[K]]: string } };
