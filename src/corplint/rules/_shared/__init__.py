"""What several rule families share: the character model, word lists, lines and page shapes."""
