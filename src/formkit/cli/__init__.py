"""The command line, assembled in :mod:`formkit.cli.main`."""
