"""formkit's benchmark suite (issue 7): ``python -m bench [--quick]``; see bench/README.md."""
