"""Structure: the numbering grammar, headings and lists, articles, duplicates and the title."""
