"""The kernel: config, errors, shared types, the sentence splitter, the citation grammar, conflicts.\n\nImports nothing from the rest of the project."""
