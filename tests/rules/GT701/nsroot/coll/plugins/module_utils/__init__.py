"""Modules of a tree imported through namespace packages (an Ansible-style collection)."""
