"""The Textual app. Talks to the core only through a `Backend`, from thread workers."""
