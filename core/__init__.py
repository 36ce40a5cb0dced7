"""Shared building blocks at the bottom of the project: no models, no app imports. Every app
may use them; they depend on Django and the pinned libraries only."""
