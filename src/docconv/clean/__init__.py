"""Cleaning stages: residue removal and character repair, as transforms over the AST."""
