"""Screens: main (profiles, regions, repositories, tokens), tags, fleet, find, jump, rules, help,
reveal, MFA. A screen composes widgets and may import them; widgets never import a screen."""
