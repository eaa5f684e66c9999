"""Forms handled once: one-time tokens for create and decision forms (`once`), and forgetting old ones (`tasks`)."""
