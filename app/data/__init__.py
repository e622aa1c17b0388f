"""The data file, its tables and the public shapes built from them, loaded once and read-only after."""
