/** The data dir and the files hookd creates in it are the owner's alone. */
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;
