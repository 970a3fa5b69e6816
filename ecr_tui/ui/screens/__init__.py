"""Screens: main (profiles, regions, repositories, tokens), tags, help, reveal."""
