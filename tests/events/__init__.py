"""Unit tests of the coder's passes (a package: its module names repeat those of other test folders)."""
