"""Window resources (the light theme's stylesheet template)."""
